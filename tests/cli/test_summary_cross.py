"""``crte-desktop summary --cross``: the Douaisis table « Dotations DETR, DSIL et FNADT perçues entre 2017 et
2021 » comes out of the demo cell by cell; bad dimensions and stages are refused in French."""

import pytest

from tests.demo.test_douaisis_grants import GRAND_TOTALS, TABLE, YEAR_TOTALS


def _blocks(out: str) -> dict[str, list[list[str]]]:
    """Heading → rows of cells (split on two spaces or more), header row first."""
    blocks: dict[str, list[list[str]]] = {}
    current = None
    for line in out.splitlines():
        if line.startswith("Montants "):
            current = blocks.setdefault(line, [])
        elif current is not None and line.startswith("  ") and not set(line.strip()) <= {"-", " "}:
            current.append([c.strip() for c in line.strip().split("  ") if c.strip()])
        elif not line.strip():
            current = None
    return blocks


def _cell(rows: list[list[str]], row: str, column: str) -> str:
    header = rows[0]
    line = next(r for r in rows[1:] if r[0] == row)
    return line[header.index(column)]


@pytest.fixture(scope="module")
def douaisis_grants(demo_master):
    from crte_desktop.cli import main
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["summary", str(demo_master), "--cross", "dispositif", "territoire", "--stage", "versé",
                     "--per", "année", "--contract", "2"])
    assert code == 0
    return _blocks(out.getvalue().replace("\u00a0", " "))


def test_every_cell_of_the_douaisis_grants_table(douaisis_grants):
    for year, schemes in TABLE.items():
        rows = douaisis_grants[f"Montants versés par dispositif et par territoire EPCI — année {year}"]
        assert rows[0][:3] == ["Dispositif", "DA", "CCCO"]
        for scheme, (da, ccco) in schemes.items():
            assert _cell(rows, scheme, "DA") == da, (year, scheme)
            assert _cell(rows, scheme, "CCCO") == ccco, (year, scheme)


def test_dsil_2021_for_douaisis_agglo(douaisis_grants):
    rows = douaisis_grants["Montants versés par dispositif et par territoire EPCI — année 2021"]
    assert _cell(rows, "DSIL", "DA") == "3 716 877,01 €"


def test_year_totals_and_the_five_years_total(douaisis_grants, cli, demo_master):
    for year, (da, ccco) in YEAR_TOTALS.items():
        rows = douaisis_grants[f"Montants versés par dispositif et par territoire EPCI — année {year}"]
        assert (_cell(rows, "TOTAL", "DA"), _cell(rows, "TOTAL", "CCCO")) == (da, ccco)
    code, out, err = cli("summary", demo_master, "--cross", "annee", "territoire", "--stage", "verse", "--contract", 2)
    assert code == 0, err
    rows = _blocks(out)["Montants versés par année et par territoire EPCI"]
    from crte_desktop.domain.money import format_amount, parse_amount

    for column, expected in zip(("DA", "CCCO"), GRAND_TOTALS):
        received = sum(parse_amount(_cell(rows, str(y), column)) for y in range(2017, 2022))
        assert format_amount(received).replace("\u00a0", " ") == expected


def test_any_two_dimensions_with_totals(cli, demo_master):
    code, out, err = cli("summary", demo_master, "--cross", "maitre-ouvrage", "financeur", "--stage", "accorde",
                         "--contract", 1)
    assert code == 0, err
    blocks = _blocks(out)
    rows = blocks["Montants accordés par maître d'ouvrage et par financeur"]
    assert rows[0][0] == "Maître d'ouvrage" and rows[0][-1] == "Total"
    assert rows[-1][0] == "TOTAL"
    from crte_desktop.domain.money import parse_amount

    body = [r for r in rows[1:-1]]
    # every row's total is the sum of its cells; the grand total is the sum of the row totals
    for r in body:
        assert sum(parse_amount(c) for c in r[1:-1]) == parse_amount(r[-1])
    assert sum(parse_amount(r[-1]) for r in body) == parse_amount(rows[-1][-1])


@pytest.mark.parametrize("args, message", [
    (("--cross", "annee", "couleur"), "Dimension inconnue « couleur »"),
    (("--cross", "annee", "année"), "deux dimensions différentes"),
    (("--cross", "annee", "territoire", "--stage", "rêvé"), "Étape inconnue « rêvé »"),
    (("--cross", "annee", "territoire", "--per", "annee"), "--per"),
    (("--cross", "annee", "territoire", "--contract", "99"), "Aucun contrat n'a l'identifiant 99"),
])
def test_bad_cross_requests_are_refused_in_french(cli, demo_copy, digest, args, message):
    before = digest(demo_copy)
    code, out, err = cli("summary", demo_copy, *args)
    assert code == 1 and message in err, err
    assert digest(demo_copy) == before


def test_cross_needs_two_dimensions(cli, demo_copy):
    code, _out, err = cli("summary", demo_copy, "--cross", "annee")
    assert code == 2
