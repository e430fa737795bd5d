"""A guard against PySide6 6.12's lost references to `None`, `True` and `False` on Python 3.11.

Every PySide6 6.12 method that returns nothing (`QLabel.setText`, `QScrollBar.setValue`,
`QStandardItemModel.appendRow`, …) hands Python a `None` it took no reference for, so each call
takes one reference away from `None` (measured: 1,000 calls, 1,000 fewer); a signal's `emit()`
does the same to the `True`/`False` it returns. On Python 3.12+ these objects are immortal and
nothing happens; on 3.11 their counts (`None` about 27,000 once the app is imported, `True` and
`False` a few thousand) reach zero after that many such calls, and the interpreter aborts with
"deallocating None" (or "True or False"). A long session, or filling a table model with a few
thousand rows, gets there: this is what crashed the earlier trials of a C++ item model.

`keep_none_alive` gives the three a reference count no process can use up (2**40), which is
what 3.12 does for them anyway. It is a no-op on interpreters where they are already immortal.
"""

from __future__ import annotations

import sys

# Far more void calls than any session makes (one per nanosecond for 18 minutes), far below
# the count's range (a signed machine word).
_SPARE_REFERENCES = 1 << 40


def keep_none_alive() -> bool:
    """Make `None`, `True` and `False` immortal on CPython < 3.12; returns whether it did."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if sys.getrefcount(None) >= _SPARE_REFERENCES:
        return False  # done already
    import ctypes  # only here: 1.4 ms of import for every start would otherwise be paid

    for singleton in (None, True, False):
        # CPython's object header starts with the reference count (a Py_ssize_t).
        count = ctypes.c_ssize_t.from_address(id(singleton))
        count.value += _SPARE_REFERENCES
    return True
