"""The committees of a contract (COPIL, COTECH…) and their members: person, organisation, role, substitute."""

from __future__ import annotations


from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QFormLayout, QHBoxLayout,
                               QHeaderView, QLabel, QListWidget, QListWidgetItem, QMenu, QMessageBox, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from crte_desktop.db.errors import ConcurrentChangeError
from crte_desktop.domain.errors import DomainError
from crte_desktop.domain.meetings import Committee, CommitteeKind, CommitteeMember, MemberRole
from crte_desktop.views.widgets.choosers import SearchableCombo
from crte_desktop.views.widgets.dialog_frame import lay_out_form_dialog
from crte_desktop.views.widgets.small_screen import FlowLayout
from crte_desktop.views.widgets.form_feedback import message_label, show_message
from crte_desktop.views.shell.file_actions import open_warning
from crte_desktop.views.shell.undoable import push_done, run_or_show
from crte_desktop.views.widgets import enum_combo

ID_ROLE = Qt.ItemDataRole.UserRole
MEMBER_HEADERS = ["Personne", "Organisation", "Rôle", "Suppléant"]


class CommitteePanel(QWidget):
    committee_selected = Signal(object)  # committee id or None

    def __init__(self, ctx, contract_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.contract_id = contract_id
        self.service = ctx.workspace.committees
        self.list = QListWidget()
        self.list.setMaximumHeight(96)
        self.list.setWordWrap(True)  # "COPIL — Comité de pilotage du CRTE du Valenciennois" in full, on two lines
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.members = QTableWidget(0, len(MEMBER_HEADERS))
        self.members.setHorizontalHeaderLabels(MEMBER_HEADERS)
        self.members.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.members.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.members.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.members.verticalHeader().hide()
        # names in full, wrapped within the panel's width (never cut, never scrolled sideways)
        header = self.members.horizontalHeader()
        header.setStretchLastSection(False)
        for col, mode in enumerate((QHeaderView.ResizeMode.Stretch, QHeaderView.ResizeMode.Stretch,
                                    QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch)):
            header.setSectionResizeMode(col, mode)
        self.members.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.members.setWordWrap(True)
        self.members.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.members.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.new_button = QPushButton("Nouveau comité")
        menu = QMenu(self.new_button)
        for kind in (CommitteeKind.COPIL, CommitteeKind.COTECH):
            menu.addAction(f"{kind.title} ({kind.label})", lambda k=kind: self.create_committee(k))
        self.new_button.setMenu(menu)
        self.add_member_button = QPushButton("Ajouter un membre…")
        self.remove_member_button = QPushButton("Retirer le membre")
        self.add_member_button.clicked.connect(lambda: self.add_member())
        self.remove_member_button.clicked.connect(self.remove_member)
        self.message = message_label()
        self.shown: Committee | None = None  # the committee shown, as loaded (its version guards the saves)
        self.refusal: QMessageBox | None = None  # the last « changed elsewhere » box
        self.member_dialog: MemberDialog | None = None  # open while a member is being added

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel("Comités")
        title.setStyleSheet("font-weight: bold;")
        heading = QHBoxLayout()
        heading.addWidget(title, 1)
        heading.addWidget(self.new_button)
        layout.addLayout(heading)
        layout.addWidget(self.list)
        layout.addWidget(QLabel("Composition"))
        layout.addWidget(self.members, 1)
        layout.addLayout(FlowLayout.of([self.add_member_button, self.remove_member_button]))
        layout.addWidget(self.message)
        self.list.currentItemChanged.connect(self._on_current)
        self.members.itemSelectionChanged.connect(self._update_buttons)
        self.refresh()

    # -- reading -------------------------------------------------------------------------------------
    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item else None

    def select(self, committee_id: int | None) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(ID_ROLE) == committee_id:
                self.list.setCurrentRow(row)
                return

    def refresh(self) -> None:
        current = self.current_id()
        self.list.blockSignals(True)
        self.list.clear()
        for c in self.service.committees(self.contract_id):
            item = QListWidgetItem(f"{c.short_label} — {c.name}")
            item.setData(ID_ROLE, c.id)
            item.setToolTip(item.text())
            self.list.addItem(item)
        self.list.blockSignals(False)
        if self.list.count():
            self.select(current)
            if self.list.currentRow() < 0:
                self.list.setCurrentRow(0)
        self._show_members()
        if current != self.current_id():
            self.committee_selected.emit(self.current_id())

    def _on_current(self, *_args) -> None:
        self._show_members()
        self.committee_selected.emit(self.current_id())

    def _show_members(self) -> None:
        committee_id = self.current_id()
        self.shown = self.service.get(committee_id) if committee_id is not None else None  # with its version
        views = self.service.member_views(self.shown) if self.shown is not None else []
        self.members.setRowCount(len(views))
        for row, v in enumerate(views):
            organisation = v.organisation_full_name or v.organisation_name
            for col, text in enumerate((v.person_name or "—", organisation, v.role.label, v.substitute_name)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.members.setItem(row, col, cell)
        self.members.setColumnHidden(3, not any(v.substitute_name for v in views))
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.current_id() is not None
        self.add_member_button.setEnabled(has)
        self.remove_member_button.setEnabled(has and bool(self.members.selectionModel().selectedRows()))

    # -- writing -------------------------------------------------------------------------------------
    def create_committee(self, kind: CommitteeKind) -> int | None:
        committee = self.service.new(self.contract_id, kind)
        if not run_or_show(self.ctx.undo_stack, self.message, self.service.create_step(committee)):
            return None
        show_message(self.message, "")
        self.refresh()
        self.select(committee.id)
        return committee.id

    def change_members(self, text: str, members: list[CommitteeMember], box_parent: QWidget | None = None) -> bool:
        """Save the committee shown with ``members`` as one undo step. A committee changed elsewhere since it
        was shown is refused in a message box (over ``box_parent``, else the panel) and shown again as it now
        is; another refusal is shown under the table."""
        try:
            step = self.service.members_step(text, self.shown, members)
            step.redo()
        except ConcurrentChangeError as err:
            self.refusal = open_warning(box_parent or self, str(err), "Modification impossible")
            self._show_members()
            return False
        except DomainError as err:
            show_message(self.message, str(err))
            return False
        push_done(self.ctx.undo_stack, step)
        show_message(self.message, "")
        self._show_members()
        return True

    def add_member(self, member: CommitteeMember | None = None) -> bool:
        """Add ``member`` (None: ask for it in ``MemberDialog``, which saves on OK: refused because the
        committee changed elsewhere, it stays open with what was typed, to add it to the composition as it now
        is)."""
        if self.shown is None:
            return False
        if member is not None:
            return self._add(member)
        self.member_dialog = MemberDialog(self.ctx, self, save=self._add)
        try:
            return self.member_dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            self.member_dialog = None

    def _add(self, member: CommitteeMember, dialog: QWidget | None = None) -> bool:
        return self.change_members("Ajout d'un membre au comité", self.shown.members + [member], dialog)

    def remove_member(self) -> bool:
        rows = self.members.selectionModel().selectedRows()
        if not rows or self.shown is None:
            return False
        members = [m for i, m in enumerate(self.shown.members) if i != rows[0].row()]
        return self.change_members("Retrait d'un membre du comité", members)


class MemberDialog(QDialog):
    """A seat: an organisation and/or a named person, a role, a substitute."""

    def __init__(self, ctx, parent: QWidget | None = None, save=None):
        """``save(member, dialog)``, when given, runs on OK: the dialog closes only when it returns True."""
        super().__init__(parent)
        self.save = save
        self.setWindowTitle("Membre du comité")
        directory = ctx.workspace.directory
        orgs = directory.organisations()
        names = {o.id: o.label for o in orgs}
        persons = [(p.id, p.full_name + (f" ({names[p.organisation_id]})" if p.organisation_id in names else ""))
                   for p in directory.persons()]
        self.organisation = SearchableCombo("(aucune)")
        self.organisation.set_items([(o.id, o.name) for o in orgs])
        self.person = SearchableCombo("(aucune)")
        self.person.set_items(persons)
        self.substitute = SearchableCombo("(aucun)")
        self.substitute.set_items(persons)
        self.role = QComboBox()
        enum_combo.fill(self.role, MemberRole)
        enum_combo.set_current(self.role, MemberRole.MEMBER)
        form = QFormLayout()
        form.addRow("Organisation", self.organisation)
        form.addRow("Personne", self.person)
        form.addRow("Rôle", self.role)
        form.addRow("Suppléant", self.substitute)
        self.message, self.buttons = lay_out_form_dialog(self, form)

    def member(self) -> CommitteeMember:
        return CommitteeMember(organisation_id=self.organisation.current_id(), person_id=self.person.current_id(),
                               role=enum_combo.current(self.role, MemberRole), substitute_id=self.substitute.current_id())

    def accept(self) -> None:
        m = self.member()
        if m.organisation_id is None and m.person_id is None:
            show_message(self.message, "Indiquez une organisation ou une personne.")
            return
        if self.save is not None and not self.save(m, self):
            return  # refused: what was typed stays
        super().accept()
