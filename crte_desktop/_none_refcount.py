"""Work-around for PySide6 6.12.0 (abi3 wheels) on Python 3.11.

Every call of a Qt method that returns nothing (``label.setText(…)``, ``button.setEnabled(…)``), and
every read of an empty QVariant (``index.data(role)`` with nothing set, ``combo.currentData()`` on
an item whose data is None), hands back ``None`` without taking a reference to it. None's reference
count then falls by one per call until CPython aborts with "Fatal Python error: none_dealloc:
deallocating None" (exit 134), often at exit or in the middle of a long test run.

The wheels assume Python ≥ 3.12, where None is immortal and takes no reference counting. On 3.11
we give None a reference count that no session can exhaust, which is what 3.12 does. Imports no Qt.
"""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 48


def protect_none() -> None:
    if sys.version_info < (3, 12) and sys.implementation.name == "cpython" and sys.getrefcount(None) < _HEADROOM:
        ctypes.c_ssize_t.from_address(id(None)).value += _HEADROOM


protect_none()
