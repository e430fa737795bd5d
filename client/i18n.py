"""Marking text for translation without Qt: `trans_late(context, text)`.

The client has no Qt, yet some of its sentences are shown by the app (the error sentences in
`client.errors`), and the app keeps words in tables to translate later (column titles, terms).
`trans_late` returns `text` unchanged; `pyside6-lupdate` is told it is another spelling of
`QT_TRANSLATE_NOOP` (`-tr-function-alias`, see `ui/i18n_tool.py`), so the text lands in the
translation file under `context`, and the app translates it where it is shown, with
`QCoreApplication.translate(context, text)` (`ui.i18n.translate`). The idea is Vorta's.
"""

from __future__ import annotations


def trans_late(context: str, text: str) -> str:
    """`text`, marked for translation in `context` (translated later, where it is shown)."""
    del context  # read by lupdate, not at run time
    return text
