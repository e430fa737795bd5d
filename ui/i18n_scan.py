"""Find the translatable strings lupdate cannot see, so `ui.i18n_tool` can show them to it.

lupdate reads literal `tr("…")` and `translate("Context", "…")` calls. The app also has:
- table column titles declared as `Column[T]("Title", …)`, translated when shown ("Columns");
- small wrappers such as `def _tr(text): return QCoreApplication.translate("Terms", text)`,
  called with literals or with words looked up in module-level dictionaries;
- `self.tr(WORDS[key])` and `translate(CONTEXT, "a" if flag else "b")`.
This module walks each source's syntax tree and lists (context, text) for all of them.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

Message = tuple[str, str]


def _string(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


class _ModuleScan(ast.NodeVisitor):
    def __init__(self, tree: ast.Module) -> None:
        self.constants: dict[str, str] = {}
        self.word_tables: dict[str, list[str]] = {}
        self.wrappers: dict[str, str] = {}  # function name -> context
        self.found: set[Message] = set()
        self._class: list[str] = []
        self._collect_module_names(tree)

    def _collect_module_names(self, tree: ast.Module) -> None:
        for node in tree.body:
            target, value = _assignment(node)
            if target is None or value is None:
                continue
            text = _string(value)
            if text is not None:
                self.constants[target] = text
            elif isinstance(value, ast.Dict):
                words = [_string(v) for v in value.values]
                if words and all(w is not None for w in words):
                    self.word_tables[target] = [w for w in words if w is not None]
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and len(node.body) == 1:
                statement = node.body[0]
                if isinstance(statement, ast.Return) and isinstance(statement.value, ast.Call):
                    context = self._translate_context(statement.value)
                    if context is not None:
                        self.wrappers[node.name] = context

    def _context_of(self, node: ast.AST) -> str | None:
        text = _string(node)
        if text is not None:
            return text
        if isinstance(node, ast.Name):
            return self.constants.get(node.id)
        return None

    def _translate_context(self, call: ast.Call) -> str | None:
        name = _called_name(call)
        if name == "translate" and len(call.args) >= 2:
            return self._context_of(call.args[0])
        return None

    def _texts(self, node: ast.AST) -> list[str]:
        text = _string(node)
        if text is not None:
            return [text]
        if isinstance(node, ast.IfExp):
            return self._texts(node.body) + self._texts(node.orelse)
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
            return self.word_tables.get(node.value.id, [])
        return []

    def _add(self, context: str, argument: ast.AST, *, tables_if_unknown: bool) -> None:
        texts = self._texts(argument)
        if not texts and tables_if_unknown:
            texts = [w for table in self.word_tables.values() for w in table]
        self.found.update((context, text) for text in texts if text.strip())

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._class.append(node.name)
        self.generic_visit(node)
        self._class.pop()

    def visit_Call(self, node: ast.Call) -> None:
        name = _called_name(node)
        if name == "Column" and node.args:
            self._add("Columns", node.args[0], tables_if_unknown=False)
        elif name == "translate" and len(node.args) >= 2:
            context = self._context_of(node.args[0])
            if context is not None:
                self._add(context, node.args[1], tables_if_unknown=True)
        elif name in self.wrappers and node.args:
            self._add(self.wrappers[name], node.args[0], tables_if_unknown=True)
        elif name == "tr" and node.args and self._class and _string(node.args[0]) is None:
            self._add(self._class[-1], node.args[0], tables_if_unknown=False)
        self.generic_visit(node)


def _assignment(node: ast.stmt) -> tuple[str | None, ast.AST | None]:
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        target = node.targets[0]
        return (target.id if isinstance(target, ast.Name) else None), node.value
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return node.target.id, node.value
    return None, None


def _called_name(call: ast.Call) -> str | None:
    function = call.func
    if isinstance(function, ast.Subscript):  # Column[T](…)
        function = function.value
    if isinstance(function, ast.Name):
        return function.id
    if isinstance(function, ast.Attribute):
        return function.attr
    return None


def hidden_messages(paths: Iterable[Path]) -> set[Message]:
    found: set[Message] = set()
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        scan = _ModuleScan(tree)
        scan.visit(tree)
        found |= scan.found
    return found
