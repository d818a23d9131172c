"""A read-only window: the directory's organisations and persons are searched and read, their forms only
show, each writing control saying who holds the file."""

from __future__ import annotations


def test_the_directory_is_read_and_searched_not_written(read_only, qtbot):
    dialog = read_only.window.open_window("directory")
    organisations, persons = dialog.organisations, dialog.persons
    organisations.table.selectRow(0)  # a record chosen: Supprimer would come on
    persons.table.selectRow(0)
    org, person = organisations.form, persons.form
    assert org.name_edit.text() and person.last_name_edit.text()  # shown, to be selected and copied
    read_only.assert_locked(org.name_edit, org.kind_box, org.epci_box, org.address_edit, org.siret_edit,
                            org.new_button, org.save_button, org.delete_button, person.civility_box,
                            person.last_name_edit, person.organisation_box, person.email_edit, person.new_button,
                            person.save_button, person.delete_button)
    qtbot.keyClicks(org.name_edit, "X")
    assert not org.is_dirty and not org.save_button.isEnabled()
    read_only.assert_available(organisations.filter_edit, organisations.kind_box, persons.filter_edit,
                               persons.organisation_box)
    qtbot.keyClicks(persons.filter_edit, "zzzz")
    assert persons.proxy.rowCount() == 0
