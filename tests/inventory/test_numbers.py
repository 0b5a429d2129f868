"""Normalising written phone numbers to E.164, ranges, Excel damage, extensions."""

from __future__ import annotations

import pandas as pd
import phonenumbers
import pytest

from portout.inventory.numbers import fast_e164, parse_cell


@pytest.mark.parametrize(
    "cell, region, expected",
    [
        ("+1 (317) 555-0100", "US", "+13175550100"),
        ("1-800-555-0199", "US", "+18005550199"),
        ("0049 30 1234567", "US", "+49301234567"),
        ("030 1234567", "DE", "+49301234567"),
        ("+49 (0)30 1234567", "US", "+49301234567"),
        ("13175550100", "US", "+13175550100"),
        ("13175550100.0", "US", "+13175550100"),
        ("4930901820", "DE", "+4930901820"),
        ("1.3175550100E+10", "US", "+13175550100"),
        ("(317) 555-0100", "US", "+13175550100"),
        ("+44 20 7946 0000", "US", "+442079460000"),
        ("020 7946 0000", "GB", "+442079460000"),
    ],
)
def test_written_forms_become_e164(cell: str, region: str, expected: str) -> None:
    parsed = parse_cell(cell, region)
    assert parsed.numbers == [expected], parsed.message
    assert parsed.error == ""


def test_extension_is_stripped_with_a_warning() -> None:
    parsed = parse_cell("+1 317 555 0100 ext. 221", "US")
    assert parsed.numbers == ["+13175550100"]
    assert parsed.notes and parsed.notes[0][0] == "extension_stripped" and "221" in parsed.notes[0][1]


@pytest.mark.parametrize(
    "cell", ["+13175550100-+13175550149", "+13175550100-0149", "+1 317 555 0100 – 0149", "+13175550100 to +13175550149"]
)
def test_ranges_expand_to_every_number(cell: str) -> None:
    parsed = parse_cell(cell, "US")
    assert parsed.numbers == [f"+1317555{n:04d}" for n in range(100, 150)]
    assert parsed.notes[0][0] == "range_expanded"


def test_range_over_the_cap_is_refused_not_expanded() -> None:
    parsed = parse_cell("+13175550000-+13175559999", "US", cap=1000)
    assert parsed.numbers == [] and parsed.error == "range_too_large"
    assert "10,000" in parsed.message


def test_reversed_range_is_an_exclusion_that_says_so() -> None:
    parsed = parse_cell("+13175550149-+13175550100", "US")
    assert parsed.numbers == [] and parsed.error == "range_reversed" and "smaller" in parsed.message


def test_german_direct_dial_suffix_is_one_number_not_a_range() -> None:
    # "030 1234567-89" is the German way of writing the DID 030 123456789.
    assert parse_cell("030 1234567-89", "DE").numbers == ["+4930123456789"]


@pytest.mark.parametrize("cell", ["n/a", "+1 317 555 01", "1.31756E+10", "+999 123", "hello@example.com"])
def test_nonsense_is_invalid_with_a_message(cell: str) -> None:
    parsed = parse_cell(cell, "US")
    assert parsed.numbers == [] and parsed.error == "invalid_number" and parsed.message


def test_empty_cell() -> None:
    assert parse_cell("   ", "US").error == "empty_row"


def test_excel_scientific_notation_that_lost_digits_says_so() -> None:
    assert "lost" in parse_cell("1.31756E+10", "US").message


def test_fast_path_only_takes_plain_international_numbers() -> None:
    cells = pd.Series(["+1 (317) 555-0100", "+49 (0)30 1234567", "030 1234567", "+1317555x", "", "+13175550100-0149"])
    out = fast_e164(cells).tolist()
    assert out[:5] == ["+13175550100", "+49301234567", "", "", ""]
    # The fast path may take a compact range as one long candidate; the planner re-checks invalid ones.
    assert out[5] in ("", "+131755501000149")


def test_fast_path_leaves_blocks_and_long_numbers_to_the_parser() -> None:
    cells = pd.Series(["+49 30 901850 10-19", "+49 30 9018500..09", "+4930901850005999", "+49 30 1234567-89"])
    assert fast_e164(cells).tolist() == ["", "", "", "+4930123456789"]


def test_libphonenumber_examples_round_trip_for_many_countries() -> None:
    checked = 0
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        example = phonenumbers.example_number(region)
        if example is None:
            continue
        national = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.NATIONAL)
        intl = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        e164 = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)
        assert parse_cell(intl, "US").numbers == [e164], (region, intl)
        assert parse_cell(national, region).numbers == [e164], (region, national)
        checked += 1
    assert checked > 200
