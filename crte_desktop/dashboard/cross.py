"""Cross tables (tableaux croisés): financing at one stage, summed over two dimensions, with totals.

Any two of année, dispositif, financeur, territoire EPCI, maître d'ouvrage, section (top level), phase,
under the dashboard's filters, optionally with one more dimension held at one value (``fixed``). The sums
are made in SQL (``db.summary_queries.financing_cross``); this module only names, orders and totals them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date

from crte_desktop.dashboard.compute import scope_of
from crte_desktop.dashboard.model import DashboardFilter
from crte_desktop.db.queries import dashboard as dq
from crte_desktop.db.queries import summary as sq
from crte_desktop.db.repos.contract import ContractRepository
from crte_desktop.db.repos.directory import DirectoryRepository
from crte_desktop.db.store import Store
from crte_desktop.domain.enums import Stage
from crte_desktop.domain.errors import DomainError

# dimension (group of summary_queries) → French name
DIMENSIONS = {
    "year": "Année",
    "scheme": "Dispositif",
    "funder": "Financeur",
    "territory": "Territoire EPCI",
    "owner": "Maître d'ouvrage",
    "section": "Section",
    "phase": "Phase",
}

# the words the command line accepts for each dimension and stage (accents and case ignored)
_DIMENSION_WORDS = {
    "year": ("annee", "annees", "year", "millesime", "exercice"),
    "scheme": ("dispositif", "dispositifs", "scheme"),
    "funder": ("financeur", "financeurs", "funder"),
    "territory": ("territoire", "territoires", "epci", "territory"),
    "owner": ("maitre-ouvrage", "maitre-d-ouvrage", "maitre_ouvrage", "maitres-ouvrage", "mo", "owner"),
    "section": ("section", "sections", "volet", "axe"),
    "phase": ("phase", "phases"),
}
_STAGE_WORDS = {
    Stage.PLANNED: ("prevu", "previsionnel", "planned"),
    Stage.REQUESTED: ("sollicite", "demande", "requested"),
    Stage.GRANTED: ("accorde", "granted"),
    Stage.PAID: ("verse", "percu", "paid"),
}

# the dimension's name inside a sentence ("Montants versés par territoire EPCI et par année")
IN_TEXT = {dim: name if dim == "territory" else name.lower() for dim, name in
           {**DIMENSIONS, "territory": "territoire EPCI", "owner": "maître d'ouvrage"}.items()}

OUTSIDE = {"year": "(sans année)", "scheme": "(sans dispositif)", "territory": "(hors EPCI)",
           "owner": "(sans maître d'ouvrage)", "section": "(sans section)", "phase": "(sans phase)"}


def _fold(word: str) -> str:
    text = unicodedata.normalize("NFKD", word.strip().lower().replace("'", "-").replace(" ", "-"))
    return "".join(c for c in text if not unicodedata.combining(c))


def dimension_of(word: str) -> str:
    """The dimension named by a French word ("année", "maître-ouvrage"…); a French error otherwise."""
    folded = _fold(word)
    for dim, words in _DIMENSION_WORDS.items():
        if folded in words:
            return dim
    raise DomainError(f"Dimension inconnue « {word} » : choisissez parmi annee, dispositif, financeur, territoire, "
                      "maitre-ouvrage, section, phase.")


def stage_of(word: str) -> Stage:
    folded = _fold(word)
    for stage, words in _STAGE_WORDS.items():
        if folded in words or folded == _fold(stage.label):
            return stage
    raise DomainError(f"Étape inconnue « {word} » : choisissez parmi prevu, sollicite, accorde, verse.")


@dataclass
class CrossTable:
    """Rows × columns of cents at one stage; keys are those of the dimensions (ids, years, codes; None = none)."""

    rows_dim: str
    columns_dim: str
    stage: Stage
    rows: list[tuple[object, str]] = field(default_factory=list)  # (key, label), in order
    columns: list[tuple[object, str]] = field(default_factory=list)
    cells: dict[tuple[object, object], int] = field(default_factory=dict)  # (row key, column key) → cents

    def value(self, row_key, column_key) -> int:
        return self.cells.get((row_key, column_key), 0)

    def row_total(self, row_key) -> int:
        return sum(self.value(row_key, c) for c, _ in self.columns)

    def column_total(self, column_key) -> int:
        return sum(self.value(r, column_key) for r, _ in self.rows)

    @property
    def total(self) -> int:
        return sum(self.cells.values())

    @property
    def title(self) -> str:
        return f"Montants {self.stage.label.lower()}s par {IN_TEXT[self.rows_dim]} et par {IN_TEXT[self.columns_dim]}"

    @property
    def is_empty(self) -> bool:
        return not self.cells


def cross_table(store: Store, f: DashboardFilter, rows_dim: str, columns_dim: str, stage: Stage,
                today: date | None = None, fixed: dict[str, object] | None = None) -> CrossTable:
    """The cross table of the contract's financing under the filter ``f``, one dimension held at ``fixed``."""
    for dim in (rows_dim, columns_dim, *(fixed or {})):
        if dim not in DIMENSIONS:
            raise DomainError(f"Dimension inconnue « {dim} ».")
    if rows_dim == columns_dim:
        raise DomainError("Choisissez deux dimensions différentes pour les lignes et les colonnes.")
    if "phase" in (rows_dim, columns_dim, *(fixed or {})) and not sq.has_phase(store):
        raise DomainError("Cet espace de travail ne connaît pas encore les phases des actions.")
    # the owner's own funds are left out: the figures agree with the dashboard's tiles
    where, params = scope_of(store, f, today or date.today()).lines_where()
    fixed_where, fixed_params = sq.fixed_where(store, fixed or {})
    where, params = where + fixed_where, params + fixed_params
    index = list(Stage).index(stage)
    table = CrossTable(rows_dim, columns_dim, stage)
    names = _namers(store, f.contract_id, (rows_dim, columns_dim))
    rows: dict[object, tuple[str, str]] = {}  # key → (label, full name to sort by)
    columns: dict[object, tuple[str, str]] = {}
    for row, cell in sq.financing_cross(store, f.contract_id, rows_dim, columns_dim, where, params):
        amount = cell.cents[index]
        if not amount:  # lines that count nothing at this stage (only planned, refused, cancelled…)
            continue
        r_key, r_label = names[rows_dim](row.key, row.label)
        c_key, c_label = names[columns_dim](cell.key, cell.label)
        rows.setdefault(r_key, (r_label, str(row.label)))
        columns.setdefault(c_key, (c_label, str(cell.label)))
        table.cells[(r_key, c_key)] = table.cells.get((r_key, c_key), 0) + amount
    table.rows = _ordered(rows_dim, rows, names)
    table.columns = _ordered(columns_dim, columns, names)
    return table


def _ordered(dim: str, labels: dict[object, tuple[str, str]], names) -> list[tuple[object, str]]:
    """Keys in the dimension's natural order: years by value, sections and phases in the reference order,
    organisations by full name (as the contracts list them), the rest alphabetically; "none" last."""
    order = getattr(names[dim], "order", None)
    if dim == "year":
        key = lambda item: (item[0] is None, item[0] or 0)  # noqa: E731
    elif order is not None:
        key = lambda item: (item[0] is None, order.get(item[0], 0))  # noqa: E731
    elif dim in ("territory", "owner", "funder"):
        key = lambda item: (item[0] is None, _fold(item[1][1]))  # noqa: E731
    else:
        key = lambda item: (item[0] is None, _fold(item[1][0]))  # noqa: E731
    return [(k, label) for k, (label, _full) in sorted(labels.items(), key=key)]


def _namers(store: Store, contract_id: int, dims: tuple[str, ...]):
    """Per dimension, a function (key, SQL label) → (key, French label) of a row or column."""
    namers = {}
    for dim in dims:
        if dim in ("territory", "owner"):
            short = {o.id: o.label for o in DirectoryRepository(store).organisations()}
            namers[dim] = lambda k, label, short=short, dim=dim: (k, OUTSIDE[dim] if k is None else short.get(k, label))
        elif dim == "funder":
            short = {fid: s for fid, _n, s in dq.all_funders(store) if s}
            namers[dim] = lambda k, label, short=short: (k, short.get(k, label))
        elif dim == "section":
            sections = ContractRepository(store).sections(contract_id)
            top = _top_sections(sections)
            labels = {s.id: f"{s.code} {s.title}".strip() for s in sections}
            namer = _SectionNamer(top, labels, {s.id: i for i, s in enumerate(sections)})
            namers[dim] = namer
        elif dim == "phase":
            namers[dim] = _PhaseNamer()
        elif dim == "scheme":
            namers[dim] = _scheme_namer(store)
        elif dim == "year":
            namers[dim] = lambda k, label: (k, OUTSIDE["year"] if k is None else str(k))
        else:
            namers[dim] = lambda k, label: (k, str(label))
    return namers


def _scheme_namer(store: Store):
    """A scheme by its name ("DSIL"), with its funder when another funder has a scheme of that name; a line
    without scheme by its funder."""
    rows, funders = dq.scheme_labels(store)
    counts: dict[str, int] = {}
    for _id, name, _fid, _funder in rows:
        counts[_fold(name)] = counts.get(_fold(name), 0) + 1
    labels = {sid: name if counts[_fold(name)] == 1 or _fold(name) == _fold(funder) else f"{name} ({funder})"
              for sid, name, _fid, funder in rows}

    def namer(key, label):
        if key is None:
            return key, OUTSIDE["scheme"]
        if key < 0:  # a line without scheme: keyed by minus its funder
            return key, f"{funders.get(-key, label)} {OUTSIDE['scheme']}"
        return key, labels.get(key, str(label))

    return namer


def _top_sections(sections) -> dict[int, int]:
    parent = {s.id: s.parent_id for s in sections}
    top = {}
    for s in sections:
        node = s.id
        while parent.get(node) is not None:
            node = parent[node]
        top[s.id] = node
    return top


class _SectionNamer:
    """A section row is the action's top-level section (volet / axe), labelled with its code."""

    def __init__(self, top: dict[int, int], labels: dict[int, str], order: dict[int, int]):
        self.top, self.labels, self.order = top, labels, order

    def __call__(self, key, _label):
        if key is None:
            return None, OUTSIDE["section"]
        top = self.top.get(key, key)
        return top, self.labels.get(top, str(top))


class _PhaseNamer:
    """Phases by their French label, in the reference order."""

    def __init__(self):
        from crte_desktop.domain.enums import Phase

        self.labels = {p.value: p.label for p in Phase}
        self.order = {p.value: i for i, p in enumerate(Phase)}

    def __call__(self, key, _label):
        return key, OUTSIDE["phase"] if key is None else self.labels.get(key, str(key))
