import sqlite3

from crte_desktop.db.sqlscript import run_script


def migrate(conn: sqlite3.Connection) -> None:
    """Version 2: committees (COPIL, COTECH…) with their members, meetings with their agenda, attached
    documents (stored inside the workspace), attendance, decisions and follow-ups.

    Deleting a contract removes its committees and meetings. A committee with meetings is protected by the
    service (a clear message), not by the schema, so that deleting a whole contract still works. Links from
    agenda items and decisions to actions keep the action's "reference — title" text: deleting the action
    sets the link to NULL and the agenda still says which action it was. Organisations and persons seated
    in a committee cannot be deleted (RESTRICT), as for signatories; attendance lines keep a copy of the
    names.
    """
    run_script(
        conn,
        """
        CREATE TABLE committee (
            id INTEGER PRIMARY KEY,
            contract_id INTEGER NOT NULL REFERENCES contract(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('copil', 'cotech', 'autre')),
            name TEXT NOT NULL,
            min_per_year INTEGER NOT NULL DEFAULT 0 CHECK (min_per_year >= 0),
            description TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0,
            row_version INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX committee_contract ON committee(contract_id, position);

        CREATE TABLE committee_member (
            id INTEGER PRIMARY KEY,
            committee_id INTEGER NOT NULL REFERENCES committee(id) ON DELETE CASCADE,
            organisation_id INTEGER REFERENCES organisation(id) ON DELETE RESTRICT,
            person_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,
            role TEXT NOT NULL CHECK (role IN ('co_president', 'membre', 'invite_permanent', 'secretariat')),
            substitute_id INTEGER REFERENCES person(id) ON DELETE SET NULL,
            notes TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0,
            CHECK (organisation_id IS NOT NULL OR person_id IS NOT NULL),
            CHECK (substitute_id IS NULL OR person_id IS NULL OR substitute_id <> person_id)
        );
        CREATE INDEX committee_member_committee ON committee_member(committee_id, position);
        CREATE INDEX committee_member_person ON committee_member(person_id);
        CREATE INDEX committee_member_organisation ON committee_member(organisation_id);
        CREATE INDEX committee_member_substitute ON committee_member(substitute_id);

        CREATE TABLE meeting (
            id INTEGER PRIMARY KEY,
            committee_id INTEGER NOT NULL REFERENCES committee(id) ON DELETE CASCADE,
            date TEXT NOT NULL,
            start_time TEXT,
            end_time TEXT,
            place TEXT NOT NULL DEFAULT '',
            video_link TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'prevue'
                CHECK (status IN ('prevue', 'convoquee', 'tenue', 'annulee', 'reportee')),
            convocation_sent_on TEXT,
            minutes_status TEXT NOT NULL DEFAULT 'brouillon' CHECK (minutes_status IN ('brouillon', 'valide')),
            minutes_validated_on TEXT,
            minutes_validated_at INTEGER REFERENCES meeting(id) ON DELETE SET NULL,
            introduction TEXT NOT NULL DEFAULT '',
            uid TEXT NOT NULL UNIQUE,
            ics_sequence INTEGER NOT NULL DEFAULT 0,
            row_version INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX meeting_committee ON meeting(committee_id, date);
        CREATE INDEX meeting_validated_at ON meeting(minutes_validated_at);

        CREATE TABLE agenda_item (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
            position INTEGER NOT NULL DEFAULT 0,
            title TEXT NOT NULL,
            kind TEXT NOT NULL,
            change_kind TEXT,
            presenter TEXT NOT NULL DEFAULT '',
            duration_minutes INTEGER NOT NULL DEFAULT 0 CHECK (duration_minutes >= 0),
            description TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX agenda_item_meeting ON agenda_item(meeting_id, position);

        CREATE TABLE agenda_item_action (
            id INTEGER PRIMARY KEY,
            agenda_item_id INTEGER NOT NULL REFERENCES agenda_item(id) ON DELETE CASCADE,
            action_id INTEGER REFERENCES action(id) ON DELETE SET NULL,
            action_label TEXT NOT NULL,
            position INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX agenda_item_action_item ON agenda_item_action(agenda_item_id, position);
        CREATE INDEX agenda_item_action_action ON agenda_item_action(action_id);

        CREATE TABLE attachment (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
            agenda_item_id INTEGER REFERENCES agenda_item(id) ON DELETE CASCADE,
            file_name TEXT NOT NULL,
            mime_type TEXT NOT NULL DEFAULT 'application/octet-stream',
            size INTEGER NOT NULL CHECK (size >= 0),
            data BLOB NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            added_at TEXT NOT NULL,
            position INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX attachment_meeting ON attachment(meeting_id, agenda_item_id, position);
        CREATE INDEX attachment_item ON attachment(agenda_item_id);

        CREATE TABLE attendance (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
            member_id INTEGER REFERENCES committee_member(id) ON DELETE SET NULL,
            person_id INTEGER REFERENCES person(id) ON DELETE SET NULL,
            organisation_id INTEGER REFERENCES organisation(id) ON DELETE SET NULL,
            name TEXT NOT NULL DEFAULT '',
            organisation_name TEXT NOT NULL DEFAULT '',
            role_label TEXT NOT NULL DEFAULT '',
            is_guest INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT 'present' CHECK (status IN ('present', 'excuse', 'represente', 'absent')),
            represented_by TEXT NOT NULL DEFAULT '',
            comment TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX attendance_meeting ON attendance(meeting_id, position);
        CREATE INDEX attendance_member ON attendance(member_id);
        CREATE INDEX attendance_person ON attendance(person_id);
        CREATE INDEX attendance_organisation ON attendance(organisation_id);

        CREATE TABLE decision (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
            agenda_item_id INTEGER REFERENCES agenda_item(id) ON DELETE SET NULL,
            number INTEGER NOT NULL CHECK (number > 0),
            text TEXT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('adopte', 'ajourne', 'rejete')),
            effect TEXT NOT NULL DEFAULT 'aucun',
            applied_on TEXT,
            UNIQUE (meeting_id, number)
        );
        CREATE INDEX decision_item ON decision(agenda_item_id);

        CREATE TABLE decision_action (
            id INTEGER PRIMARY KEY,
            decision_id INTEGER NOT NULL REFERENCES decision(id) ON DELETE CASCADE,
            action_id INTEGER REFERENCES action(id) ON DELETE SET NULL,
            action_label TEXT NOT NULL,
            position INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX decision_action_decision ON decision_action(decision_id, position);
        CREATE INDEX decision_action_action ON decision_action(action_id);

        CREATE TABLE follow_up (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
            decision_id INTEGER REFERENCES decision(id) ON DELETE SET NULL,
            agenda_item_id INTEGER REFERENCES agenda_item(id) ON DELETE SET NULL,
            text TEXT NOT NULL,
            owner TEXT NOT NULL DEFAULT '',
            due_date TEXT,
            done INTEGER NOT NULL DEFAULT 0,
            done_on TEXT,
            position INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX follow_up_meeting ON follow_up(meeting_id, position);
        CREATE INDEX follow_up_due ON follow_up(done, due_date);
        CREATE INDEX follow_up_decision ON follow_up(decision_id);
        CREATE INDEX follow_up_item ON follow_up(agenda_item_id);
        """
    )
