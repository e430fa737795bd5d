"""The plain HTML sign-in form of the authorization endpoint (no script, everything escaped)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

_STYLE = """
body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;background:#f4f5f7;margin:0}
main{max-width:26rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:8px;
box-shadow:0 1px 4px rgba(0,0,0,.15)}
label{display:block;margin:.8rem 0 .2rem}input[type=text],input[type=password]{width:100%;
padding:.5rem;box-sizing:border-box}button{margin-top:1.2rem;padding:.6rem 1.2rem}
.error{color:#b00020}.demo{margin-top:1.5rem;font-size:.9rem;color:#444}
table{border-collapse:collapse}td{padding:.1rem .6rem .1rem 0}
"""


def render_login_page(
    *,
    shop_name: str,
    action: str,
    hidden: Mapping[str, str],
    error: str | None = None,
    username: str = "",
    demo_accounts: Sequence[tuple[str, str, str]] = (),
) -> str:
    """Render the form; `demo_accounts` are (username, password, role) shown in demo mode."""
    fields = "".join(
        f'<input type="hidden" name="{escape(k)}" value="{escape(v)}">'
        for k, v in hidden.items()
    )
    error_html = f'<p class="error" role="alert">{escape(error)}</p>' if error else ""
    demo_html = ""
    if demo_accounts:
        rows = "".join(
            f"<tr><td><code>{escape(u)}</code></td><td><code>{escape(p)}</code></td>"
            f"<td>{escape(r)}</td></tr>"
            for u, p, r in demo_accounts
        )
        demo_html = (
            '<section class="demo"><h2>Demo accounts / 演示账户</h2>'
            f"<table>{rows}</table></section>"
        )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · {escape(shop_name)}</title><style>{_STYLE}</style></head>
<body><main>
<h1>{escape(shop_name)}</h1>
<p>Sign in to let the privacy dashboard see and manage your data. 登录以管理您的个人信息。</p>
{error_html}
<form method="post" action="{escape(action)}">
{fields}
<label for="username">Account / 账户</label>
<input id="username" name="username" type="text" autocomplete="username"
 value="{escape(username)}" required autofocus>
<label for="password">Password / 密码</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in / 登录</button>
</form>
{demo_html}
</main></body></html>"""


def render_error_page(shop_name: str, message: str) -> str:
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign-in error · {escape(shop_name)}</title>
<style>{_STYLE}</style></head><body><main><h1>{escape(shop_name)}</h1>
<p class="error" role="alert">{escape(message)}</p></main></body></html>"""
