"""Work off the GUI thread (docs/architecture.md, "The Workspace").

Two helpers, in the manner of Anki's ``CollectionOp`` / ``QueryOp``:

* ``ReadOp`` — reads and file generation (export, PDF…), run on the global thread pool;
* ``WriteOp`` — writes to the workspace, serialised (one at a time) on a pool of one thread.

The work function runs on a worker thread and never touches a widget. It receives a
``progress.Control`` (crte_desktop/progress.py: ``check()`` raises ``Cancelled`` once the user asked
to stop, ``report()`` feeds the progress dialog) and passes it down to the services. A sqlite3 connection stays on the thread
that opened it: a ``ReadOp`` opens its own with ``workspace.reader()`` and closes it; a ``WriteOp`` is
handed a ``Workspace`` on its own connection (``workspace.sibling()``), closed afterwards, and the
``Changes`` it returns are announced on the GUI thread's store so that the views refresh.

Success, failure and cancellation callbacks run on the GUI thread. A progress dialog (with an
"Annuler" button when the work can be cancelled) appears only when the work lasts over half a
second.

    ReadOp(window, lambda control: export(path, control), on_success=done) \\
        .with_progress("Export du classeur…").run_in_background()
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from crte_desktop.db.changes import Changes
from crte_desktop.workspace import Workspace
from crte_desktop.domain.errors import DomainError
from crte_desktop.logs import timed
from crte_desktop.progress import Cancelled, Control
from crte_desktop.views.shell.file_actions import open_warning

SHOW_PROGRESS_AFTER_MS = 500


class ProgressDialog(QDialog):
    """A small dialog: what is being done, a bar, and "Annuler" when the work can be cancelled."""

    cancel_requested = Signal()

    def __init__(self, label: str, cancellable: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("CRTE Desktop")
        self.setWindowModality(Qt.WindowModality.WindowModal if parent else Qt.WindowModality.ApplicationModal)
        self.label = QLabel(label)
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the work reports a total
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton("Annuler")
        self.cancel_button.setVisible(cancellable)
        self.cancel_button.clicked.connect(self.request_cancel)
        self._cancellable = cancellable
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addLayout(buttons)
        self.setMinimumWidth(380)

    def set_progress(self, done: int, total: int, text: str) -> None:
        if text:
            self.label.setText(text)
        if total > 0:
            self.bar.setTextVisible(True)
            self.bar.setRange(0, total)
            self.bar.setValue(max(0, min(done, total)))

    @Slot()
    def request_cancel(self) -> None:
        if not self._cancellable:
            return
        self.cancel_button.setEnabled(False)
        self.label.setText("Annulation en cours…")
        self.cancel_requested.emit()

    def reject(self) -> None:  # Escape or the window's close button: cancel, the dialog closes when the work stops
        self.request_cancel()


_running: set["_BackgroundOp"] = set()  # keeps each op alive until its callbacks have run
_write_pool: QThreadPool | None = None


def _writes() -> QThreadPool:
    global _write_pool
    if _write_pool is None:
        _write_pool = QThreadPool()
        _write_pool.setMaxThreadCount(1)  # writes are serialised
    return _write_pool


def running_count() -> int:
    """How many background operations have not yet delivered their result (for tests and shutdown)."""
    return len(_running)


def wait_for_writes(msecs: int = 30000) -> bool:
    """Block until queued writes are done (used when the application quits)."""
    return _writes().waitForDone(msecs)


class _Runner(QRunnable):
    def __init__(self, op: "_BackgroundOp"):
        super().__init__()
        self._op = op

    def run(self) -> None:
        self._op._execute()


def default_failure(parent: QWidget | None, exc: BaseException) -> None:
    """Show why the work failed: the French message of a user error, else a generic one."""
    if isinstance(exc, DomainError):
        text = str(exc)
    else:
        text = f"Une erreur inattendue s'est produite : {exc.__class__.__name__} — {exc}"
    open_warning(parent if parent is not None and shiboken6.isValid(parent) else None, text)


class _BackgroundOp(QObject):
    _done = Signal(object, object)  # (result, exception) — emitted by the worker, received on the GUI thread
    _progressed = Signal(int, int, str)

    def __init__(self, parent: QWidget | None, on_success: Callable[[Any], None] | None = None):
        super().__init__()  # no Qt parent: the op must outlive a window closed meanwhile
        self._parent = parent
        self._on_success = on_success
        self._on_failure: Callable[[BaseException], None] | None = None
        self._on_cancel: Callable[[], None] | None = None
        self._progress_label: str | None = None
        self._cancellable = False
        self._timer: QTimer | None = None
        self.progress_dialog: ProgressDialog | None = None
        self.control = Control(self._progressed.emit)
        self.is_running = False
        self._done.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        self._progressed.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)

    # -- configuration (chainable) -----------------------------------------------------------------
    def failure(self, callback: Callable[[BaseException], None]) -> "_BackgroundOp":
        """Called on the GUI thread with the exception; by default a message box tells the user."""
        self._on_failure = callback
        return self

    def on_cancel(self, callback: Callable[[], None]) -> "_BackgroundOp":
        self._on_cancel = callback
        return self

    def with_progress(self, label: str, cancellable: bool = True) -> "_BackgroundOp":
        """Show ``label`` with a progress bar if the work lasts over half a second."""
        self._progress_label = label
        self._cancellable = cancellable
        return self

    # -- running ------------------------------------------------------------------------------------
    def run_in_background(self) -> "_BackgroundOp":
        self.is_running = True
        _running.add(self)
        if self._progress_label is not None:
            self._timer = QTimer(self)
            self._timer.setSingleShot(True)
            self._timer.timeout.connect(self._open_dialog)
            self._timer.start(SHOW_PROGRESS_AFTER_MS)
        self._pool().start(_Runner(self))
        return self

    def cancel(self) -> None:
        """Ask the work to stop (it stops at its next ``control.check()``)."""
        self.control.cancel()

    def _pool(self) -> QThreadPool:
        raise NotImplementedError

    def _call(self) -> Any:
        raise NotImplementedError

    def _execute(self) -> None:  # worker thread
        try:
            with timed(self._progress_label or type(self).__name__):  # long ones and unexpected errors: in the log
                result = self._call()
        except BaseException as exc:  # noqa: BLE001 - delivered to the GUI thread, never lost
            self._done.emit(None, exc)
        else:
            self._done.emit(result, None)

    # -- GUI thread ------------------------------------------------------------------------------
    def _parent_alive(self) -> bool:
        return self._parent is None or shiboken6.isValid(self._parent)

    @Slot()
    def _open_dialog(self) -> None:
        if not self.is_running or not self._parent_alive():
            return
        self.progress_dialog = ProgressDialog(self._progress_label or "", self._cancellable, self._parent)
        self.progress_dialog.cancel_requested.connect(self.cancel)
        self.progress_dialog.show()

    @Slot(int, int, str)
    def _show_progress(self, done: int, total: int, text: str) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.set_progress(done, total, text)

    @Slot(object, object)
    def _finish(self, result: Any, exc: BaseException | None) -> None:
        self.is_running = False
        if self._timer is not None:
            self._timer.stop()
        if self.progress_dialog is not None:
            self.progress_dialog.hide()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None
        try:
            if isinstance(exc, Cancelled) or (exc is None and self.control.cancelled and result is None):
                if self._on_cancel is not None:
                    self._on_cancel()
            elif exc is not None:
                if self._on_failure is not None:
                    self._on_failure(exc)
                elif self._parent_alive():
                    default_failure(self._parent, exc)
            else:
                self._deliver(result)
        finally:
            _running.discard(self)

    def _deliver(self, result: Any) -> None:
        if self._on_success is not None and self._parent_alive():
            self._on_success(result)


class ReadOp(_BackgroundOp):
    """Reading or generating a file off the GUI thread.

    ``work(control)`` opens what it needs itself (``store.reader()``, a file…) and closes it."""

    def __init__(self, parent: QWidget | None, work: Callable[[Control], Any],
                 on_success: Callable[[Any], None] | None = None):
        super().__init__(parent, on_success)
        self._work = work

    def _pool(self) -> QThreadPool:
        return QThreadPool.globalInstance()

    def _call(self) -> Any:
        return self._work(self.control)


class WriteOp(_BackgroundOp):
    """A write to the workspace off the GUI thread, one at a time.

    ``work(workspace, control)`` gets a ``Workspace`` on a connection of its own (``sibling()`` of the
    window's, closed afterwards) and writes through its services, in one transaction, so that a failure
    or a cancellation (``control.check()`` raising ``Cancelled`` inside the transaction) leaves the file
    unchanged. When it returns a ``Changes`` (or an object with a ``changes`` attribute), they are
    announced on the window's store on the GUI thread before ``on_success`` runs."""

    def __init__(self, parent: QWidget | None, workspace: Workspace, work: Callable[[Workspace, Control], Any],
                 on_success: Callable[[Any], None] | None = None):
        super().__init__(parent, on_success)
        self._gui_store = workspace.store
        self._workspace = workspace
        self._work = work

    def _pool(self) -> QThreadPool:
        return _writes()

    def _call(self) -> Any:
        self.control.check()  # cancelled while queued behind another write
        own = self._workspace.sibling()  # sharing the GUI's claim on the file
        try:
            return self._work(own, self.control)
        finally:
            own.close()

    def _deliver(self, result: Any) -> None:
        changes = result if isinstance(result, Changes) else getattr(result, "changes", None)
        if isinstance(changes, Changes) and self._gui_store.is_open:
            self._gui_store.notify(changes)
        super()._deliver(result)
