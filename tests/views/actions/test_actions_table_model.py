"""The actions table model: ids only, rows in batches, SQL filtering and sorting, refresh from change notices."""

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from crte_desktop.db.changes import Changes
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.views.actions.actions_model import COLUMN_KEYS, ID_ROLE, ActionsTableModel
from crte_desktop.views.widgets.status_style import LATE_COLOR
from tests.views.shell_workspace import small  # noqa: F401  (fixture)
from tests.in_transaction import InTransaction

COL = {k: i for i, k in enumerate(COLUMN_KEYS)}


def _refs(model):
    return [model.reference(r) for r in range(model.rowCount())]


def _cell(model, ref, key, role=Qt.ItemDataRole.DisplayRole):
    row = _refs(model).index(ref)
    return model.data(model.index(row, COL[key]), role)


def test_model_passes_qtmodeltester(qtmodeltester, small):
    ctx, _ = small
    model = ActionsTableModel(ctx)
    qtmodeltester.check(model, force_py=True)
    model.set_filter(text="friche")
    qtmodeltester.check(model, force_py=True)


def test_rows_show_french_values(small):
    ctx, info = small
    model = ActionsTableModel(ctx)
    assert model.rowCount() == 6
    assert [model.headerData(i, Qt.Orientation.Horizontal).replace("\n", " ")
            for i in range(model.columnCount())] == [
        "Référence", "Intitulé", "Section", "Maître d'ouvrage", "Statut", "Avancement", "Coût total",
        "Financements retenus", "Début", "Fin", "Année"]
    assert _cell(model, "2021-1", "section") == "1.1"
    assert _cell(model, "2021-1", "owner") == "Bruay-sur-l'Escaut"
    assert _cell(model, "2021-1", "total_cost") == "500\u00a0000\u00a0€"
    assert _cell(model, "2021-1", "financed") == "180\u00a0000\u00a0€"
    assert _cell(model, "2021-1", "progress") == "40\u00a0%"
    assert _cell(model, "2021-1", "start_date") == "01/09/2021"
    assert _cell(model, "2021-1", "end_date") == "30/06/2026"
    assert _cell(model, "2021-1", "year") == "2021"
    assert _cell(model, "2021-1", "total_cost", Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert _cell(model, "2023-2", "section") == ""
    assert _cell(model, "2023-2", "total_cost") == ""
    assert _cell(model, "2021-1", "reference", ID_ROLE) == info.actions["2021-1"]
    assert model.totals.count == 6
    assert model.totals.total_cost_cents == 515_000_000


def test_status_colours_and_late(small):
    ctx, _ = small
    model = ActionsTableModel(ctx)
    colours = DirectoryRepository(ctx.store).status_colors()
    assert _cell(model, "2021-1", "status") == "En cours"
    assert _cell(model, "2021-1", "status", Qt.ItemDataRole.DecorationRole) == QColor(colours["en_cours"][1])
    # open and past its end date (30/06/2023 < 01/06/2024): "En retard" in red
    assert _cell(model, "2022-2", "status") == "En retard"
    assert _cell(model, "2022-2", "status", Qt.ItemDataRole.ForegroundRole) == QColor(LATE_COLOR)
    assert _cell(model, "2022-2", "status", Qt.ItemDataRole.FontRole).bold()
    assert "30/06/2023" in _cell(model, "2022-2", "status", Qt.ItemDataRole.ToolTipRole)
    # completed past its end date: not late
    assert _cell(model, "2023-1", "status") == "Réalisée"
    model.set_filter(status="late")
    assert _refs(model) == ["2022-2"]
    model.set_filter(status="bloquee")
    assert _refs(model) == ["2022-1"]


def test_status_colour_change_refreshes(small, qtbot):
    ctx, _ = small
    model = ActionsTableModel(ctx)
    _cell(model, "2022-1", "status")
    with qtbot.waitSignal(model.dataChanged):
        ctx.store.notify(InTransaction(DirectoryRepository(ctx.store)).save_status("bloquee", "Bloquée (litige)", "#6a1b9a"))
    assert _cell(model, "2022-1", "status") == "Bloquée (litige)"
    assert _cell(model, "2022-1", "status", Qt.ItemDataRole.DecorationRole) == QColor("#6a1b9a")


def test_filter_text_is_accent_and_case_insensitive(small):
    ctx, _ = small
    model = ActionsTableModel(ctx)
    model.set_filter(text="equipart")
    assert _refs(model) == ["2021-2"]
    model.set_filter(text="ÉCOLE")
    assert _refs(model) == ["2021-1"]
    model.set_filter(text="anzin")  # the owner's name
    assert _refs(model) == ["2022-1", "2023-1"]
    model.set_filter(text="2022-")
    assert _refs(model) == ["2022-1", "2022-2"]
    model.set_filter(text="100%_")  # SQL wildcards are plain characters
    assert _refs(model) == []
    assert model.totals.count == 0 and model.totals.total_cost_cents == 0
    model.set_filter(text="")
    assert model.rowCount() == 6


def test_filter_by_section_subtree_owner_and_without_section(small):
    ctx, info = small
    from crte_desktop.db.queries.action_table import section_subtree

    model = ActionsTableModel(ctx)
    model.set_filter(contract_id=info.contract_id, section_ids=section_subtree(ctx.store, info.sections["1"]))
    assert _refs(model) == ["2021-1", "2021-2", "2022-2"]
    model.set_filter(owner_id=info.owners["CAVM"])
    assert _refs(model) == ["2021-2", "2022-2"]
    model.set_filter(section_ids=None, owner_id=None, without_section=True)
    assert _refs(model) == ["2023-2"]


def test_sorting_by_cost_keeps_selection(small, qtbot):
    ctx, _ = small
    model = ActionsTableModel(ctx)
    from PySide6.QtCore import QPersistentModelIndex

    kept = QPersistentModelIndex(model.index(_refs(model).index("2022-1"), 0))
    with qtbot.waitSignal(model.layoutChanged):
        model.sort(COL["total_cost"], Qt.SortOrder.DescendingOrder)
    assert _refs(model)[:3] == ["2022-1", "2021-2", "2022-2"]
    assert model.reference(kept.row()) == "2022-1"
    model.sort(COL["total_cost"], Qt.SortOrder.AscendingOrder)
    assert _refs(model)[0] == "2023-2"  # no cost first
    model.sort(COL["financed"], Qt.SortOrder.DescendingOrder)
    assert _refs(model)[:2] == ["2021-2", "2022-2"]


def test_edit_refreshes_only_the_changed_row(small, qtbot):
    ctx, info = small
    model = ActionsTableModel(ctx)
    assert _cell(model, "2021-1", "progress") == "40\u00a0%"
    bundle = ctx.workspace.actions.load(info.actions["2021-1"])
    bundle.action.progress = 55
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    with qtbot.waitSignal(model.dataChanged) as blocker:
        ctx.workspace.actions.save(bundle)  # notifies the store → bus → model
    top, bottom = blocker.args[0], blocker.args[1]
    assert top.row() == bottom.row() == _refs(model).index("2021-1")
    assert resets == []
    assert _cell(model, "2021-1", "progress") == "55\u00a0%"


def test_new_and_deleted_actions_reset_the_rows(small, qtbot):
    ctx, info = small
    model = ActionsTableModel(ctx)
    with qtbot.waitSignal(model.modelReset):
        ctx.workspace.actions.delete(info.actions["2022-1"])
    assert "2022-1" not in _refs(model)
    assert model.totals.count == 5
    bundle = ctx.workspace.actions.new_bundle(info.contract_id, info.sections["2"], 2024)
    bundle.action.title = "Nouvelle médiathèque"
    bundle.action.total_cost = Decimal("10")
    with qtbot.waitSignal(model.modelReset):
        ctx.workspace.actions.save(bundle)
    assert "2024-1" in _refs(model)
    assert model.totals.total_cost_cents == 515_000_000 - 250_000_000 + 1000


def test_everything_reloads(small, qtbot):
    ctx, _ = small
    model = ActionsTableModel(ctx)
    with qtbot.waitSignal(model.modelReset):
        ctx.bus.changed.emit(Changes(everything=True))
    assert model.rowCount() == 6


def test_rows_are_fetched_in_batches(small):
    ctx, _ = small
    model = ActionsTableModel(ctx)
    assert model._cache == {}  # nothing read before the view asks
    model.data(model.index(0, 0))
    assert len(model._cache) == 6
