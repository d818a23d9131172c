"""Fichier ▸ Importer un tableau existant… : the first import of the secretary's own spreadsheet.

Three steps in one dialog: the file and its sheet (read off the GUI thread), the columns (the first rows
with the application field above each column, guessed then corrected), the preview (each row: new
action or update, financing, errors in red; rows with errors are not ticked and cannot be). "Importer N
actions" writes the ticked rows in one transaction off the GUI thread; the whole import is one undo step.
All the work is done by ``crte_desktop.excel.first_import``; this module only shows it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QStackedWidget, QVBoxLayout, QWidget)

from crte_desktop.domain.errors import DomainError
from crte_desktop.domain.enums import Stage
from crte_desktop.excel.first_import import (FoundTable, ImportOptions, ImportPreview, ImportResult,
                                             SourceInfo, Table, first_table, guess_mapping, open_source)
from crte_desktop.views.imports.first_import_tables import MappingTable, PreviewTable
from crte_desktop.views.widgets.form_feedback import message_label, show_message
from crte_desktop.views.widgets.small_screen import resize_within_screen
from crte_desktop.views.shell.tasks import ReadOp, WriteOp
from crte_desktop.views.shell.undoable import push_done

LAST_DIR_KEY = "first_import/last_dir"
FILE_FILTER = ("Tableaux (*.xlsx *.xlsm *.ods *.csv);;Classeurs Excel (*.xlsx *.xlsm);;Classeurs LibreOffice (*.ods);;"
               "CSV (*.csv *.txt);;Tous les fichiers (*)")
SAME_STAGE = "— selon chaque colonne —"
BACKGROUND_PREVIEW_ROWS = 300  # above, the preview is made off the GUI thread, with a progress bar
FILE_PAGE, MAPPING_PAGE, PREVIEW_PAGE = range(3)
STEP_TITLES = ("Étape 1 sur 3 — Le fichier", "Étape 2 sur 3 — Les colonnes", "Étape 3 sur 3 — L'aperçu")


def _refusal_text(exc: BaseException) -> str:
    if isinstance(exc, DomainError):
        return str(exc)
    return f"Erreur inattendue : {exc.__class__.__name__} — {exc}"


class FirstImportDialog(QDialog):
    imported = Signal(object)  # the ImportResult, once written
    table_loaded = Signal()  # a sheet was read (or refused): for tests and the progress of the dialog

    def __init__(self, ctx, contract_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.contract_id = contract_id
        self.catalogue = ctx.workspace.excel.first_import_catalogue(contract_id)
        self.source: SourceInfo | None = None
        self.table: Table | None = None
        self.result: ImportPreview | None = None
        self.op = None  # the background read or write under way
        self._reading = 0  # number of the latest read: the result of an earlier one (another file) is dropped
        self._previewing = 0  # number of the latest preview made in the background
        self.setWindowTitle(f"Importer un tableau existant — {self.catalogue.contract.name}")
        self.step = QLabel()
        self.step.setStyleSheet("font-weight: bold; font-size: 13pt;")
        self.pages = QStackedWidget()
        self.pages.addWidget(self._file_page())
        self.pages.addWidget(self._mapping_page())
        self.pages.addWidget(self._preview_page())
        self.cancel_button = QPushButton("Annuler")
        self.back_button = QPushButton("< Précédent")
        self.next_button = QPushButton("Suivant >")
        self.import_button = QPushButton("Importer")
        self.cancel_button.clicked.connect(self.reject)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.import_button.clicked.connect(self.start_import)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        for b in (self.back_button, self.next_button, self.import_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.step)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        resize_within_screen(self, 1150, 680)
        self._show_page(FILE_PAGE)

    # -- pages ------------------------------------------------------------------------------------------
    def _file_page(self) -> QWidget:
        page = QWidget()
        intro = QLabel("Choisissez le fichier où vous suivez les actions du contrat (classeur .xlsx, .ods de LibreOffice "
                       "ou fichier .csv) : votre tableau de suivi, un plan d'action au modèle de Territoires en "
                       "Transitions, une liste de subventions, un export d'une plateforme nationale. "
                       "Il n'est pas modifié : l'application lit ses lignes, vous vérifiez à quoi correspond chaque "
                       "colonne, puis l'aperçu, avant d'importer.")
        intro.setWordWrap(True)
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText("Chemin du fichier…")
        self.path_edit.returnPressed.connect(lambda: self.set_path(self.path_edit.text()))
        browse = QPushButton("Parcourir…")
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.sheet_box = QComboBox()
        self.sheet_box.setMinimumWidth(260)
        self.sheet_box.activated.connect(lambda _i: self.read_sheet(self.sheet_box.currentText()))
        form = QFormLayout()
        form.addRow("Fichier :", row)
        form.addRow("Feuille :", self.sheet_box)
        self.file_info = QLabel()
        self.file_info.setWordWrap(True)
        hint = QLabel("Le tableau peut commencer par des lignes de titre : la ligne d'en-tête (« N° », « Intitulé », "
                      "« Maître d'ouvrage », « Coût total », « DSIL sollicité »…) est trouvée automatiquement, même "
                      "sur deux lignes sous des cellules fusionnées ; une ligne de consignes sous l'en-tête (« Champ "
                      "texte »…) est ignorée. Chaque colonne est associée à un champ d'après son titre et ses valeurs. "
                      "Les montants « 1 234,50 € », les dates « 12/03/2022 » ou en nombre de jours Excel et les "
                      "pourcentages « 45 % » sont reconnus ; les lignes vides et la ligne de total sont ignorées. Une "
                      "ligne qui correspond à une action du contrat (même référence, ou même intitulé et même maître "
                      "d'ouvrage) est « déjà présente » : elle ne la met à jour que si vous le demandez.")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        self.file_message = message_label()
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.file_info)
        layout.addWidget(self.file_message)
        layout.addSpacing(12)
        layout.addWidget(hint)
        layout.addStretch(1)
        return page

    def _mapping_page(self) -> QWidget:
        page = QWidget()
        intro = QLabel("Vérifiez, au-dessus de chaque colonne, le champ de l'application qu'elle alimente. Une colonne "
                       "« — ignorer — » n'est pas importée. Une colonne de financement (« DSIL sollicité », « Région »…) "
                       "donne une ligne de financement sur ce financeur, à l'étape choisie, pour l'année de la ligne.")
        intro.setWordWrap(True)
        self.mapping_info = QLabel()
        self.mapping_info.setWordWrap(True)
        self.stage_box = QComboBox()
        self.stage_box.addItem(SAME_STAGE)
        for stage in Stage:
            self.stage_box.addItem(stage.label)
        self.stage_box.setToolTip("L'étape de tous les montants de financement du fichier : prévisionnel, sollicité, "
                                  "accordé ou versé (chaque colonne peut aussi être réglée sous son champ)")
        self.stage_box.activated.connect(self._stage_chosen)
        stage_row = QHBoxLayout()
        stage_row.addWidget(QLabel("Étape des montants de financement :"))
        stage_row.addWidget(self.stage_box)
        stage_row.addStretch(1)
        self.mapping_table = MappingTable()
        self.mapping_table.mapping_changed.connect(self._mapping_changed)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(self.mapping_info)
        layout.addLayout(stage_row)
        layout.addWidget(self.mapping_table, 1)
        return page

    def _preview_page(self) -> QWidget:
        page = QWidget()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.create_box = QCheckBox("Créer les organisations inconnues (maîtres d'ouvrage, partenaires, financeurs)")
        self.sections_box = QCheckBox("Créer les sections manquantes (axes et sous-axes du fichier)")
        self.update_box = QCheckBox("Mettre à jour les actions déjà présentes")
        self.confirm_box = QCheckBox()
        self.confirm_box.setVisible(False)
        for box in (self.create_box, self.sections_box, self.update_box):
            box.toggled.connect(lambda _on: self.make_preview() if self.pages.currentIndex() == PREVIEW_PAGE
                                else None)
        self.confirm_box.toggled.connect(self._confirm_toggled)
        self.confirmed_sections: set[str] = set()
        self.preview_message = message_label()
        self.preview_table = PreviewTable()
        self.preview_table.ticks_changed.connect(self._update_buttons)
        boxes = QHBoxLayout()
        boxes.addWidget(self.create_box)
        boxes.addWidget(self.sections_box)
        boxes.addWidget(self.update_box)
        boxes.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary)
        layout.addLayout(boxes)
        layout.addWidget(self.confirm_box)
        layout.addWidget(self.preview_message)
        layout.addWidget(self.preview_table, 1)
        return page

    def _show_page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self.step.setText(STEP_TITLES[index])
        self._update_buttons()

    def _update_buttons(self) -> None:
        page = self.pages.currentIndex()
        busy = self.op is not None
        self.back_button.setEnabled(page > FILE_PAGE and not busy)
        self.next_button.setVisible(page < PREVIEW_PAGE)
        self.next_button.setEnabled(not busy and (page != FILE_PAGE or self.table is not None))
        self.import_button.setVisible(page == PREVIEW_PAGE)
        n = len(self.preview_table.checked()) if self.result is not None else 0
        self.import_button.setText(f"Importer {n} action{'s' if n > 1 else ''}")
        self.import_button.setEnabled(page == PREVIEW_PAGE and n > 0 and not busy and not self.result.errors)
        self.import_button.setDefault(page == PREVIEW_PAGE)
        self.next_button.setDefault(page < PREVIEW_PAGE)

    def next(self) -> None:
        page = self.pages.currentIndex()
        if page == FILE_PAGE and self.table is not None:
            self._show_page(MAPPING_PAGE)
        elif page == MAPPING_PAGE:
            self.make_preview()
            self._show_page(PREVIEW_PAGE)

    def back(self) -> None:
        self._show_page(max(self.pages.currentIndex() - 1, FILE_PAGE))

    # -- step 1: the file ----------------------------------------------------------------------------------
    def browse(self) -> None:
        start = str(self.ctx.settings.value(LAST_DIR_KEY, "") or Path.home())
        path, _ = QFileDialog.getOpenFileName(self, "Importer un tableau existant", start, FILE_FILTER)
        if path:
            self.set_path(path)

    def set_path(self, path: str | Path) -> None:
        """Open the file (checked, its sheets listed), then read its first sheet with a table."""
        if isinstance(self.op, WriteOp):
            return
        path = Path(str(path).strip())
        self.path_edit.setText(str(path))
        self._reading += 1
        self._previewing += 1  # a preview under way is of the previous file
        self.op = None
        self.source, self.table, self.result = None, None, None
        self.sheet_box.clear()
        self.file_info.clear()
        show_message(self.file_message, "")
        try:
            self.source = open_source(path)
        except DomainError as exc:
            self._refused(exc)
            return
        self.ctx.settings.setValue(LAST_DIR_KEY, str(path.parent))
        self.sheet_box.addItems(self.source.visible_sheets)
        self.read_sheet(None)

    def read_sheet(self, sheet: str | None) -> None:
        """Read ``sheet`` off the GUI thread; ``None``: the first visible sheet that holds a table."""
        if self.source is None or isinstance(self.op, WriteOp):
            return
        self._reading += 1
        reading = self._reading
        source = self.source
        self.table, self.result = None, None

        def work(control):
            return first_table(source, sheet, control)

        self.op = ReadOp(self, work, lambda found: self._read(found) if reading == self._reading else None) \
            .failure(lambda exc: self._refused(exc) if reading == self._reading else None) \
            .on_cancel(lambda: self._read_cancelled() if reading == self._reading else None) \
            .with_progress("Lecture du fichier…", cancellable=True).run_in_background()
        self._update_buttons()

    def _read_cancelled(self) -> None:
        self.op = None
        self.table = None
        show_message(self.file_message, "Lecture annulée : choisissez une autre feuille ou un autre fichier.", "warning")
        self._update_buttons()
        self.table_loaded.emit()

    def _read(self, found: FoundTable) -> None:
        self.op = None
        table = found.table
        name = table.sheet
        self.table = table
        self.sheet_box.setCurrentText(name)
        show_message(self.file_message, "")
        depth = " (sur deux lignes, sous des cellules fusionnées)" if table.header_depth == 2 else ""
        n = len(table.rows)
        skipped = "".join(f"\nFeuille « {sheet} » ignorée : {why}" for sheet, why in found.skipped)
        self.file_info.setText(f"Feuille « {name} » : ligne d'en-tête trouvée ligne {table.header_row}{depth}, "
                               f"{table.width} colonnes, {n} ligne{'s' if n > 1 else ''} de données.{skipped}")
        mapping = guess_mapping(table.headers, self.catalogue, [r.values for r in table.rows if not r.hint])
        self.confirmed_sections = set()
        self.stage_box.setCurrentIndex(0)
        self.mapping_table.load(table, self.catalogue, mapping)
        self._mapping_changed()
        self._update_buttons()
        self.table_loaded.emit()

    def _refused(self, exc: BaseException) -> None:
        self.op = None
        self.table = None
        show_message(self.file_message, "Ce fichier ne peut pas être importé :\n" + _refusal_text(exc))
        self._update_buttons()
        self.table_loaded.emit()

    # -- step 2: the columns ---------------------------------------------------------------------------------
    def _mapping_changed(self) -> None:
        self.result = None
        mapping = self.mapping_table.mapping()
        self.mapping_info.setText(f"{len(mapping)} colonne{'s' if len(mapping) > 1 else ''} associée"
                                  f"{'s' if len(mapping) > 1 else ''} sur {self.table.width if self.table else 0}. "
                                  f"Les {min(len(self.table.rows), 20) if self.table else 0} premières lignes sont "
                                  "montrées.")

    def _stage_chosen(self, _index: int) -> None:
        index = self.stage_box.currentIndex()
        if index > 0:
            self.mapping_table.set_stage(list(Stage)[index - 1])

    # -- step 3: the preview ----------------------------------------------------------------------------------
    def make_preview(self) -> ImportPreview | None:
        if self.table is None:
            return None
        options = ImportOptions(create_organisations=self.create_box.isChecked(),
                                create_sections=self.sections_box.isChecked(),
                                confirmed_sections=set(self.confirmed_sections),
                                update_existing=self.update_box.isChecked())
        if len(self.table.rows) > BACKGROUND_PREVIEW_ROWS:
            self._preview_in_background(options)
            return None
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            excel = self.ctx.workspace.excel
            self.catalogue = excel.first_import_catalogue(self.contract_id)  # the workspace may have moved on
            result = excel.first_import_preview(self.contract_id, self.table, self.mapping_table.mapping(), options,
                                                file_name=self.source.path.name, catalogue=self.catalogue)
        except DomainError as exc:
            self.result = None
            show_message(self.preview_message, _refusal_text(exc))
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
        return self._show_preview(result)

    def _preview_in_background(self, options: ImportOptions) -> None:
        """A long sheet: the preview is made off the GUI thread, on a connection of its own, and can be
        cancelled; a newer request (a box ticked meanwhile) replaces it."""
        if isinstance(self.op, ReadOp):
            self.op.control.cancel()
        self._previewing += 1
        number = self._previewing
        self.result = None
        table, mapping, contract_id, name = self.table, self.mapping_table.mapping(), self.contract_id, \
            self.source.path.name

        def work(control):
            with self.ctx.workspace.reader() as reader:  # a connection of this thread's own
                excel = reader.excel
                return excel.first_import_preview(contract_id, table, mapping, options, file_name=name,
                                                  catalogue=excel.first_import_catalogue(contract_id), progress=control)

        def done(result: ImportPreview) -> None:
            if number == self._previewing:
                self.op = None
                self.catalogue = result.catalogue
                self._show_preview(result)

        def failed(exc: BaseException) -> None:
            if number == self._previewing:
                self.op = None
                show_message(self.preview_message, _refusal_text(exc))
                self._update_buttons()

        def cancelled() -> None:
            if number == self._previewing:
                self.op = None
                show_message(self.preview_message, "Aperçu annulé : rien n'a été importé. Revenez à l'étape "
                                                   "précédente, ou cochez une option pour le relancer.", "warning")
                self._update_buttons()

        self.op = ReadOp(self, work, done).failure(failed).on_cancel(cancelled) \
            .with_progress(f"Aperçu de {len(table.rows)} lignes…", cancellable=True).run_in_background()
        self._update_buttons()

    def _show_preview(self, result: ImportPreview) -> ImportPreview:
        self.result = result
        self.summary.setText(self.result.summary())
        self._show_proposals()
        if self.result.errors:
            show_message(self.preview_message, "Corrigez d'abord la correspondance des colonnes (< Précédent) :\n"
                         + "\n".join(str(p) for p in self.result.errors))
        elif any(r.errors for r in self.result.rows):
            show_message(self.preview_message, "Les lignes en erreur ne sont pas cochées et ne peuvent pas l'être : "
                                               "corrigez-les dans le fichier (ou la correspondance des colonnes) si "
                                               "vous voulez les importer.", "warning")
        else:
            show_message(self.preview_message, "")
        self.preview_table.load(self.result)
        self._update_buttons()
        return self.result

    def _confirm_toggled(self, on: bool) -> None:
        proposals = self.result.section_proposals if self.result is not None else []
        if on:
            self.confirmed_sections |= {p.key for p in proposals}
        else:
            self.confirmed_sections = set()
        self.make_preview()

    def _show_proposals(self) -> None:
        """« Axe 1 : Sécurité » where the contract's section 1 is « Transition écologique »: the secretary says."""
        proposals = self.result.section_proposals if self.result is not None else []
        pending = [p for p in proposals if p.key not in self.confirmed_sections]
        shown = pending or [p for p in proposals if p.key in self.confirmed_sections]
        self.confirm_box.setVisible(bool(shown))
        if shown:
            pairs = " ; ".join(f"« {p.value} » = {p.section.code} {p.section.title}" for p in shown[:4])
            more = f" (et {len(shown) - 4} autres)" if len(shown) > 4 else ""
            self.confirm_box.blockSignals(True)
            self.confirm_box.setChecked(not pending)
            self.confirm_box.blockSignals(False)
            self.confirm_box.setText(f"Rattacher aux sections du contrat de même numéro, malgré un autre titre : "
                                     f"{pairs}{more}")
            self.confirm_box.setToolTip("\n".join(f"« {p.value} » → {p.section.code} {p.section.title}"
                                                  for p in shown))

    # -- importing ----------------------------------------------------------------------------------------------
    def start_import(self) -> WriteOp | None:
        if self.result is None or self.op is not None or self.result.errors:
            return None
        rows = self.preview_table.checked()
        if not rows:
            return None
        result = self.result

        def work(own, control):
            return own.excel.first_import(result, rows, control)

        self.op = WriteOp(self, self.ctx.workspace, work, self._imported).failure(self._import_failed) \
            .on_cancel(self._import_cancelled) \
            .with_progress(f"Import de {len(rows)} action{'s' if len(rows) > 1 else ''}…").run_in_background()
        self._update_buttons()
        return self.op

    def _imported(self, done: ImportResult) -> None:
        self.op = None
        push_done(self.ctx.undo_stack, self.ctx.workspace.excel.first_import_step(done))  # the import ran off the GUI thread
        self.imported.emit(done)
        self.accept()

    def _import_failed(self, exc: BaseException) -> None:
        self.op = None
        show_message(self.preview_message, "Import refusé, rien n'a été enregistré :\n" + _refusal_text(exc))
        self._update_buttons()

    def _import_cancelled(self) -> None:
        self.op = None
        show_message(self.preview_message, "Import annulé : rien n'a été enregistré.", "warning")
        self._update_buttons()

    def reject(self) -> None:
        if isinstance(self.op, WriteOp):  # writing: the transaction ends first (its progress can cancel it)
            return
        if isinstance(self.op, ReadOp):  # a read or a preview under way stops at its next step
            self.op.control.cancel()
        super().reject()
