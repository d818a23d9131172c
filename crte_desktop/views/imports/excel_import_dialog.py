"""The dashboard workbook in the window: export it for partners, and re-import it with a preview.

``export_workbook_dialog(ctx, contract_id, parent)`` asks where to write the workbook and writes it off
the GUI thread. ``import_workbook_dialog(ctx, parent)`` asks for the workbook and opens
``ImportPreviewDialog``: every change (sheet, row, column, old value → new value, conflict) with a box to
tick, the problems found with their place, and "Appliquer" to apply the ticked changes in one transaction.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QFileDialog, QHBoxLayout, QHeaderView, QLabel,
                               QMessageBox, QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget)

from crte_desktop.db.contract_repo import ContractRepository
from crte_desktop.db.store import Store
from crte_desktop.domain.errors import DomainError
from crte_desktop.domain.wording import plural
from crte_desktop.excel.import_diff import CHANGED, DELETED, NEW, Change, ImportPlan
from crte_desktop.excel.problems import ImportProblem, ImportRefused
from crte_desktop.views.widgets.form_feedback import message_label, show_message
from crte_desktop.views.widgets.small_screen import resize_within_screen
from crte_desktop.views.shell.tasks import ReadOp, WriteOp
from crte_desktop.views.shell.undo_commands import CallbackCommand

LAST_DIR_KEY = "excel/last_dir"
XLSX_FILTER = "Classeur Excel (*.xlsx)"
CONFLICT_BRUSH = QBrush(QColor("#fff3e0"))
ERROR_BRUSH = QBrush(QColor("#ffebee"))


def _safe_name(name: str) -> str:
    return "".join("-" if ch in '\\/:*?"<>|' else ch for ch in name).strip()


def _start_dir(settings) -> Path:
    return Path(str(settings.value(LAST_DIR_KEY, "") or Path.home()))


# -- export -----------------------------------------------------------------------------------------------
def default_export_name(ctx, contract_id: int | None) -> str:
    contracts = ContractRepository(ctx.store).contracts()
    contract = next((c for c in contracts if c.id == contract_id), contracts[0] if contracts else None)
    name = contract.name if contract else "contrat"
    return _safe_name(f"Tableau de bord {name} {ctx.today:%Y-%m-%d}.xlsx")


def export_workbook_dialog(ctx, contract_id: int | None, parent: QWidget | None = None,
                           path: str | None = None, on_done=None) -> ReadOp | None:
    """Ask where to write the workbook (unless ``path``), then write it off the GUI thread with a progress
    dialog that can cancel. Returns the running operation, or None when the user cancelled the file dialog."""
    if path is None:
        start = _start_dir(ctx.settings) / default_export_name(ctx, contract_id)
        path, _ = QFileDialog.getSaveFileName(parent, "Exporter le classeur du tableau de bord", str(start),
                                              XLSX_FILTER)
        if not path:
            return None
    if not path.lower().endswith(".xlsx"):
        path += ".xlsx"
    ctx.settings.setValue(LAST_DIR_KEY, str(Path(path).parent))
    workspace, today = ctx.store.path, ctx.today

    def work(control):
        from crte_desktop.excel.export import export_workbook

        with Store.open_read_only(workspace) as store:  # the worker's own connection
            return export_workbook(store, path, contract_id, today=today, control=control)

    def done(result) -> None:
        if on_done is not None:
            on_done(result)
            return
        box = QMessageBox(QMessageBox.Icon.Information, "Export du classeur", result.summary(),
                          QMessageBox.StandardButton.Ok, parent)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    return ReadOp(parent, work, done).with_progress("Export du classeur du tableau de bord…").run_in_background()


# -- import -----------------------------------------------------------------------------------------------
def import_workbook_dialog(ctx, parent: QWidget | None = None, path: str | None = None) -> "ImportPreviewDialog | None":
    """Ask for the workbook partners edited (unless ``path``), then show the preview of its changes."""
    if path is None:
        path, _ = QFileDialog.getOpenFileName(parent, "Réimporter un classeur modifié", str(_start_dir(ctx.settings)),
                                              f"{XLSX_FILTER};;Tous les fichiers (*)")
        if not path:
            return None
    ctx.settings.setValue(LAST_DIR_KEY, str(Path(path).parent))
    dialog = ImportPreviewDialog(ctx, path, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def import_command(store, result) -> CallbackCommand:
    """The import as one step of the undo stack: it is already applied when pushed (the first redo does
    nothing); undo puts the actions back as they were, redo applies the import again."""
    from crte_desktop.excel.import_apply import redo_import, undo_import

    pushed = [False]

    def redo() -> None:
        if pushed[0]:
            redo_import(store, result)
        pushed[0] = True

    return CallbackCommand(result.title, redo, lambda: undo_import(store, result))


class ChangesModel(QAbstractTableModel):
    """The changes of the plan, each with a box the user ticks to accept it."""

    HEADERS = ["", "Feuille", "Ligne", "Enregistrement", "Colonne", "Ancienne valeur", "Nouvelle valeur", "Conflit"]
    checked_changed = Signal()

    def __init__(self, changes: list[Change], parent=None):
        super().__init__(parent)
        self.changes = changes
        self.checked = [not c.conflict for c in changes]  # conflicts wait for a deliberate tick

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.changes)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def flags(self, index):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else base

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        c = self.changes[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and col == 0:
            return Qt.CheckState.Checked if self.checked[index.row()] else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole and c.conflict:
            return CONFLICT_BRUSH
        if role == Qt.ItemDataRole.ToolTipRole:
            return c.describe()
        if role == Qt.ItemDataRole.UserRole:  # sort keys
            return [None, c.sheet, c.row or 0, c.label, c.column, c.old, c.new, c.conflict][col]
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == 0:
            return None
        if col == 2:
            return f"{c.row} (à l'export)" if c.kind == DELETED else c.row
        if col == 4:
            return {NEW: "(nouvelle ligne)", DELETED: "(ligne supprimée)"}.get(c.kind, c.column)
        if col == 5:
            return "" if c.kind == NEW else (c.old if c.kind == CHANGED else c.note or "—")
        if col == 6:
            return c.new if c.kind != DELETED else "(supprimée)"
        if col == 7:
            return "Oui" if c.conflict else ""
        return [None, c.sheet, None, c.label][col]

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        self.checked[index.row()] = Qt.CheckState(value) == Qt.CheckState.Checked
        self.dataChanged.emit(index, index, [role])
        self.checked_changed.emit()
        return True

    def set_all(self, checked: bool) -> None:
        self.checked = [checked] * len(self.changes)
        if self.changes:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.changes) - 1, 0),
                                  [Qt.ItemDataRole.CheckStateRole])
        self.checked_changed.emit()

    def accepted(self) -> list[Change]:
        return [c for c, ok in zip(self.changes, self.checked) if ok]


class ProblemsModel(QAbstractTableModel):
    HEADERS = ["", "Feuille", "Ligne", "Colonne", "Motif"]

    def __init__(self, problems: list[ImportProblem], parent=None):
        super().__init__(parent)
        self.problems = sorted(problems, key=lambda p: (not p.is_error, p.sheet or "", p.row or 0, p.column or ""))

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.problems)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        p = self.problems[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole:
            return ERROR_BRUSH if p.is_error else CONFLICT_BRUSH
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(p)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = f"{p.column} « {p.header} »" if p.column and p.header else (p.column or
                                                                        (f"« {p.header} »" if p.header else ""))
        return ["Erreur" if p.is_error else "Avertissement", p.sheet or "", p.row or "", column,
                p.message][index.column()]


class ImportPreviewDialog(QDialog):
    """The preview of a re-import: nothing is written before "Appliquer"."""

    applied = Signal(object)  # the ApplyResult
    loaded = Signal()  # the plan was read (or refused)

    def __init__(self, ctx, path: str | Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.path = Path(path)
        self.plan: ImportPlan | None = None
        self.changes_model: ChangesModel | None = None
        self.op = None
        self.setWindowTitle(f"Réimport du classeur « {self.path.name} »")
        resize_within_screen(self, 1100, 640)

        self.title = QLabel(f"Lecture de « {self.path.name} »…")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.counts = QLabel()
        self.message = message_label(self)

        self.problems_view = QTableView()
        self.problems_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problems_view.verticalHeader().hide()
        self.problems_view.setWordWrap(False)
        self.changes_view = QTableView()
        self.changes_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.changes_view.setSortingEnabled(True)
        self.changes_view.verticalHeader().hide()
        self.changes_view.setWordWrap(False)
        self.splitter = splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.problems_view)
        splitter.addWidget(self.changes_view)
        splitter.setStretchFactor(1, 3)

        self.accept_all = QPushButton("Tout accepter")
        self.refuse_all = QPushButton("Tout refuser")
        self.apply_button = QPushButton("Appliquer")
        self.apply_button.setDefault(True)
        self.close_button = QPushButton("Fermer")
        for b in (self.accept_all, self.refuse_all, self.apply_button):
            b.setEnabled(False)
        self.accept_all.clicked.connect(lambda: self.changes_model and self.changes_model.set_all(True))
        self.refuse_all.clicked.connect(lambda: self.changes_model and self.changes_model.set_all(False))
        self.apply_button.clicked.connect(self.apply)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_all)
        buttons.addWidget(self.refuse_all)
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.counts)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.problems_view.hide()
        self._load()

    # -- reading --------------------------------------------------------------------------------------
    def _load(self) -> None:
        workspace, path = self.ctx.store.path, self.path

        def work(control):
            from crte_desktop.excel.import_diff import plan_import

            with Store.open_read_only(workspace) as store:
                return plan_import(store, path)

        self.op = ReadOp(self, work, self._loaded).failure(self._refused) \
            .with_progress("Lecture du classeur…", cancellable=False).run_in_background()

    def _loaded(self, plan: ImportPlan) -> None:
        self.op = None
        self.plan = plan
        when = f", exporté le {plan.exported_at:%d/%m/%Y à %H:%M}" if plan.exported_at else ""
        self.title.setText(f"Classeur « {self.path.name} » — contrat « {plan.contract_name} »{when}")
        self.changes_model = ChangesModel(plan.changes, self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSortRole(Qt.ItemDataRole.UserRole)
        proxy.setSourceModel(self.changes_model)
        self.changes_view.setModel(proxy)
        header = self.changes_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column, width in ((3, 280), (5, 170)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.changes_model.checked_changed.connect(self._update)
        self._show_problems(plan.problems)
        for b in (self.accept_all, self.refuse_all):
            b.setEnabled(bool(plan.changes) and not plan.errors)
        if plan.errors:
            show_message(self.message, "Le classeur contient des erreurs : corrigez-les dans le classeur puis "
                                       "réimportez-le. Rien ne peut être appliqué en l'état.")
        elif not plan.changes:
            show_message(self.message, "Le classeur ne contient aucune modification par rapport à l'espace de travail.",
                         "warning")
        elif plan.conflicts:
            show_message(self.message, "Les lignes en conflit (surlignées) ont aussi été modifiées dans l'application "
                                       "depuis l'export : elles ne sont pas cochées, cochez celles à appliquer.",
                         "warning")
        self._update()
        self.loaded.emit()

    def _refused(self, exc: BaseException) -> None:
        self.op = None
        self.title.setText(f"Le classeur « {self.path.name} » ne peut pas être réimporté.")
        problems = exc.problems if isinstance(exc, ImportRefused) else [
            ImportProblem(str(exc) if isinstance(exc, DomainError) else f"Erreur inattendue : {exc}")]
        self._show_problems(problems)
        show_message(self.message, "\n".join(str(p) for p in problems[:5]))
        self.loaded.emit()

    def _show_problems(self, problems: list[ImportProblem]) -> None:
        self.problems_view.setModel(ProblemsModel(problems, self))
        header = self.problems_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.problems_view.setVisible(bool(problems))
        row = self.problems_view.verticalHeader().defaultSectionSize()
        wanted = self.problems_view.horizontalHeader().sizeHint().height() + row * min(len(problems), 8) + 6
        total = sum(self.splitter.sizes()) or self.height()
        self.splitter.setSizes([wanted, max(total - wanted, row * 4)])

    def _update(self) -> None:
        if self.plan is None or self.changes_model is None:
            return
        n = len(self.changes_model.accepted())
        total = len(self.plan.changes)
        self.counts.setText(f"{plural(total, 'changement')}, dont {len(self.plan.conflicts)} en conflit — "
                            f"{plural(n, 'coché')} ; {plural(len(self.plan.errors), 'erreur')}, "
                            f"{plural(len(self.plan.warnings), 'avertissement')}.")
        self.apply_button.setEnabled(n > 0 and not self.plan.errors and self.op is None)

    # -- applying -------------------------------------------------------------------------------------
    def apply(self) -> WriteOp | None:
        if self.plan is None or self.changes_model is None or self.op is not None:
            return None
        accepted = self.changes_model.accepted()
        if not accepted or self.plan.errors:
            return None
        plan = self.plan

        def work(store, control):
            from crte_desktop.excel.import_apply import apply_import

            return apply_import(store, plan, accepted)

        self.apply_button.setEnabled(False)
        self.op = WriteOp(self, self.ctx.store, work, self._applied).failure(self._apply_failed) \
            .with_progress("Application des changements…", cancellable=False).run_in_background()
        return self.op

    def _applied(self, result) -> None:
        self.op = None
        self.ctx.undo_stack.push(import_command(self.ctx.store, result))
        self.applied.emit(result)
        self.accept()

    def _apply_failed(self, exc: BaseException) -> None:
        self.op = None
        if isinstance(exc, ImportRefused):
            self._show_problems(exc.problems)
            show_message(self.message, "Import refusé, rien n'a été modifié : " + "; ".join(
                str(p) for p in exc.problems[:3]) + ("…" if len(exc.problems) > 3 else ""))
        else:
            show_message(self.message, str(exc) if isinstance(exc, DomainError)
                         else f"Les changements n'ont pas pu être appliqués : {exc}")
        self._update()

    def reject(self) -> None:
        if self.op is not None and self.plan is not None:  # applying: wait for the transaction to end
            return
        super().reject()

