"""The action form since 2023: the selected financing line's detail (Fonds vert mesure, DS dossier,
decision, lapse date, dated payments), the phase, the SGPE levers, adaptation and the green verdict."""

from datetime import date
from decimal import Decimal

from crte_desktop.db.repos.financing import FinancingRepository
from crte_desktop.db.repos.action import ActionRepository
from crte_desktop.domain.enums import PaymentKind, Phase, Rating, TaxonomyObjective
from crte_desktop.views.widgets import enum_combo
from tests.views.actions.test_action_form_financing import COL, add_line, eur, financing_form  # noqa: F401
from tests.views.actions.test_action_form_fixtures import fw, make_action, open_form, replace_text, type_in_cell  # noqa: F401


def test_detail_panel_follows_the_selected_line_and_records_payments(qtbot, fw):
    form, tab = financing_form(qtbot, fw)
    detail = tab.detail
    assert detail.body.isHidden()  # no line yet
    add_line(tab, "État", "Fonds vert")
    type_in_cell(tab.table, 0, COL["requested"], "120000")
    type_in_cell(tab.table, 0, COL["granted"], "100000")
    assert not detail.body.isHidden() and detail.mesure.isEnabled()
    assert detail.title().startswith("Détail de la ligne 1 : État / Fonds vert")
    friches = next(m.id for m in form._lookups.mesures if m.name == "Recyclage des friches")
    detail.mesure.choose_id(friches)
    replace_text(detail.ds_number, "8812345")
    detail.decision_date.set_value(date(2023, 9, 1))
    detail.decision_date.edited.emit()
    # decided 01/09/2023, 24 months: lapses 01/09/2025; the form's today is 15/06/2024 → shown, no alert yet
    assert "01/09/2025" in detail.lapse.text()

    detail.new_amount.set_value(Decimal("30000"))
    detail.new_date.set_value(date(2024, 2, 1))
    assert detail.add_entered_payment()
    assert detail.payments.rowCount() == 1
    assert form.bundle.financing[0].paid == Decimal("30000.00")
    assert tab.total_values[list(tab.total_values)[4]].text() == eur("30000")
    assert "écartée : travaux commencés" in detail.lapse.text()

    # above the granted amount: refused in French, nothing added
    detail.new_amount.set_value(Decimal("70000.01"))
    assert not detail.add_entered_payment()
    assert "dépasserait le montant accordé" in detail.payment_refusal.text()
    assert len(form.bundle.financing[0].payments) == 1
    # the paid cell no longer takes a typed amount
    type_in_cell(tab.table, 0, COL["paid"], "50000")
    assert "versements datés" in tab.refusal_message()
    assert form.bundle.financing[0].paid == Decimal("30000.00")

    assert form.save()
    [line] = FinancingRepository(fw.store).for_action(form.action_id)
    assert (line.mesure_id, line.ds_number, line.decision_date) == (friches, "8812345", date(2023, 9, 1))
    assert [(p.kind, p.date, p.amount) for p in line.payments] == [
        (PaymentKind.ACOMPTE, date(2024, 2, 1), Decimal("30000.00"))]
    assert line.paid == Decimal("30000.00")


def test_lapse_alert_in_the_detail_panel(qtbot, fw):
    form, tab = financing_form(qtbot, fw)
    add_line(tab, "État", "DETR")
    type_in_cell(tab.table, 0, COL["requested"], "50000")
    type_in_cell(tab.table, 0, COL["granted"], "40000")
    tab.detail.decision_date.set_value(date(2022, 7, 20))
    tab.detail.decision_date.edited.emit()
    # 20/07/2024 is 35 days after the form's today (15/06/2024)
    assert "caducité le 20/07/2024 (dans 35 jours)" in tab.detail.lapse.text()
    assert "bold" in tab.detail.lapse.styleSheet()


def test_phase_levers_adaptation_and_green_override(qtbot, fw):
    form = open_form(qtbot, fw, make_action(fw, total_cost=Decimal("100000")))
    enum_combo.set_current(form.general.phase, Phase.ETUDE)
    tab = form.assessment
    assert "Non favorable" in tab.verdict.text()
    enum_combo.set_current(tab.ratings[TaxonomyObjective.BIODIVERSITY], Rating.FAVOURABLE)
    assert tab.verdict.text().startswith("<b>Favorable</b>")
    enum_combo.set_current(tab.ratings[TaxonomyObjective.WATER], Rating.UNFAVOURABLE)
    assert tab.verdict.text().startswith("<b>Non favorable</b>")
    tab.override.setCurrentIndex(1)  # favourable, reasoned
    assert not form.save_button.isEnabled()
    assert "donnez le motif" in tab.reason_error.text()
    replace_text(tab.reason, "Imperméabilisation compensée sur site")
    assert form.save_button.isEnabled()
    tab.adaptation.setChecked(True)
    tab.levers.search.setText("velo")  # accents ignored: « Vélo », and « Développement… » contains it too
    assert "Vélo" in tab.levers.visible_labels() and len(tab.levers.visible_labels()) == 2
    velo = next(lever.id for lever in form._lookups.levers if lever.name == "Vélo")
    tab.levers.set_checked(velo, True)
    assert form.save()
    a = ActionRepository(fw.store).get(form.action_id)
    assert a.phase is Phase.ETUDE and a.adaptation and a.lever_ids == [velo]
    assert a.green_override is True and a.green_override_reason == "Imperméabilisation compensée sur site"
