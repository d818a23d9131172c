"""``crte-desktop summary FILE``: figures per contract, status, funder, scheme, year, category, owner, territory.

With ``--cross LIGNES COLONNES [--stage ÉTAPE] [--per DIMENSION] [--contract ID]``: a cross table of the
financing (e.g. ``--cross dispositif territoire --stage verse --per annee`` gives the Douaisis table of grants
received, year by year). Reads the file without ever writing to it."""

from __future__ import annotations

from crte_desktop.dashboard.cross import dimension_of, stage_of
from crte_desktop.db.store import Store
from crte_desktop.summary.report import cross_report, summary_lines


def run(args) -> int:
    cross = getattr(args, "cross", None)
    if cross:
        rows_dim, columns_dim = (dimension_of(word) for word in cross)
        stage = stage_of(args.stage)
        per = dimension_of(args.per) if args.per else None
    with Store.open_read_only(args.file) as store:
        if cross:
            text = "\n".join(cross_report(store, args.contract, rows_dim, columns_dim, stage, per))
        else:
            text = "\n".join(summary_lines(store))
    print(text)
    return 0
