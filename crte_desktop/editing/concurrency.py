"""Optimistic concurrency for contracts, sections, organisations and persons (issue 9.1), as for actions
(editing/actions.py) and meetings: each record carries the ``row_version`` it was loaded with; a save, a
deletion or an undo over a record whose stored version moved since (another window, a colleague on a share
whose locks lie) is refused with ConcurrentChangeError, naming what changed, before anything is written.
Called inside the service's transaction, so that nothing can slip in between the check and the write."""

from __future__ import annotations

from collections.abc import Callable
from weakref import WeakKeyDictionary

from crte_desktop.db.errors import ConcurrentChangeError
from crte_desktop.db.repos.history import HistoryRepository, changed_elsewhere_message
from crte_desktop.db.store import Store
from crte_desktop.domain.history import diff
from crte_desktop.editing.steps import Step

Differences = list[tuple[str, str, str]]  # (what, as stored now, as in the refused record)


def refuse_if_changed(store: Store, entity: str, record_id: int | None, stored_version: int | None,
                      expected: int | None, what: Callable[[], str], differences: Callable[[], Differences] | None = None,
                      *, undoing: bool = False, deleting: bool = False, feminine: bool = True) -> None:
    """Refuse when the record exists and its stored version is not ``expected`` (None: nothing to check).
    ``what()``: « L'organisation « Douai » »; ``differences()``: what the save would overwrite — without it
    (a deletion, an undo) the fields of the last change made elsewhere are named."""
    if record_id is None or stored_version is None or expected is None or stored_version == expected:
        return
    history = HistoryRepository(store)
    last = history.last_change_of(entity, record_id)
    if differences is not None:
        shown = differences()
    else:
        shown = [(e.field, e.new_value or "", e.old_value or "") for e in last if e.field != "suppression"]
    raise ConcurrentChangeError(changed_elsewhere_message(what(), last[-1:], shown, undo=undoing,
                                                          deleting=deleting, feminine=feminine))


def field_differences(stored, mine, skip: tuple[str, ...] = ()) -> Differences:
    """The fields that differ between the stored record and the refused one, as the history words them."""
    return [(f, o or "", n or "") for f, o, n in diff(stored, mine, ("id", "row_version", *skip))]


# Per open workspace, per record: the version this window's undo steps last left, and their chain. A later
# step on the same record continues the chain when it starts from that version; a change made elsewhere in
# between starts a new chain, so that the older steps no longer replay over it.
_chains: WeakKeyDictionary[Store, dict[tuple[str, int | None], tuple[int | None, object]]] = WeakKeyDictionary()


def versioned_step(label: str, store: Store, key: Callable[[], tuple[str, int | None]],
                   run: Callable[[int | None, bool], object], revert: Callable[[int | None], object],
                   version: Callable[[], int | None], expected: int | None) -> Step:
    """An undo step whose every replay checks the record's version. ``run(expected, replaying)`` does the
    operation (the first time ``expected`` is the version the user loaded; None: nothing to check) and
    ``revert(expected)`` its inverse; ``key()`` names the record (« section », id) and ``version()`` reads
    its stored version. A replay expects the version the step's last run left — or, when this window's own
    later steps moved it since (two edits of the same record undone in turn), the version they left."""
    left: list = [expected, None]  # the version the step's last run left, and its chain
    ran = [False]

    def expecting() -> int | None:
        if not ran[0]:
            return expected
        stored = version()
        if stored != left[0] and _chains.get(store, {}).get(key()) == (stored, left[1]):
            return stored  # only this window's own steps changed it since
        return left[0]

    def done(before: int | None) -> None:
        book = _chains.setdefault(store, {})
        known = book.get(key())
        chain = known[1] if known is not None and known[0] == before else object()
        left[:] = [version(), chain]
        book[key()] = (left[0], chain)

    def redo() -> None:
        wanted, before = expecting(), version()
        run(wanted, ran[0])
        ran[0] = True
        done(before)

    def undo() -> None:
        wanted, before = expecting(), version()
        revert(wanted)
        done(before)

    return Step(label, redo, undo)
