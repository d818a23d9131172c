"""A read-only window: the reference data (funders and schemes, statuses, Fonds vert mesures) only show,
each writing control saying who holds the file; the SGPE levers are still searched."""

from __future__ import annotations


def test_the_reference_data_only_show(read_only, qtbot):
    dialog = read_only.window.open_window("reference")
    funders, statuses, mesures, levers = dialog.funders, dialog.statuses, dialog.mesures, dialog.levers
    funders.funders.setCurrentCell(0, 0)  # a funder chosen: Supprimer would come on
    funders.schemes.setCurrentCell(0, 0)
    statuses.table.setCurrentCell(0, 0)
    mesures.table.setCurrentCell(0, 0)
    assert funders.funder_name.text() and statuses.label_edit.text() and mesures.name.text()
    read_only.assert_locked(
        funders.funder_name, funders.funder_short, funders.funder_public, funders.funder_editor.new_button,
        funders.funder_editor.save_button, funders.funder_editor.delete_button, funders.scheme_name,
        funders.scheme_category, funders.scheme_lapse, funders.scheme_editor.new_button,
        funders.scheme_editor.save_button, funders.scheme_editor.delete_button,
        statuses.label_edit, statuses.color_edit, statuses.color_button, statuses.editor.save_button,
        mesures.name, mesures.axis, mesures.first_year, mesures.new_button, mesures.delete_button,
        mesures.save_button)
    qtbot.keyClicks(funders.funder_name, "X")
    assert not funders.funder_editor.save_button.isEnabled()
    read_only.assert_available(levers.search)
