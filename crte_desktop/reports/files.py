"""Writing output files whole or not at all (the one implementation is ``db/atomic.py``, used by the store
for its copies and snapshots too)."""

from __future__ import annotations

from crte_desktop.db.atomic import write_atomically, write_bytes, write_text

__all__ = ["write_atomically", "write_bytes", "write_text"]
