"""A small workspace for the application shell's tests and screenshots: one contract, a section tree
(1, 1.1, 2), a few actions with financing, one late, one without section. Built through the
repositories and ActionService, as the application would."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.db.store import Store
from crte_desktop.domain.contract import Contract, Section
from crte_desktop.domain.directory import Organisation
from crte_desktop.domain.enums import ActionStatus, FinancingStatus, OrgKind
from crte_desktop.domain.financing import FinancingLine
from crte_desktop.editing.actions import ActionService

TODAY = date(2024, 6, 1)


@dataclass
class SmallWorkspace:
    contract_id: int
    sections: dict[str, int]  # code → id
    actions: dict[str, int]  # reference → id
    owners: dict[str, int]  # short name → id


def build(store, *args, **kwargs):
    """``_build`` in one transaction (repositories write inside their caller's)."""
    with store.transaction():
        return _build(store, *args, **kwargs)


def _build(store: Store) -> SmallWorkspace:
    contracts = ContractRepository(store)
    directory = DirectoryRepository(store)
    service = ActionService(store)

    contract = Contract(name="CRTE du Valenciennois", title="Contrat pour la réussite de la transition écologique",
                        territory="Valenciennois", start_year=2021, level_names=["Volet", "Orientation"])
    contracts.save_contract(contract)
    s1 = Section(contract.id, "Transition écologique")
    contracts.save_section(s1)
    s11 = Section(contract.id, "Énergie et bâtiments publics", parent_id=s1.id)
    contracts.save_section(s11)
    s2 = Section(contract.id, "Cohésion territoriale")
    contracts.save_section(s2)

    owners = {}
    for name, short, kind in (("Communauté d'agglomération Valenciennes Métropole", "CAVM", OrgKind.EPCI),
                              ("Commune de Bruay-sur-l'Escaut", "Bruay-sur-l'Escaut", OrgKind.COMMUNE),
                              ("Commune d'Anzin", "Anzin", OrgKind.COMMUNE)):
        org = Organisation(name, kind, short)
        directory.save_organisation(org)
        owners[short] = org.id

    state = next(f for f in directory.funders() if f.short_name == "État")
    dsil = next(s for s in directory.schemes(state.id) if s.name == "DSIL")
    region = next(f for f in directory.funders() if f.short_name == "Région")

    def add(ref, title, section, owner, cost, status, progress, start, end, lines=()):
        bundle = service.new_bundle(contract.id, section, int(ref[:4]))
        a = bundle.action
        a.reference, a.title, a.owner_id = ref, title, owner
        a.total_cost = Decimal(cost) if cost is not None else None
        a.status, a.progress, a.start_date, a.end_date = status, progress, start, end
        bundle.financing = list(lines)
        service.save(bundle)
        return a.id

    actions = {
        "2021-1": add("2021-1", "Rénovation énergétique de l'école Jules Ferry", s11.id, owners["Bruay-sur-l'Escaut"],
                      "500000", ActionStatus.EN_COURS, 40, date(2021, 9, 1), date(2026, 6, 30),
                      [FinancingLine(None, state.id, dsil.id, year=2021, requested=Decimal("200000"),
                                     granted=Decimal("180000"), status=FinancingStatus.ACCORDE)]),
        "2021-2": add("2021-2", "Plateforme Équipart de mobilité partagée", s1.id, owners["CAVM"],
                      "1200000", ActionStatus.EN_PREPARATION, 10, date(2022, 1, 1), date(2027, 12, 31),
                      [FinancingLine(None, region.id, None, year=2022, planned=Decimal("300000"))]),
        "2022-1": add("2022-1", "Reconversion de la friche Sainte-Catherine", s2.id, owners["Anzin"],
                      "2500000", ActionStatus.BLOQUEE, 0, date(2022, 3, 1), date(2028, 12, 31)),
        "2022-2": add("2022-2", "Piste cyclable des berges de l'Escaut", s11.id, owners["CAVM"],
                      "800000", ActionStatus.EN_COURS, 70, date(2022, 4, 1), date(2023, 6, 30),
                      [FinancingLine(None, state.id, dsil.id, year=2022, requested=Decimal("250000"),
                                     status=FinancingStatus.SOLLICITE)]),
        "2023-1": add("2023-1", "Maison France Services d'Anzin", s2.id, owners["Anzin"],
                      "150000", ActionStatus.REALISEE, 100, date(2023, 1, 15), date(2023, 12, 31)),
        "2023-2": add("2023-2", "Étude de programmation culturelle", None, owners["CAVM"],
                      None, ActionStatus.A_VENIR, 0, None, None),
    }
    return SmallWorkspace(contract.id, {"1": s1.id, "1.1": s11.id, "2": s2.id}, actions, owners)


def write(path: Path) -> SmallWorkspace:
    """Create the small workspace at ``path`` (closed afterwards)."""
    store = Store.create(path)
    try:
        return build(store)
    finally:
        store.close()


# -- pytest fixtures (imported by the shell's test modules) ------------------------------------------
import pytest  # noqa: E402


def settings_at(tmp_path: Path):
    """Settings in a file of the test's own, never the user's."""
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "reglages.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def small(qapp, tmp_path):
    """(AppContext, SmallWorkspace) on a fresh copy of the small workspace; today is TODAY."""
    from crte_desktop.views.shell.context import AppContext

    info = write(tmp_path / "valenciennois.crte")
    ctx = AppContext.create(Store.open(tmp_path / "valenciennois.crte"), settings_at(tmp_path))
    ctx.today = TODAY
    yield ctx, info
    ctx.close()


def answer_message_box(button_text: str, seen: list | None = None, tries: int = 200) -> None:
    """Click ``button_text`` in the next modal message box (opened with exec()), recording its text."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    def poll(left=tries):
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            if seen is not None:
                seen.append((box.text() + "\n" + box.informativeText()).strip())
            for button in box.buttons():
                if button.text().replace("&", "") == button_text:
                    button.click()
                    return
            raise AssertionError(f"no button {button_text!r} in {[b.text() for b in box.buttons()]}")
        if left:
            QTimer.singleShot(10, lambda: poll(left - 1))

    QTimer.singleShot(0, poll)


@pytest.fixture
def main_window(small, qtbot):
    """(MainWindow, ctx, SmallWorkspace), shown."""
    from crte_desktop.views.shell.main_window import MainWindow

    ctx, info = small
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window, ctx, info
    window.ctx.undo_stack.clear()
    for form in window.open_forms():  # no question at teardown
        window._remove_tab(form)
    window.close()
