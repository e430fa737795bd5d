"""The plain HTML sign-in form of the authorization endpoint (no script, everything escaped).

Each page is in one language, the one the app asked for (`ui_locales`) or the browser prefers
(`Accept-Language`): English or Simplified Chinese (`server.i18n`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from server.i18n import Language

_STYLE = """
body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;background:#f4f5f7;margin:0}
main{max-width:26rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:8px;
box-shadow:0 1px 4px rgba(0,0,0,.15)}
label{display:block;margin:.8rem 0 .2rem}input[type=text],input[type=password]{width:100%;
padding:.5rem;box-sizing:border-box}button{margin-top:1.2rem;padding:.6rem 1.2rem}
.error{color:#b00020}.demo{margin-top:1.5rem;font-size:.9rem;color:#444}
table{border-collapse:collapse}td{padding:.1rem .6rem .1rem 0}.cancel button{margin-top:.6rem}
"""

_TEXT: dict[str, dict[Language, str]] = {
    "title": {"en": "Sign in", "zh-CN": "登录"},
    "intro": {
        "en": "Sign in to let the privacy dashboard see and manage your data.",
        "zh-CN": "登录后，隐私仪表板即可查看和管理您在本店的个人信息。",
    },
    "account": {"en": "Account", "zh-CN": "账户"},
    "password": {"en": "Password", "zh-CN": "密码"},
    "submit": {"en": "Sign in", "zh-CN": "登录"},
    "demo": {"en": "Demo accounts", "zh-CN": "演示账户"},
    "role_shopper": {"en": "shopper", "zh-CN": "顾客"},
    "role_agent": {"en": "customer-service agent", "zh-CN": "客服人员"},
    "error_title": {"en": "Sign-in error", "zh-CN": "登录出错"},
    "wrong_password": {
        "en": "The account or password is not right.",
        "zh-CN": "账户或密码不正确。",
    },
    "too_many": {
        "en": "Too many failed attempts. Try again in {seconds} seconds.",
        "zh-CN": "尝试次数过多，请在 {seconds} 秒后重试。",
    },
    "cannot_grant": {
        "en": "This account cannot grant what the application asks for.",
        "zh-CN": "此账户无法授予该应用请求的权限。",
    },
    "guardian_consent_pending": {
        "en": "A parent or guardian must consent to your account before you can sign in "
        "(privacy policy: {clause}). Ask them to give their consent to the shop.",
        "zh-CN": "您须先获得父母或监护人对您账户的同意才能登录（隐私政策：{clause}）。"
        "请让他们向本店表示同意。",
    },
    "cancel": {"en": "Cancel: do not sign in", "zh-CN": "取消，不登录"},
    "cancelled": {
        "en": "You cancelled the sign-in on the shop's page.",
        "zh-CN": "您已在商城页面取消登录。",
    },
    "unknown_client": {"en": "Unknown application.", "zh-CN": "未知的应用。"},
    "bad_redirect": {
        "en": "The application's return address is not allowed.",
        "zh-CN": "该应用的返回地址不被允许。",
    },
}


def text(key: str, language: Language, **params: object) -> str:
    """One sentence of the sign-in pages in `language`."""
    return _TEXT[key][language].format(**params)


def render_login_page(
    *,
    shop_name: str,
    action: str,
    hidden: Mapping[str, str],
    language: Language = "en",
    error: str | None = None,
    username: str = "",
    demo_accounts: Sequence[tuple[str, str, str]] = (),
    cancel_action: str | None = None,
) -> str:
    """Render the form; `demo_accounts` are (username, password, role) shown in demo mode.
    `cancel_action`: where a second form (the same hidden fields, no password) sends the
    person who does not want to sign in, so the app hears of it instead of waiting."""
    fields = "".join(
        f'<input type="hidden" name="{escape(k)}" value="{escape(v)}">' for k, v in hidden.items()
    )
    error_html = f'<p class="error" role="alert">{escape(error)}</p>' if error else ""
    cancel_html = ""
    if cancel_action:
        cancel_html = (
            f'<form method="post" action="{escape(cancel_action)}" class="cancel">{fields}'
            f'<button type="submit">{escape(text("cancel", language))}</button></form>'
        )
    demo_html = ""
    if demo_accounts:
        rows = "".join(
            f"<tr><td><code>{escape(u)}</code></td><td><code>{escape(p)}</code></td>"
            f"<td>{escape(_role(r, language))}</td></tr>"
            for u, p, r in demo_accounts
        )
        demo_html = (
            f'<section class="demo"><h2>{escape(text("demo", language))}</h2>'
            f"<table>{rows}</table></section>"
        )
    return f"""<!doctype html>
<html lang="{language}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(text("title", language))} · {escape(shop_name)}</title>
<style>{_STYLE}</style></head>
<body><main>
<h1>{escape(shop_name)}</h1>
<p>{escape(text("intro", language))}</p>
{error_html}
<form method="post" action="{escape(action)}">
{fields}
<label for="username">{escape(text("account", language))}</label>
<input id="username" name="username" type="text" autocomplete="username"
 value="{escape(username)}" required autofocus>
<label for="password">{escape(text("password", language))}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">{escape(text("submit", language))}</button>
</form>
{cancel_html}
{demo_html}
</main></body></html>"""


def render_error_page(shop_name: str, message: str, language: Language = "en") -> str:
    return f"""<!doctype html>
<html lang="{language}"><head><meta charset="utf-8">
<title>{escape(text("error_title", language))} · {escape(shop_name)}</title>
<style>{_STYLE}</style></head><body><main><h1>{escape(shop_name)}</h1>
<p class="error" role="alert">{escape(message)}</p></main></body></html>"""


def _role(role: str, language: Language) -> str:
    key = f"role_{role}"
    return text(key, language) if key in _TEXT else role
