"""Background work: results and errors come back on the GUI thread, cancellation leaves the file unchanged,
writes are serialised, the progress dialog appears only for long work."""

import threading
import time

import pytest
from PySide6.QtWidgets import QWidget

from crte_desktop.db.changes import Changes
from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.domain.contract import Contract
from crte_desktop.domain.errors import DomainError
from crte_desktop.views.shell import tasks
from crte_desktop.progress import Cancelled, Control
from crte_desktop.views.shell.tasks import ReadOp, WriteOp
from crte_desktop.workspace import Workspace


@pytest.fixture
def parent(qtbot):
    w = QWidget()
    qtbot.addWidget(w)
    return w


def _wait_idle(qtbot):
    qtbot.waitUntil(lambda: tasks.running_count() == 0, timeout=10000)


def test_read_success_runs_work_off_thread_and_callback_on_gui_thread(qtbot, parent, workspace):
    seen = {}

    def work(control):
        seen["work_thread"] = threading.current_thread()
        reader = workspace.reader()  # a read-only store of the worker's own
        try:
            return reader.conn.execute("SELECT COUNT(*) FROM funder").fetchone()[0]
        finally:
            reader.close()

    def success(result):
        seen["result"] = result
        seen["callback_thread"] = threading.current_thread()

    op = ReadOp(parent, work, success).run_in_background()
    qtbot.waitUntil(lambda: "result" in seen, timeout=5000)
    assert seen["result"] > 5
    assert seen["work_thread"] is not threading.main_thread()
    assert seen["callback_thread"] is threading.main_thread()
    assert not op.is_running
    assert op.progress_dialog is None  # quick work shows no dialog
    _wait_idle(qtbot)


def test_read_failure_goes_to_failure_callback_on_gui_thread(qtbot, parent):
    seen = {}

    def work(control):
        raise DomainError("Le classeur est vide.")

    def failure(exc):
        seen["exc"] = exc
        seen["thread"] = threading.current_thread()

    ReadOp(parent, work, lambda r: seen.setdefault("success", r)).failure(failure).run_in_background()
    qtbot.waitUntil(lambda: "exc" in seen, timeout=5000)
    assert str(seen["exc"]) == "Le classeur est vide."
    assert seen["thread"] is threading.main_thread()
    assert "success" not in seen
    _wait_idle(qtbot)


@pytest.mark.parametrize("with_parent", [True, False])
def test_default_failure_shows_the_french_message(qtbot, parent, with_parent):
    from PySide6.QtWidgets import QApplication, QMessageBox

    def work(control):
        raise DomainError("Le fichier « x.xlsx » n'est pas un classeur.")

    ReadOp(parent if with_parent else None, work).run_in_background()

    def box():
        return next((w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()), None)

    qtbot.waitUntil(lambda: box() is not None, timeout=5000)
    assert "n'est pas un classeur" in box().text()
    box().close()
    _wait_idle(qtbot)


def test_long_work_shows_progress_and_can_be_cancelled(qtbot, parent):
    seen = {}
    started = threading.Event()

    def work(control):
        started.set()
        for i in range(1000):
            control.check()
            control.report(i, 1000, f"Étape {i}")
            time.sleep(0.01)
        return "fini"

    op = (ReadOp(parent, work, lambda r: seen.setdefault("result", r))
          .on_cancel(lambda: seen.setdefault("cancelled", True))
          .with_progress("Génération du dossier…"))
    op.run_in_background()
    qtbot.waitUntil(lambda: op.progress_dialog is not None and op.progress_dialog.isVisible(), timeout=5000)
    dialog = op.progress_dialog
    assert dialog.cancel_button.isVisible() and dialog.cancel_button.text() == "Annuler"
    qtbot.waitUntil(lambda: dialog.bar.maximum() == 1000, timeout=5000)
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: "cancelled" in seen, timeout=5000)
    assert "result" not in seen
    assert op.progress_dialog is None
    _wait_idle(qtbot)


def test_progress_dialog_without_cancel_button(qtbot, parent):
    seen = {}

    def work(control):
        time.sleep(0.8)
        return 42

    op = ReadOp(parent, work, lambda r: seen.setdefault("result", r)).with_progress("Préparation…", cancellable=False)
    op.run_in_background()
    qtbot.waitUntil(lambda: op.progress_dialog is not None, timeout=5000)
    assert not op.progress_dialog.cancel_button.isVisible()
    op.progress_dialog.reject()  # Escape does nothing when the work cannot be cancelled
    qtbot.waitUntil(lambda: "result" in seen, timeout=5000)
    assert seen["result"] == 42
    _wait_idle(qtbot)


def test_write_success_announces_changes_on_gui_store(qtbot, parent, workspace):
    seen = []
    workspace.subscribe(lambda changes: seen.append(("notice", changes, threading.current_thread())))

    def work(own, control):
        with own.store.transaction():
            return ContractRepository(own.store).save_contract(Contract(name="CRTE du Douaisis"))

    WriteOp(parent, Workspace(workspace), work, lambda changes: seen.append(("success", changes))).run_in_background()
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)
    assert seen[0][0] == "notice" and seen[0][2] is threading.main_thread()
    assert seen[1][0] == "success" and seen[1][1].contracts
    assert [c.name for c in ContractRepository(workspace).contracts()] == ["CRTE du Douaisis"]
    _wait_idle(qtbot)


def test_cancelled_write_leaves_file_unchanged(qtbot, parent, workspace, digest):
    before = digest(workspace.path)
    seen = {}

    def work(own, control):
        with own.store.transaction():
            ContractRepository(own.store).save_contract(Contract(name="À moitié écrit"))
            while True:
                control.check()
                time.sleep(0.01)

    op = WriteOp(parent, Workspace(workspace), work).on_cancel(lambda: seen.setdefault("cancelled", True)).with_progress("Import…")
    op.run_in_background()
    qtbot.waitUntil(lambda: op.progress_dialog is not None, timeout=5000)
    op.progress_dialog.reject()  # Escape cancels
    qtbot.waitUntil(lambda: "cancelled" in seen, timeout=5000)
    assert digest(workspace.path) == before
    assert ContractRepository(workspace).contracts() == []
    _wait_idle(qtbot)


def test_failed_write_rolls_back(qtbot, parent, workspace, digest):
    before = digest(workspace.path)
    seen = {}

    def work(own, control):
        with own.store.transaction():
            ContractRepository(own.store).save_contract(Contract(name="Erreur"))
            raise DomainError("Ligne 3 : montant invalide.")

    WriteOp(parent, Workspace(workspace), work).failure(lambda exc: seen.setdefault("exc", exc)).run_in_background()
    qtbot.waitUntil(lambda: "exc" in seen, timeout=5000)
    assert "montant invalide" in str(seen["exc"])
    assert digest(workspace.path) == before
    _wait_idle(qtbot)


def test_writes_are_serialised(qtbot, parent, workspace):
    log = []
    lock = threading.Lock()

    def make(name):
        def work(own, control):
            with lock:
                log.append(("start", name))
            time.sleep(0.15)
            with lock:
                log.append(("end", name))
            return Changes()
        return work

    for name in ("a", "b", "c"):
        WriteOp(parent, Workspace(workspace), make(name)).run_in_background()
    qtbot.waitUntil(lambda: len(log) == 6, timeout=10000)
    assert log == [("start", "a"), ("end", "a"), ("start", "b"), ("end", "b"), ("start", "c"), ("end", "c")]
    _wait_idle(qtbot)


def test_callback_skipped_when_parent_window_is_gone(qtbot):
    seen = {}
    w = QWidget()
    release = threading.Event()

    def work(control):
        release.wait(5)
        return 1

    op = ReadOp(w, work, lambda r: seen.setdefault("result", r)).run_in_background()
    w.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(w), timeout=5000)
    release.set()
    qtbot.waitUntil(lambda: not op.is_running, timeout=5000)
    assert seen == {}
    _wait_idle(qtbot)


def test_cancelled_is_an_exception_the_work_can_raise():
    control = Control()  # what a task hands its work (crte_desktop/progress.py)
    control.check()
    control.cancel()
    with pytest.raises(Cancelled):
        control.check()
