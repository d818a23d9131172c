"""Queries behind the calendar of obligations (``crte_desktop.obligations``): COPIL meetings, campaigns,
deposit deadlines, subsidies that may lapse, upcoming meetings. Plain rows; schema 5 and later."""

from __future__ import annotations

from crte_desktop.db.store import Store


def copil_dates(store: Store, contract_id: int) -> tuple[list[str], list[str]]:
    """(ISO dates of the COPIL meetings held, of those planned or convened) of the contract."""
    rows = store.conn.execute(
        "SELECT m.date, m.status FROM meeting m JOIN committee c ON c.id = m.committee_id"
        " WHERE c.contract_id = ? AND c.kind = 'copil' AND m.status IN ('tenue', 'prevue', 'convoquee')"
        " ORDER BY m.date", (contract_id,)).fetchall()
    return [d for d, s in rows if s == "tenue"], [d for d, s in rows if s != "tenue"]


def campaigns_by_year(store: Store, contract_id: int) -> list[tuple[int, str, int, int]]:
    """(year the campaign opens, name, owners, owners integrated) of the contract's campaigns."""
    return store.conn.execute(
        "SELECT CAST(substr(c.start_date, 1, 4) AS INTEGER), c.name, COUNT(o.owner_id), COUNT(o.integrated_on)"
        " FROM campaign c LEFT JOIN campaign_owner o ON o.campaign_id = c.id WHERE c.contract_id = ?"
        " GROUP BY c.id ORDER BY c.end_date, c.id", (contract_id,)).fetchall()


def deposit_deadlines(store: Store) -> list[tuple]:
    """(id, scheme id, funder short name, scheme name, department, month, day, note) of every deadline."""
    return store.conn.execute(
        "SELECT d.id, d.scheme_id, COALESCE(NULLIF(f.short_name, ''), f.name), s.name, d.department, d.month,"
        " d.day, d.note FROM deposit_deadline d JOIN scheme s ON s.id = d.scheme_id JOIN funder f ON f.id = s.funder_id"
        " ORDER BY d.month, d.day, s.name, d.department").fetchall()


def lapse_candidates(store: Store, contract_id: int) -> list[tuple]:
    """Financing lines of the contract with a decision date on a scheme with a lapse delay:
    (line id, action id, action reference, scheme name, decision date, lapse months, status, granted cents,
    paid cents, works start date, payments count)."""
    return store.conn.execute(
        "SELECT f.id, a.id, a.reference, s.name, f.decision_date, s.lapse_months, f.status, f.granted_cents,"
        " f.paid_cents, f.works_start_date, (SELECT COUNT(*) FROM payment p WHERE p.financing_id = f.id)"
        " FROM financing f JOIN action a ON a.id = f.action_id JOIN scheme s ON s.id = f.scheme_id"
        " WHERE a.contract_id = ? AND f.decision_date IS NOT NULL AND s.lapse_months > 0"
        " ORDER BY f.decision_date, a.reference", (contract_id,)).fetchall()


def upcoming_meetings(store: Store, contract_id: int, today_iso: str) -> list[tuple[int, str, str, str]]:
    """(meeting id, committee name, kind, ISO date) of the planned or convened meetings from today on."""
    return store.conn.execute(
        "SELECT m.id, c.name, c.kind, m.date FROM meeting m JOIN committee c ON c.id = m.committee_id"
        " WHERE c.contract_id = ? AND m.status IN ('prevue', 'convoquee') AND m.date >= ? ORDER BY m.date",
        (contract_id, today_iso)).fetchall()
