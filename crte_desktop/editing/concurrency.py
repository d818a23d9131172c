"""Optimistic concurrency for contracts, sections, organisations and persons (issue 9.1), as for actions
(editing/actions.py) and meetings: each record carries the ``row_version`` it was loaded with; a save, a
deletion or an undo over a record whose stored version moved since (another window, a colleague on a share
whose locks lie) is refused with ConcurrentChangeError, naming what changed, before anything is written.
Called inside the service's transaction, so that nothing can slip in between the check and the write."""

from __future__ import annotations

from collections.abc import Callable

from crte_desktop.db.errors import ConcurrentChangeError
from crte_desktop.db.repos.history import HistoryRepository, changed_elsewhere_message
from crte_desktop.db.store import Store
from crte_desktop.domain.history import diff
from crte_desktop.editing.steps import Step, same_content, version_to_expect

Differences = list[tuple[str, str, str]]  # (what, as stored now, as in the refused record)


def refuse_if_changed(store: Store, entity: str, record_id: int | None, stored_version: int | None,
                      expected: int | None, what: Callable[[], str], differences: Callable[[], Differences] | None = None,
                      *, undoing: bool = False, deleting: bool = False, feminine: bool = True,
                      advice: str = "fermez la fiche, rouvrez-la et refaites-les") -> None:
    """Refuse when the record exists and its stored version is not ``expected`` (None: nothing to check).
    ``what()``: « L'organisation « Douai » »; ``differences()``: what the save would overwrite — without it
    (a deletion, an undo) the fields of the last change made elsewhere are named; ``advice``: how to see the
    other change and make one's own again."""
    if record_id is None or stored_version is None or expected is None or stored_version == expected:
        return
    history = HistoryRepository(store)
    last = history.last_change_of(entity, record_id)
    if differences is not None:
        shown = differences()
    else:
        shown = [(e.field, e.new_value or "", e.old_value or "") for e in last if e.field != "suppression"]
    raise ConcurrentChangeError(changed_elsewhere_message(what(), last[-1:], shown, undo=undoing,
                                                          deleting=deleting, feminine=feminine, advice=advice))


def field_differences(stored, mine, skip: tuple[str, ...] = ()) -> Differences:
    """The fields that differ between the stored record and the refused one, as the history words them."""
    return [(f, o or "", n or "") for f, o, n in diff(stored, mine, ("id", "row_version", *skip))]


def as_stored(record) -> tuple[int, object] | None:
    """(version, record) of a stored record, None when there is none: what ``versioned_step`` reads."""
    return (record.row_version, record) if record is not None else None


def versioned_step(label: str, run: Callable[[int | None, bool], object], revert: Callable[[int | None], object],
                   read: Callable[[], tuple[int, object] | None], expected: int | None) -> Step:
    """An undo step whose every replay checks the record's version. ``run(expected, replaying)`` does the
    operation (the first time ``expected`` is the version the user loaded; None: nothing to check) and
    ``revert(expected)`` its inverse; ``read()`` gives the stored (version, record), None once deleted. A
    replay expects what the step's last run left (editing/steps.py ``version_to_expect``: the version it
    left, or the current one when the record holds exactly what it left)."""
    left: list = [expected, None]  # the version and the content the step's last run left
    ran = [False]

    def expecting() -> int | None:
        if not ran[0]:
            return expected
        now = read()
        return version_to_expect(left[0], now[0] if now else None,
                                 lambda: now is not None and left[1] is not None and same_content(now[1], left[1]))

    def done() -> None:
        now = read()
        left[:] = list(now) if now else [None, None]

    def redo() -> None:
        run(expecting(), ran[0])
        ran[0] = True
        done()

    def undo() -> None:
        revert(expecting())
        done()

    return Step(label, redo, undo)


def deletion_step(label: str, record_id: int, delete: Callable[..., object], put_back: Callable[[], object],
                  read: Callable[[int], object], expected_version: int | None) -> Step:
    """The undo step of a deletion: ``delete(id, expected_version=, undoing=)`` checked against the version the
    user saw, undone by ``put_back()``; every replay checks what the last run left (``versioned_step``)."""
    return versioned_step(
        label,
        lambda expected, replaying: delete(record_id, expected_version=expected, undoing=replaying),
        lambda _expected: put_back(),
        lambda: as_stored(read(record_id)), expected_version)
