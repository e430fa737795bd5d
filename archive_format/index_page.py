"""The archive's `index.html`: one page a person can read without any tool, in one language.

It says whose archive it is and who made it, then shows every section as a table with human
column labels (the first `rows` records of each; all of them are in `data/` and `csv/`), then
lists the files with their SHA-256. No script and no remote resource: a Content-Security-Policy
of `default-src 'none'` with inline style only, no link to anything outside the page, and every
value as escaped text (":" of a "://" in a record is written as `&#58;`, so no address in the
data can read as a reference to anything).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from archive_format.labels import CODED_FIELDS, field_label, value_label
from archive_format.sections import section_title

_TIME = re.compile(r"^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)(?::\d\d(?:\.\d+)?)?(Z|[+-]\d\d:\d\d)?$")
_CENTS = ("_cents",)

STYLE = (
    "body{font-family:sans-serif;max-width:72em;margin:2em auto;padding:0 1em}"
    "table{border-collapse:collapse;margin:.5em 0}"
    "td,th{border:1px solid #ccc;padding:.2em .5em;vertical-align:top;text-align:left}"
    "th{background:#f3f3f3}"
    ".wide{overflow-x:auto;max-width:100%}"
    ".wide td{max-width:28em;overflow-wrap:anywhere}"
    "code{overflow-wrap:anywhere}"
    "nav li{display:inline-block;margin-right:1em}"
)

_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "personal data archive",
        "sections": "Sections",
        "section": "section",
        "records": "records",
        "files": "Files",
        "file": "file",
        "bytes": "bytes",
        "none": "No records.",
        "shown": "The first {shown} of {total} records; all of them are in {csv} and {data}.",
        "all": "{total} records; also in {csv} and {data}.",
        "one": "Also in {data}.",
        "field": "field",
        "value": "value",
        "and_more": "and {n} more",
    },
    "zh-CN": {
        "title": "个人信息副本",
        "sections": "内容",
        "section": "类别",
        "records": "条数",
        "files": "文件",
        "file": "文件",
        "bytes": "字节",
        "none": "没有记录。",
        "shown": "共 {total} 条，这里显示前 {shown} 条；全部记录见 {csv} 和 {data}。",
        "all": "共 {total} 条；同样见 {csv} 和 {data}。",
        "one": "同样见 {data}。",
        "field": "字段",
        "value": "值",
        "and_more": "另有 {n} 项",
    },
}


@dataclass(frozen=True)
class IndexSection:
    """What the page shows of one section: its record count and the first records."""

    name: str
    path: str
    records: int
    preview: Sequence[Mapping[str, Any]]
    csv_path: str | None


def _text(value: str) -> str:
    return html.escape(value).replace("://", "&#58;//")


def render_value(value: Any, language: str, *, key: str = "") -> str:
    """A value as escaped HTML text: words for booleans, short dates, lists one per line."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _text(value_label("true" if value else "false", language))
    if isinstance(value, int | float):
        if key.endswith(_CENTS) and isinstance(value, int):
            return f"{value / 100:.2f}"
        return _text(str(value))
    if isinstance(value, str):
        moment = _TIME.match(value)
        if moment is not None:
            zone = moment.group(3)
            suffix = " UTC" if zone in ("Z", "+00:00") else (f" {zone}" if zone else "")
            return _text(f"{moment.group(1)} {moment.group(2)}{suffix}")
        return _text(value_label(value, language) if key in CODED_FIELDS else value)
    if isinstance(value, Mapping):
        return "<br>".join(
            f"{_text(field_label(str(k), language))}: {render_value(v, language, key=str(k))}"
            for k, v in value.items()
            if not str(k).endswith("_zh")
        )
    if isinstance(value, list | tuple):
        shown = [render_value(v, language, key=key) for v in value[:20]]
        if len(value) > 20:
            shown.append(_text(_WORDS[language]["and_more"].format(n=len(value) - 20)))
        separator = "<br>" if any(isinstance(v, Mapping) for v in value) else ", "
        return separator.join(shown)
    return _text(str(value))


def _columns(items: Sequence[Mapping[str, Any]]) -> list[str]:
    """Every key of the shown records in first-seen order, less the other language's copy."""
    seen: dict[str, None] = {}
    for item in items:
        for key in item:
            seen.setdefault(str(key), None)
    return [k for k in seen if not k.endswith("_zh")]


def _table(items: Sequence[Mapping[str, Any]], language: str) -> str:
    columns = _columns(items)
    head = "".join(f"<th>{_text(field_label(c, language))}</th>" for c in columns)
    body = "\n".join(
        "<tr>"
        + "".join(f"<td>{render_value(i.get(c), language, key=c)}</td>" for c in columns)
        + "</tr>"
        for i in items
    )
    return f'<div class="wide"><table>\n<tr>{head}</tr>\n{body}\n</table></div>'


def _account(account: Mapping[str, Any], language: str) -> str:
    w = _WORDS[language]
    rows = [
        (field_label(k, language), render_value(v, language, key=k))
        for k, v in account.items()
        if k != "fields" and not k.endswith("_zh")
    ]
    for f in account.get("fields") or []:
        if isinstance(f, Mapping):
            name = f.get("label") or field_label(str(f.get("key") or ""), language)
            rows.append((str(name), render_value(f.get("value"), language)))
    body = "\n".join(f"<tr><th>{_text(k)}</th><td>{v}</td></tr>" for k, v in rows)
    return (
        f'<div class="wide"><table>\n<tr><th>{w["field"]}</th><th>{w["value"]}</th></tr>\n'
        f"{body}\n</table></div>"
    )


def _section(part: IndexSection, language: str) -> str:
    w = _WORDS[language]
    title = _text(section_title(part.name, language))
    data = f"<code>{_text(part.path)}</code>"
    csv = f"<code>{_text(part.csv_path)}</code>" if part.csv_path else data
    if part.name == "account" and part.preview:
        note = w["one"].format(data=data)
        table = _account(part.preview[0], language)
    elif part.records == 0:
        note, table = w["none"], ""
    else:
        template = w["shown"] if len(part.preview) < part.records else w["all"]
        note = template.format(shown=len(part.preview), total=part.records, csv=csv, data=data)
        table = _table(part.preview, language)
    return (
        f'<section id="{_text(part.name)}">\n<h2>{title}</h2>\n<p>{note}</p>\n{table}\n</section>'
    )


def render_index(
    *,
    language: str,
    shop_name: str,
    intro: str,
    sections: Sequence[IndexSection],
    files: Sequence[Mapping[str, Any]],
) -> str:
    """The whole page. `intro` is already HTML (the writer's sentence about who made it)."""
    lang = "zh-CN" if language == "zh-CN" else "en"
    w = _WORDS[lang]
    shop = _text(shop_name)
    contents = "\n".join(
        f'<tr><td><a href="#{_text(s.name)}">{_text(section_title(s.name, lang))}</a></td>'
        f"<td>{s.records}</td></tr>"
        for s in sections
    )
    members = "\n".join(
        f"<tr><td><code>{_text(str(f['path']))}</code></td><td>{f['size']}</td>"
        f"<td><code>{_text(str(f['sha256']))}</code></td></tr>"
        for f in files
    )
    parts = "\n".join(_section(s, lang) for s in sections)
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{shop} — {w["title"]}</title>
<style>{STYLE}</style>
</head>
<body>
<h1>{shop}</h1>
{intro}
<h2>{w["sections"]}</h2>
<table><tr><th>{w["section"]}</th><th>{w["records"]}</th></tr>
{contents}
</table>
{parts}
<h2>{w["files"]}</h2>
<div class="wide"><table><tr><th>{w["file"]}</th><th>{w["bytes"]}</th><th>SHA-256</th></tr>
{members}
</table></div>
</body>
</html>
"""


def intro_html(
    *,
    language: str,
    display_name: str,
    customer_no: str,
    created_at: str,
    signed_by: str | None,
) -> str:
    """Who the archive is of and who made it (the shop, signed by key `signed_by`, or the app)."""
    who, number, when = _text(display_name), _text(customer_no), _text(created_at)
    if language == "zh-CN":
        if signed_by is not None:
            first = f"<strong>{who}</strong>（客户编号 {number}）的个人信息副本，生成于 {when}。"
            files = (
                "数据在 <code>data/</code>（JSON）和 <code>csv/</code>（表格）中；"
                "<code>manifest.json</code> 列出每个文件及其 SHA-256，并由商城签名（密钥 "
                f"{_text(signed_by)}，公布于 <code>/.well-known/privacy-api</code>）。"
            )
        else:
            first = (
                f"<strong>{who}</strong>（客户编号 {number}）的个人信息副本，由隐私"
                f"面板于 {when} 导出，未经商城签名。"
            )
            files = (
                "数据在 <code>data/</code>（JSON）和 <code>csv/</code>（表格）中；"
                "<code>manifest.json</code> 列出每个文件及其 SHA-256。"
            )
    elif signed_by is not None:
        first = (
            f"Personal data archive of <strong>{who}</strong> (customer no. {number}), "
            f"created {when}."
        )
        files = (
            "The data is in <code>data/</code> (JSON) and <code>csv/</code> (spreadsheets); "
            "<code>manifest.json</code> lists every file with its SHA-256 and is signed by the "
            f"shop (key {_text(signed_by)}, published at <code>/.well-known/privacy-api</code>)."
        )
    else:
        first = (
            f"Personal data archive of <strong>{who}</strong> (customer no. {number}), "
            f"exported by the privacy dashboard on {when}. It is not signed by the shop."
        )
        files = (
            "The data is in <code>data/</code> (JSON) and <code>csv/</code> (spreadsheets); "
            "<code>manifest.json</code> lists every file with its SHA-256."
        )
    return f"<p>{first}</p>\n<p>{files}</p>"


__all__ = ["IndexSection", "intro_html", "render_index", "render_value"]
