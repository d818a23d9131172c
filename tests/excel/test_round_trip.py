"""Property: export → edit with openpyxl → import → export gives exactly the edited values and changes
nothing else, over random workspaces and random edits (hypothesis).

The test keeps a model of what the workbook should say after the edits (every editable cell of every row,
by stable identifier), edits the real workbook and the model alike, imports, exports again and compares.
"""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.db.store import Store
from crte_desktop.domain.enums import ActionStatus, FinancingCategory, FinancingStatus
from crte_desktop.domain.financing import FinancingLine
from crte_desktop.domain.indicator import Indicator, Measurement
from crte_desktop.excel.cells import canonical, read_cell
from crte_desktop.excel.export import export_workbook
from crte_desktop.excel.import_apply import apply_import
from crte_desktop.excel.import_diff import plan_import
from crte_desktop.excel.layout import BY_NAME, DATA_SHEETS, ID_HEADER
from tests.excel.conftest import add_action, build_contract
from tests.in_transaction import InTransaction

D = Decimal
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029")
               | st.sampled_from(["=", "+", "-", "@", "\n", " ", "é", "€", "'"]), min_size=1, max_size=24) \
    .filter(lambda t: t.strip())
REFERENCE = st.from_regex(r"[A-Z0-9][A-Za-z0-9./-]{0,8}", fullmatch=True)
CENTS = st.integers(0, 10**11)
DATES = st.dates(date(2015, 1, 1), date(2035, 12, 31))


def money(cents: int | None) -> Decimal | None:
    return None if cents is None else (D(cents) / 100).quantize(D("0.01"))


# -- random workspaces ------------------------------------------------------------------------------------
@st.composite
def line_specs(draw, budget: int | None):
    share = None if budget is None else budget // 3
    requested = draw(st.none() | st.integers(0, share if share is not None else 10**10))
    granted = None if requested is None else draw(st.none() | st.integers(0, requested))
    paid = None if granted is None else draw(st.none() | st.integers(0, granted))
    planned = draw(st.none() | st.integers(0, share if share is not None else 10**10))
    statuses = [s for s in FinancingStatus if s is not FinancingStatus.REFUSE or not (granted or paid)]
    return dict(planned=planned, requested=requested, granted=granted, paid=paid, status=draw(st.sampled_from(statuses)),
                year=draw(st.none() | st.integers(2019, 2030)), comment=draw(st.just("") | TEXT),
                funder=draw(st.integers(0, 10**6)), category=draw(st.sampled_from(list(FinancingCategory))),
                decision=draw(st.none() | DATES))


@st.composite
def action_specs(draw, reference: str):
    cost = draw(st.none() | CENTS)
    start = draw(st.none() | DATES)
    end = draw(st.none() | (DATES if start is None else st.integers(0, 3000).map(lambda d: start + timedelta(d))))
    return dict(reference=reference, title=draw(TEXT), status=draw(st.sampled_from(list(ActionStatus))),
                progress=draw(st.integers(0, 100)), cost=cost, start=start, end=end,
                year=draw(st.none() | st.integers(2019, 2030)),
                lines=draw(st.lists(line_specs(cost), max_size=3)),
                indicators=draw(st.lists(st.tuples(TEXT, st.just("") | TEXT, st.none() | st.floats(-1e6, 1e6),
                                                   st.none() | st.floats(-1e6, 1e6), st.none() | DATES),
                                         max_size=2)))


@st.composite
def workspaces(draw):
    refs = draw(st.lists(REFERENCE, min_size=1, max_size=5, unique_by=str.casefold))
    return [draw(action_specs(r)) for r in refs]


def build(store, specs) -> int:
    cid = build_contract(store)
    directory = InTransaction(DirectoryRepository(store))
    schemes = directory.schemes()
    for spec in specs:
        lines = []
        for l in spec["lines"]:
            scheme = schemes[l["funder"] % len(schemes)]
            lines.append(FinancingLine(action_id=None, funder_id=scheme.funder_id, scheme_id=scheme.id,
                                       category=l["category"], year=l["year"], planned=money(l["planned"]),
                                       requested=money(l["requested"]), granted=money(l["granted"]),
                                       paid=money(l["paid"]), status=l["status"], decision_date=l["decision"],
                                       comment=l["comment"]))
        indicators = [Indicator(contract_id=cid, name=name, unit=unit, baseline=base, target=target,
                                measurements=[Measurement(when, 1.5)] if when else [])
                      for name, unit, base, target, when in spec["indicators"]]
        add_action(store, cid, spec["reference"], spec["title"], status=spec["status"], progress=spec["progress"],
                   total_cost=money(spec["cost"]), start_date=spec["start"], end_date=spec["end"],
                   inscription_year=spec["year"], lines=lines, indicators=indicators)
    return cid


# -- reading a workbook as the model --------------------------------------------------------------------
def sheet_rows(path: Path) -> dict[str, dict[str, dict]]:
    """Sheet → identifier → {column key: canonical value} for the editable columns."""
    wb = openpyxl.load_workbook(path, data_only=True)
    result = {}
    for layout in DATA_SHEETS:
        ws = wb[layout.name]
        values = list(ws.iter_rows(values_only=True))
        header = list(values[0])
        pos = {c.key: header.index(c.header) for c in layout.columns}
        id_pos = header.index(ID_HEADER)
        rows = {}
        for n, r in enumerate(values[1:], start=2):
            if all(v is None for v in r):
                continue
            ident = r[id_pos] or f"new:{n}"
            rows[ident] = {c.key: canonical(c.kind, read_cell(c.kind, r[pos[c.key]])) for c in layout.editable}
        result[layout.name] = rows
    return result


# -- random edits -----------------------------------------------------------------------------------------
EDITS = st.lists(st.tuples(st.sampled_from(["title", "reference", "status", "progress", "cost_up", "cost_clear",
                                            "end", "year", "line_scale", "line_comment", "line_status",
                                            "line_delete", "line_new", "action_new", "action_delete",
                                            "ind_name", "ind_target", "ind_measure"]),
                           st.integers(0, 10**6), TEXT, st.integers(0, 100), st.floats(0, 1), REFERENCE),
                 max_size=6)


class Editor:
    """Applies one abstract edit to the openpyxl workbook and to the model of its rows."""

    def __init__(self, wb, model, store):
        self.wb, self.model, self.store = wb, model, store
        self.statuses = [label for _code, (label, _c) in DirectoryRepository(store).status_colors().items()]
        self.schemes = DirectoryRepository(store).schemes()
        self.funders = {f.id: f.name for f in DirectoryRepository(store).funders()}
        self.created = 0

    def new_key(self) -> str:
        self.created += 1
        return f"new:{self.created}"

    def has_new_children(self, action: str) -> bool:
        ref = self.model["Actions"][action]["reference"]
        return any(i.startswith("new:") and r["action_ref"] == ref
                   for sheet in ("Financements", "Indicateurs") for i, r in self.model[sheet].items())

    def row_of(self, sheet: str, ident: str) -> int:
        ws = self.wb[sheet]
        col = [c.value for c in ws[1]].index(ID_HEADER) + 1
        return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, col).value == ident)

    def put(self, sheet: str, ident: str, key: str, cell_value, model_value) -> None:
        ws = self.wb[sheet]
        layout = BY_NAME[sheet]
        header = layout.column(key).header
        col = [c.value for c in ws[1]].index(header) + 1
        cell = ws.cell(self.row_of(sheet, ident), col)
        cell.value = cell_value
        if isinstance(cell_value, str):
            cell.data_type = "s"  # text typed with a leading "=" stays text, as with an apostrophe in a spreadsheet
        self.model[sheet][ident][key] = canonical(layout.column(key).kind, model_value)

    def pick(self, sheet: str, n: int, new: bool = False) -> str | None:
        idents = sorted(i for i in self.model[sheet] if new or not i.startswith("new:"))
        return idents[n % len(idents)] if idents else None

    def refs(self) -> set[str]:
        return {r["reference"].casefold() for r in self.model["Actions"].values()}

    def apply(self, kind, n, text, pct, frac, ref) -> None:
        clean = text.strip().replace("\r\n", "\n").replace("\r", "\n")
        a = self.pick("Actions", n)
        if kind == "title" and a:
            self.put("Actions", a, "title", text, clean)
        elif kind == "reference" and a and ref.casefold() not in self.refs() and not self.has_new_children(a):
            old = self.model["Actions"][a]["reference"]
            self.put("Actions", a, "reference", ref, ref)
            for row in self.model["Financements"].values():  # the lines follow their action
                if row["action_ref"] == old:
                    row["action_ref"] = ref
            for row in self.model["Indicateurs"].values():
                if row["action_ref"] == old:
                    row["action_ref"] = ref
        elif kind == "status" and a:
            label = self.statuses[n % len(self.statuses)]
            self.put("Actions", a, "status", label.upper() if n % 2 else label, label)
        elif kind == "progress" and a:
            # the number 1 in a percent cell is 100 % (a fraction, as the export writes it): 1 point is "1 %"
            forms = [pct / 100, pct if pct > 1 else f"{pct} %", f"{pct} %"]
            self.put("Actions", a, "progress", forms[n % 3], pct)
        elif kind == "cost_up" and a:
            floor = self.line_sums(a)
            current = self.model["Actions"][a]["total_cost"]
            base = max(D(current) if current else D(0), floor)
            value = base + money(n)
            self.put("Actions", a, "total_cost", f"{value:f}".replace(".", ",") + " €" if n % 2 else float(value),
                     value)
        elif kind == "cost_clear" and a:
            self.put("Actions", a, "total_cost", None, None)
        elif kind == "end" and a:
            start = self.model["Actions"][a]["start_date"]
            end = (date.fromisoformat(start) if start else date(2020, 1, 1)) + timedelta(days=n % 4000)
            self.put("Actions", a, "end_date", end.strftime("%d/%m/%Y") if n % 2 else end, end)
        elif kind == "year" and a:
            self.put("Actions", a, "inscription_year", 2000 + n % 80, 2000 + n % 80)
        elif kind == "line_scale":
            f = self.pick("Financements", n)
            if f:
                for key in ("planned", "requested", "granted", "paid"):
                    v = self.model["Financements"][f][key]
                    if v is not None:
                        scaled = (D(v) * D(repr(frac))).quantize(D("0.01"), rounding="ROUND_DOWN")
                        self.put("Financements", f, key, float(scaled), scaled)
        elif kind == "line_comment":
            f = self.pick("Financements", n)
            if f:
                self.put("Financements", f, "comment", text, clean)
        elif kind == "line_status":
            f = self.pick("Financements", n)
            if f:
                row = self.model["Financements"][f]
                allowed = [s for s in FinancingStatus if s is not FinancingStatus.REFUSE
                           or not (row["granted"] and D(row["granted"])) and not (row["paid"] and D(row["paid"]))]
                status = allowed[n % len(allowed)]
                self.put("Financements", f, "status", status.label, status.label)
        elif kind == "line_delete" and self.wb["Financements"].max_row > 2:  # emptying a sheet is refused
            f = self.pick("Financements", n)
            if f:
                self.wb["Financements"].delete_rows(self.row_of("Financements", f))
                del self.model["Financements"][f]
        elif kind == "line_new" and a:
            scheme = self.schemes[n % len(self.schemes)]
            ws = self.wb["Financements"]
            r = ws.max_row + 1
            ref = self.model["Actions"][a]["reference"]
            values = {"action_ref": ref, "funder": self.funders[scheme.funder_id], "scheme": scheme.name,
                      "year": 2020 + n % 10, "comment": clean}
            for key, value in values.items():
                cell = ws.cell(r, [c.value for c in ws[1]].index(BY_NAME["Financements"].column(key).header) + 1)
                cell.value = value
                cell.data_type = "n" if isinstance(value, int) else "s"
            row = {c.key: None for c in BY_NAME["Financements"].editable}
            row.update({k: canonical(BY_NAME["Financements"].column(k).kind, v) for k, v in values.items()})
            row["category"] = (scheme.default_category or FinancingCategory.CONTRACTUALISE).label
            row["status"] = FinancingStatus.PREVU.label
            self.model["Financements"][self.new_key()] = row
        elif kind == "action_new" and ref.casefold() not in self.refs():
            ws = self.wb["Actions"]
            r = ws.max_row + 1
            ws.cell(r, 1).value = ref
            ws.cell(r, 1).data_type = "s"
            ws.cell(r, 2).value = text
            ws.cell(r, 2).data_type = "s"
            row = {c.key: None for c in BY_NAME["Actions"].editable}
            row.update(reference=ref, title=clean, status=self.statuses[0], progress="0")
            self.model["Actions"][self.new_key()] = row
        elif kind == "action_delete" and a and not self.has_new_children(a) and self.wb["Actions"].max_row > 2:
            ref = self.model["Actions"][a]["reference"]
            self.wb["Actions"].delete_rows(self.row_of("Actions", a))
            del self.model["Actions"][a]
            for sheet in ("Financements", "Indicateurs"):  # its lines and indicators go with it
                for ident, row in list(self.model[sheet].items()):
                    if row["action_ref"] == ref:
                        del self.model[sheet][ident]
        elif kind == "ind_name":
            i = self.pick("Indicateurs", n)
            if i:
                self.put("Indicateurs", i, "name", text, clean)
        elif kind == "ind_target":
            i = self.pick("Indicateurs", n)
            if i:
                self.put("Indicateurs", i, "target", frac * 1000 - 300, frac * 1000 - 300)
        elif kind == "ind_measure":
            i = self.pick("Indicateurs", n)
            if i:
                last = self.model["Indicateurs"][i]["last_date"]
                when = (date.fromisoformat(last) if last else date(2020, 1, 1)) + timedelta(days=1 + n % 900)
                self.put("Indicateurs", i, "last_date", when, when)
                self.put("Indicateurs", i, "last_value", pct * 1.25, pct * 1.25)

    def line_sums(self, action: str) -> Decimal:
        ref = self.model["Actions"][action]["reference"]
        best = D(0)
        for key in ("planned", "requested", "granted", "paid"):
            best = max(best, sum((D(r[key]) for r in self.model["Financements"].values()
                                  if r["action_ref"] == ref and r[key] is not None), D(0)))
        return best


def without_new(rows: dict) -> dict:
    """The rows that existed at the export (the new ones get their identifiers at the import)."""
    return {k: v for k, v in rows.items() if not k.startswith("new:")}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(specs=workspaces(), edits=EDITS)
def test_round_trip_gives_exactly_the_edited_values(specs, edits):
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        store = Store.create(tmp / "espace.crte")
        try:
            cid = build(store, specs)
            other = build_contract(store, "Autre contrat")
            add_action(store, other, "X-1", "Action d'un autre contrat", total_cost=D("10.00"))
            other_before = sheet_rows(_export(store, tmp / "autre-avant.xlsx", other))

            book = _export(store, tmp / "export.xlsx", cid)
            model = sheet_rows(book)
            exported = {sheet: set(rows) for sheet, rows in model.items()}
            wb = openpyxl.load_workbook(book)
            editor = Editor(wb, model, store)
            for edit in edits:
                editor.apply(*edit)
            edited = tmp / "modifie.xlsx"
            wb.save(edited)

            plan = plan_import(store, edited)
            assert plan.errors == [], [str(p) for p in plan.errors]
            apply_import(store, plan)

            after = sheet_rows(_export(store, tmp / "apres.xlsx", cid))
            for sheet in ("Actions", "Financements", "Indicateurs"):
                kept = without_new(model[sheet])
                assert {i: r for i, r in after[sheet].items() if i in exported[sheet]} == kept, sheet
                created = sorted(map(_key, (r for i, r in model[sheet].items() if i.startswith("new:"))))
                made = sorted(map(_key, (r for i, r in after[sheet].items() if i not in exported[sheet])))
                assert made == created, sheet
            assert sheet_rows(_export(store, tmp / "autre-apres.xlsx", other)) == other_before
            assert plan_import(store, tmp / "apres.xlsx").changes == []
        finally:
            store.close()


def _export(store, path: Path, contract_id: int) -> Path:
    export_workbook(store, path, contract_id, charts=False)
    return path


def _key(row: dict) -> tuple:
    return tuple(sorted((k, "" if v is None else v) for k, v in row.items()))
