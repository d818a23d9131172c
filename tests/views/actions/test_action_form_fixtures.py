"""Fixtures and helpers shared by the action form tests (no test here).

``form_workspace`` builds a small workspace: a contract with sections, EPCIs, communes, partners,
and the funders and schemes seeded by the schema."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.domain.contract import Contract, Section
from crte_desktop.domain.directory import Organisation
from crte_desktop.domain.enums import OrgKind
from tests.views.gui import type_text  # noqa: F401 - imported from here by the action form tests

TODAY = date(2024, 6, 15)


@dataclass
class FormWorkspace:
    store: object
    ctx: object
    contract_id: int
    sections: dict[str, int]
    orgs: dict[str, int]

    def funder_id(self, short: str) -> int:
        return next(f.id for f in DirectoryRepository(self.store).funders() if f.label == short)

    def scheme_id(self, name: str) -> int:
        return next(s.id for s in DirectoryRepository(self.store).schemes() if s.name == name)


def build_workspace(store, *args, **kwargs):
    """``_build_workspace`` in one transaction (repositories write inside their caller's)."""
    with store.transaction():
        return _build_workspace(store, *args, **kwargs)


def _build_workspace(store, tmp_path) -> FormWorkspace:
    from crte_desktop.views.shell.context import AppContext

    contracts = ContractRepository(store)
    directory = DirectoryRepository(store)
    contract = Contract(name="CRTE du Valenciennois", territory="Valenciennois", start_year=2021,
                        level_names=["Orientation", "Axe"])
    contracts.save_contract(contract)
    sections = {}
    mobility = Section(contract.id, "Favoriser les mobilités durables")
    contracts.save_section(mobility)
    sections["mobilite"] = mobility.id
    cycling = Section(contract.id, "Développer l'usage du vélo", parent_id=mobility.id)
    contracts.save_section(cycling)
    sections["velo"] = cycling.id
    water = Section(contract.id, "Préserver la ressource en eau")
    contracts.save_section(water)
    sections["eau"] = water.id
    orgs = {}
    for key, org in [
        ("cavm", Organisation("Valenciennes Métropole", OrgKind.EPCI, "CAVM")),
        ("caph", Organisation("Communauté d'agglomération de la Porte du Hainaut", OrgKind.EPCI, "CAPH")),
        ("dept", Organisation("Département du Nord", OrgKind.DEPARTEMENT)),
        ("adav", Organisation("Association droit au vélo", OrgKind.ASSOCIATION, "ADAV")),
        ("simouv", Organisation("Syndicat intercommunal de mobilité et d'organisation urbaine du Valenciennois",
                                OrgKind.SYNDICAT, "SIMOUV")),
    ]:
        directory.save_organisation(org)
        orgs[key] = org.id
    for key, name, epci in [("onnaing", "Onnaing", "cavm"), ("quarouble", "Quarouble", "cavm"),
                            ("saultain", "Saultain", "cavm"), ("wallers", "Wallers", "caph"),
                            ("denain", "Denain", "caph")]:
        org = Organisation(name, OrgKind.COMMUNE, epci_id=orgs[epci])
        directory.save_organisation(org)
        orgs[key] = org.id
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    ctx = AppContext.create(store, settings)
    ctx.today = TODAY
    return FormWorkspace(store, ctx, contract.id, sections, orgs)


@pytest.fixture
def fw(workspace, tmp_path):
    result = build_workspace(workspace, tmp_path)
    yield result
    result.ctx.undo_stack.clear()
    result.ctx.bus.detach()


def replace_text(widget, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    QTest.keyClick(widget, Qt.Key.Key_Delete)
    type_text(widget, text)


def euros(text: str) -> Decimal:
    return Decimal(text)


def make_action(fw: FormWorkspace, reference: str = "2021-4", title: str = "Boucle cyclable de la vallée de l'Aunelle",
                **fields) -> int:
    """Create an action through the service (not the form); returns its id."""
    service = fw.ctx.workspace.actions
    bundle = service.new_bundle(fw.contract_id, fw.sections["velo"], 2021)
    bundle.action.reference = reference
    bundle.action.title = title
    for name, value in fields.items():
        setattr(bundle.action, name, value)
    service.save(bundle)
    return bundle.action.id


def open_form(qtbot, fw: FormWorkspace, action_id: int | None = None, section: str | None = "velo"):
    from crte_desktop.views.actions.action_form import ActionForm

    form = ActionForm(fw.ctx, action_id, fw.contract_id, fw.sections.get(section) if section else None)
    qtbot.addWidget(form)
    form.resize(1100, 760)
    with qtbot.waitActive(form):
        form.show()
        form.activateWindow()
    return form


def cell_editor(table, row: int, column: int):
    """Open the editor of a cell as a double-click would, and return it."""
    from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

    index = table.model().index(row, column)
    table.setCurrentIndex(index)
    table.edit(index)
    editors = [w for w in table.viewport().findChildren(QWidget)
               if isinstance(w, (QLineEdit, QComboBox)) and w.isVisible() and w.parent() is table.viewport()]
    assert editors, "no cell editor opened"
    return editors[-1]


def type_in_cell(table, row: int, column: int, text: str, *, commit: bool = True):
    """Replace a cell's text by typing; Enter closes the editor (commit) unless ``commit`` is False."""
    editor = cell_editor(table, row, column)
    editor.selectAll()
    QTest.keyClick(editor, Qt.Key.Key_Delete)
    type_text(editor, text)
    if commit:
        QTest.keyClick(editor, Qt.Key.Key_Return)
        QApplication.processEvents()  # the delegate commits and closes in a queued call
    return editor


def choose_in_cell(table, row: int, column: int, label: str) -> None:
    """Pick ``label`` in a cell's combo editor, as a click in its list would."""
    combo = cell_editor(table, row, column)
    index = combo.findText(label)
    assert index >= 0, f"{label!r} not among {[combo.itemText(i) for i in range(combo.count())]}"
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
