"""Committees below their yearly cadence (the committee and meeting tables come with a later schema)."""

from __future__ import annotations

from datetime import date

from crte_desktop.dashboard.alerts import cadence_alerts
from crte_desktop.dashboard.compute import compute_dashboard
from crte_desktop.dashboard.model import DashboardFilter
from crte_desktop.db.queries.dashboard import committee_cadence, has_committees
from tests.dashboard.sample import TODAY, build_sample


def test_years_below_the_minimum_are_flagged():
    rows = [("COTECH", 2023, 2, 2), ("COTECH", 2024, 1, 2), ("COPIL", 2023, 0, 1), ("COPIL", 2024, 3, 1)]
    alerts = cadence_alerts(rows, date(2025, 3, 1))
    assert [a.message for a in alerts] == ["Le COTECH s'est réuni 1 fois en 2024 (minimum 2).",
                                           "Le COPIL ne s'est pas réuni en 2023 (minimum 1)."]
    assert all(a.kind == "cadence" and a.action_ids == () for a in alerts)


def test_the_current_year_is_said_so_far():
    alerts = cadence_alerts([("COTECH", 2024, 1, 2)], date(2024, 6, 30))
    assert alerts[0].message == "Le COTECH s'est réuni 1 fois en 2024 à ce jour (minimum 2)."


def test_no_alert_without_committees(workspace):
    sample = build_sample(workspace)
    assert committee_cadence(workspace, sample.contract_id, 2021, 2024) == []
    d = compute_dashboard(workspace, DashboardFilter(sample.contract_id), TODAY)
    assert not d.alerts_of("cadence")


def test_no_alert_on_a_connection_without_committee_tables(tmp_path):
    import sqlite3

    from crte_desktop.db.store import Store

    store = Store(tmp_path / "v1.db", sqlite3.connect(tmp_path / "v1.db"), read_only=True)
    assert not has_committees(store)
    assert committee_cadence(store, 1, 2021, 2024) == []
    store.close()


def test_a_committee_that_never_met_is_judged_on_the_current_year_only(workspace):
    sample = build_sample(workspace)
    with workspace.transaction() as conn:
        _committee(conn, sample.contract_id, "cotech", "Comité technique", 2, [])
    assert committee_cadence(workspace, sample.contract_id, 2021, 2024) == [("COTECH", 2024, 0, 2)]


def test_a_provider_feeds_the_dashboard(workspace):
    sample = build_sample(workspace)
    calls = []

    def provider(conn, contract_id, today):
        calls.append((contract_id, today))
        return [("COTECH", 2023, 1, 2)]

    d = compute_dashboard(workspace, DashboardFilter(sample.contract_id), TODAY, cadence=provider)
    assert [a.message for a in d.alerts_of("cadence")] == ["Le COTECH s'est réuni 1 fois en 2023 (minimum 2)."]
    assert calls == [(sample.contract_id, TODAY)]
    # committees steer the whole contract: a narrowed dashboard does not judge them
    d = compute_dashboard(workspace, DashboardFilter(sample.contract_id, year=2023), TODAY, cadence=provider)
    assert not d.alerts_of("cadence")


def _committee(conn, contract_id, kind, name, minimum, meetings):
    cid = conn.execute("INSERT INTO committee(contract_id, kind, name, min_per_year) VALUES (?, ?, ?, ?)",
                       (contract_id, kind, name, minimum)).lastrowid
    for i, (day, status) in enumerate(meetings):
        conn.execute("INSERT INTO meeting(committee_id, date, status, uid) VALUES (?, ?, ?, ?)",
                     (cid, day, status, f"{cid}-{i}@test"))


def test_held_meetings_are_counted_per_committee_and_year(workspace):
    sample = build_sample(workspace)
    with workspace.transaction() as conn:
        _committee(conn, sample.contract_id, "copil", "Comité de pilotage", 1, [("2023-05-01", "tenue")])
        _committee(conn, sample.contract_id, "cotech", "Comité technique", 2, [
            ("2022-03-01", "tenue"), ("2022-10-01", "tenue"), ("2023-02-01", "tenue"), ("2023-09-01", "annulee"),
            ("2024-03-01", "tenue"), ("2024-11-01", "prevue")])
        _committee(conn, sample.contract_id, "autre", "Comité des financeurs", 0, [])
    # each committee is judged from the year of its first recorded meeting (COPIL 2023, COTECH 2022)
    assert committee_cadence(workspace, sample.contract_id, 2022, 2024) == [
        ("COPIL", 2023, 1, 1), ("COPIL", 2024, 0, 1),
        ("COTECH", 2022, 2, 2), ("COTECH", 2023, 1, 2), ("COTECH", 2024, 1, 2)]
    d = compute_dashboard(workspace, DashboardFilter(sample.contract_id), TODAY)  # contract from 2021
    assert [a.message for a in d.alerts_of("cadence")] == [
        "Le COPIL ne s'est pas réuni en 2024 à ce jour (minimum 1).",
        "Le COTECH s'est réuni 1 fois en 2023 (minimum 2).",
        "Le COTECH s'est réuni 1 fois en 2024 à ce jour (minimum 2).",
    ]
