"""Amounts typed the French way, stored as integer cents, shown with non-breaking spaces."""

from decimal import Decimal

import pytest

from crte_desktop.domain.money import AmountError, format_amount, format_percent, from_cents, parse_amount, to_cents

NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space, what LibreOffice and macOS put in French numbers


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1 234,50 €", "1234.50"),
        ("1234.50", "1234.50"),
        ("1234,50", "1234.50"),
        ("1.234,50", "1234.50"),
        ("1,234.50", "1234.50"),
        ("1 234 567", "1234567.00"),
        (f"1{NBSP}234{NBSP}567,89{NBSP}€", "1234567.89"),
        (f"1{NNBSP}234,5", "1234.50"),
        ("  12  ", "12.00"),
        ("0,5", "0.50"),
        ("0", "0.00"),
        ("1234 EUR", "1234.00"),
        ("1234 euros", "1234.00"),
    ],
)
def test_parse_amount_accepts_french_and_plain_writing(text, expected):
    value = parse_amount(text)
    assert isinstance(value, Decimal)
    assert value == Decimal(expected)
    assert value.as_tuple().exponent == -2  # always to the cent


@pytest.mark.parametrize(
    "text, words",
    [
        ("abc", "« abc » n'est pas un montant valide"),
        ("12,345,6", "« 12,345,6 » n'est pas un montant valide"),
        ("1e5", "« 1e5 » n'est pas un montant valide"),
        ("--3", "« --3 » n'est pas un montant valide"),
        ("€", "n'est pas un montant valide"),
        ("12 k€", "n'est pas un montant valide"),
        ("1.234.567,8.9", "n'est pas un montant valide"),
    ],
)
def test_parse_amount_refuses_what_is_not_an_amount(text, words):
    with pytest.raises(AmountError) as err:
        parse_amount(text)
    assert words in str(err.value)
    assert "exemple : 1 234,50 €" in str(err.value)


@pytest.mark.parametrize("text", ["1,234", "12,345", "1 234,567", "0,001", "1.234"])
def test_three_decimals_are_refused_quoting_what_the_user_typed(text):
    # "1,234" is ambiguous (thousands or decimals?): refused rather than guessed.
    with pytest.raises(AmountError) as err:
        parse_amount(text)
    assert str(err.value) == f"Le montant « {text} » a plus de deux décimales."


def test_empty_amount_is_none_unless_required():
    assert parse_amount("") is None
    assert parse_amount("   ") is None
    assert parse_amount(None) is None
    for empty in ("", "  ", None):
        with pytest.raises(AmountError, match="Le montant est obligatoire."):
            parse_amount(empty, allow_empty=False)


def test_parse_amount_of_numbers_and_decimals():
    assert parse_amount(1234) == Decimal("1234.00")
    assert parse_amount(Decimal("12.5")) == Decimal("12.50")
    with pytest.raises(AmountError):
        parse_amount(True)
    with pytest.raises(AmountError, match="plus de deux décimales"):
        parse_amount(Decimal("1.005"))
    with pytest.raises(AmountError, match="Montant invalide"):
        parse_amount(Decimal("NaN"))


def test_a_spreadsheet_float_is_read_by_its_shortest_writing_not_its_binary_value():
    # openpyxl gives 0.1 + 0.2 style floats; Decimal(0.3) would be 0.299999…
    assert parse_amount(1234.5) == Decimal("1234.50")
    assert parse_amount(0.3) == Decimal("0.30")


def test_format_amount_french_with_non_breaking_spaces():
    assert format_amount(Decimal("1234567.89")) == f"1{NBSP}234{NBSP}567,89{NBSP}€"
    assert format_amount(Decimal("0")) == f"0,00{NBSP}€"
    assert format_amount(Decimal("999")) == f"999,00{NBSP}€"
    assert format_amount(Decimal("1000")) == f"1{NBSP}000,00{NBSP}€"
    assert format_amount(Decimal("-1234.5")) == f"-1{NBSP}234,50{NBSP}€"
    assert format_amount(Decimal("1234567.89"), currency=False) == f"1{NBSP}234{NBSP}567,89"
    assert format_amount(Decimal("1234567.89"), decimals=False) == f"1{NBSP}234{NBSP}568{NBSP}€"
    assert format_amount(Decimal("1234567.00"), decimals=False) == f"1{NBSP}234{NBSP}567{NBSP}€"
    assert format_amount(None) == ""
    assert " " not in format_amount(Decimal("1234567.89"))  # no ordinary space that could wrap


def test_format_then_parse_gives_the_same_amount():
    for text in ("0.01", "1", "999.99", "1000", "1234567.89", "98765432109.10"):
        value = Decimal(text)
        assert parse_amount(format_amount(value)) == value


def test_cents_round_trip_without_float():
    for text in ("0.00", "0.01", "0.10", "1234567.89", "98765432109876.54"):
        cents = to_cents(Decimal(text))
        assert type(cents) is int
        back = from_cents(cents)
        assert isinstance(back, Decimal)
        assert back == Decimal(text)
    assert to_cents(Decimal("1234567.89")) == 123456789
    assert from_cents(123456789) == Decimal("1234567.89")
    assert to_cents(None) is None and from_cents(None) is None
    assert to_cents(Decimal("0.005")) == 1  # half up, as the French administration rounds
    assert to_cents(Decimal("2.675")) == 268  # the classic float trap (2.675 → 2.67 in binary)


def test_format_percent():
    assert format_percent(Decimal("0.8")) == f"80,0{NBSP}%"
    assert format_percent(Decimal("0.12345"), 2) == f"12,35{NBSP}%"
    assert format_percent(None) == ""
