"""Re-importing the dashboard workbook partners edited, with a preview.

``import_workbook_dialog(ctx, parent)`` asks for the workbook and opens ``ImportPreviewDialog``: every
change (sheet, row, column, old value → new value, conflict) with a box to tick, the problems found with
their place, and "Appliquer" to apply the ticked changes in one transaction (one undo step).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QFileDialog, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget)

from crte_desktop.domain.errors import DomainError
from crte_desktop.domain.wording import plural
from crte_desktop.excel.import_diff import ImportPlan
from crte_desktop.excel.problems import ImportProblem, ImportRefused
from crte_desktop.views.imports.excel_import_models import ChangesModel, ProblemsModel
from crte_desktop.views.imports.workbook_files import LAST_DIR_KEY, XLSX_FILTER, start_dir
from crte_desktop.views.shell.tasks import ReadOp, WriteOp
from crte_desktop.views.shell.undoable import push_done
from crte_desktop.views.widgets.form_feedback import message_label, show_message
from crte_desktop.views.widgets.small_screen import resize_within_screen


def import_workbook_dialog(ctx, parent: QWidget | None = None, path: str | None = None) -> "ImportPreviewDialog | None":
    """Ask for the workbook partners edited (unless ``path``), then show the preview of its changes."""
    if path is None:
        path, _ = QFileDialog.getOpenFileName(parent, "Réimporter un classeur modifié", str(start_dir(ctx.settings)),
                                              f"{XLSX_FILTER};;Tous les fichiers (*)")
        if not path:
            return None
    ctx.settings.setValue(LAST_DIR_KEY, str(Path(path).parent))
    dialog = ImportPreviewDialog(ctx, path, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


class ImportPreviewDialog(QDialog):
    """The preview of a re-import: nothing is written before "Appliquer"."""

    applied = Signal(object)  # the ApplyResult
    loaded = Signal()  # the plan was read (or refused)

    def __init__(self, ctx, path: str | Path, parent: QWidget | None = None, expected_campaign_id: int | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.path = Path(path)
        self.expected_campaign_id = expected_campaign_id  # a revue de projets workbook must be of this campaign
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
        workspace, path, campaign_id = self.ctx.workspace, self.path, self.expected_campaign_id

        def work(control):
            with workspace.reader() as own:  # the worker's own connection
                return own.excel.plan_import(path, campaign_id)

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

        def work(own, control):
            return own.excel.apply_import(plan, accepted)  # the worker's own connection

        self.apply_button.setEnabled(False)
        self.op = WriteOp(self, self.ctx.workspace, work, self._applied).failure(self._apply_failed) \
            .with_progress("Application des changements…", cancellable=False).run_in_background()
        return self.op

    def _applied(self, result) -> None:
        self.op = None
        push_done(self.ctx.undo_stack, self.ctx.workspace.excel.import_step(result))  # applied off the GUI thread
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

