"""Range and block notations: every expansion equals a list written out by hand; unclear forms are
exclusions that say why; nothing longer than 15 digits ever comes out (hypothesis)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portout.inventory.numbers import fast_e164, parse_cell

BERLIN_10_19 = [
    "+493090185010",
    "+493090185011",
    "+493090185012",
    "+493090185013",
    "+493090185014",
    "+493090185015",
    "+493090185016",
    "+493090185017",
    "+493090185018",
    "+493090185019",
]
BERLIN_0_9 = [
    "+49309018500",
    "+49309018501",
    "+49309018502",
    "+49309018503",
    "+49309018504",
    "+49309018505",
    "+49309018506",
    "+49309018507",
    "+49309018508",
    "+49309018509",
]
LONDON = ["+442079460000", "+442079460001", "+442079460002", "+442079460003", "+442079460004"]
INDY = ["+13175550100", "+13175550101", "+13175550102", "+13175550103"]


@pytest.mark.parametrize(
    "cell, region, expected",
    [
        ("030 901850-10 bis 19", "DE", BERLIN_10_19),
        ("030 901850 10-19", "DE", BERLIN_10_19),
        ("+49 30 901850 10-19", "US", BERLIN_10_19),
        ("030 901850-10 bis -19", "DE", BERLIN_10_19),
        ("+49 (0)30 901850-10 bis 19", "DE", BERLIN_10_19),
        ("030 90185010 to 030 90185019", "DE", BERLIN_10_19),
        ("030 901850 10 – 19", "DE", BERLIN_10_19),
        ("030 9018500 bis 030 9018509", "DE", BERLIN_0_9),
        ("030 9018500 bis 9018509", "DE", BERLIN_0_9),
        ("+49 30 9018500 bis 30 9018509", "DE", BERLIN_0_9),
        ("030 9018500..09", "DE", BERLIN_0_9),
        ("030 9018500...030 9018509", "DE", BERLIN_0_9),
        ("+4930 9018500 — +4930 9018509", "DE", BERLIN_0_9),
        ("+44 20 7946 0000 to 0004", "GB", LONDON),
        ("020 7946 0000 - 020 7946 0004", "GB", LONDON),
        ("+442079460000-0004", "US", LONDON),
        ("+1 317 555 0100-0103", "US", INDY),
        ("(317) 555-0100 through (317) 555-0103", "US", INDY),
        ("+1-317-555-0100-0103", "US", INDY),
        ("+13175550100-+13175550103", "DE", INDY),
        ("+1 317 555 0100 until 0103", "US", INDY),
    ],
)
def test_block_and_range_notations_expand_to_the_hand_written_list(cell: str, region: str, expected: list[str]) -> None:
    parsed = parse_cell(cell, region)
    assert parsed.error == "", parsed.message
    assert parsed.numbers == expected
    assert [code for code, _ in parsed.notes] == ["range_expanded"]


def test_german_hundred_block_and_compact_thousand_block() -> None:
    hundred = parse_cell("+49 30 901850-00 bis -99", "DE").numbers
    assert hundred == [f"+4930901850{n:02d}" for n in range(100)]
    assert len(set(hundred)) == 100 and hundred[0] == "+493090185000" and hundred[-1] == "+493090185099"
    thousand = parse_cell("+493090185000-5999", "DE").numbers
    assert thousand[0] == "+493090185000" and thousand[-1] == "+493090185999" and len(thousand) == 1000


@pytest.mark.parametrize(
    "cell, region, reason, words",
    [
        ("+49 30 901850-0 bis -99", "DE", "range_ambiguous", "operator number"),
        ("030 901850-10 bis 9", "DE", "range_ambiguous", "narrower"),
        ("030 1234567–89", "DE", "range_ambiguous", "+4930123456789"),
        ("030 9018500 bis 089 9018509", "DE", "range_areas_differ", "area"),
        ("+49 30 9018500 to +44 20 7946 0000", "DE", "range_areas_differ", "countries"),
        ("+1 317 555 0100 to +1 312 555 0100", "US", "range_areas_differ", "area"),
        ("030 901850-19 bis 10", "DE", "range_reversed", "smaller"),
        ("+1 317 555 0149 to 0100", "US", "range_reversed", "smaller"),
        ("030 901850 bis 030 9018509", "DE", "range_ambiguous", "lengths"),
        ("030 901850-10 bis 19 bis 29", "DE", "range_ambiguous", "more than one"),
        ("030 901850-10 bis ende", "DE", "range_ambiguous", "letters"),
        ("+1 317 555 0000 to +1 317 556 9999", "US", "range_too_large", "cap"),
    ],
)
def test_unclear_ranges_are_exclusions_that_say_why(cell: str, region: str, reason: str, words: str) -> None:
    parsed = parse_cell(cell, region)
    assert parsed.numbers == []
    assert parsed.error == reason, parsed.message
    assert words in parsed.message and cell.split()[0] in parsed.message


@pytest.mark.parametrize(
    "cell, region, expected",
    [
        ("030 1234567-89", "DE", "+4930123456789"),  # German direct-dial suffix: one number
        ("+49 30 901850-10", "DE", "+493090185010"),
        ("+1 (317) 555-0100", "US", "+13175550100"),
        ("020-7946-0958", "GB", "+442079460958"),
        ("030 - 1234567", "DE", "+49301234567"),  # a spaced hyphen inside one number
        ("tel:+49-30-1234567", "US", "+49301234567"),
        ("０３０ １２３４５６７", "DE", "+49301234567"),  # full-width digits
    ],
)
def test_hyphens_that_are_punctuation_give_one_number(cell: str, region: str, expected: str) -> None:
    parsed = parse_cell(cell, region)
    assert (parsed.numbers, parsed.error) == ([expected], "")


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("+493090185000-5999", "+4930901850005999"),
        ("+49309018501024719", "+49309018501024719"),
        ("4930901850005999", "+4930901850005999"),
    ],
)
def test_nothing_longer_than_15_digits(cell: str, expected: str) -> None:
    parsed = parse_cell(cell, "DE")
    assert expected not in parsed.numbers
    assert all(len(n) <= 16 for n in parsed.numbers)


def test_sixteen_digits_written_plainly_is_too_long() -> None:
    parsed = parse_cell("+49 30 9018500 05999", "DE")
    assert parsed.error == "number_too_long" and "16 digits" in parsed.message and "15" in parsed.message


@pytest.mark.parametrize(
    "cell, region, expected",
    [
        ("1-800-FLOWERS", "US", "+18003569377"),
        ("1-800-FLOWERS", "DE", "+18003569377"),  # the 1-8xx form is North American wherever it is read
        ("+1 800 GO FEDEX", "US", "+18004633339"),
        ("1-800-MATTRESS", "US", "+18006288737"),  # the eighth letter is not dialled
        ("800-FLOWERS", "US", "+18003569377"),
    ],
)
def test_vanity_numbers_are_keypad_digits_with_a_warning(cell: str, region: str, expected: str) -> None:
    parsed = parse_cell(cell, region)
    assert parsed.numbers == [expected], parsed.message
    assert [code for code, _ in parsed.notes] == ["vanity_number"]
    assert cell in parsed.notes[0][1] and expected in parsed.notes[0][1]


@pytest.mark.parametrize(
    "cell", ["030 901850-10 bis19x", "Zentrale 030 1234567", "+1 317 555 0100 (main)", "030 1234567 DW 89"]
)
def test_letters_that_are_not_a_vanity_number_are_an_exclusion(cell: str) -> None:
    parsed = parse_cell(cell, "DE")
    assert parsed.numbers == [] and parsed.error == "letters_in_number"
    assert cell in parsed.message and "letters" in parsed.message


def test_letters_of_bis_are_never_keypad_digits() -> None:
    # The reported bug: "bis" read as 2-4-7 made one 17-digit number.
    assert "+49309018501024719" not in parse_cell("030 901850-10 bis 19", "DE").numbers
    assert parse_cell("030 901850-10 bis", "DE").error != ""


_CHARS = st.sampled_from(list("0123456789") * 4 + list(" +-–—./()bisto xeEFLOWRS0"))


@settings(max_examples=400, deadline=None)
@given(
    text=st.one_of(st.text(_CHARS, max_size=40), st.text(max_size=40)), region=st.sampled_from(["DE", "GB", "US", ""])
)
def test_no_string_makes_the_parser_throw_or_plan_over_15_digits(text: str, region: str) -> None:
    parsed = parse_cell(text, region, cap=2000)
    assert isinstance(parsed.numbers, list)
    assert bool(parsed.numbers) != bool(parsed.error)
    for number in parsed.numbers:
        assert number.startswith("+") and number[1:].isdigit() and len(number) - 1 <= 15
    fast = fast_e164(pd.Series([text], dtype=object)).iloc[0]
    assert fast == "" or len(fast) - 1 <= 15


@settings(max_examples=200, deadline=None)
@given(
    digits=st.text("0123456789", min_size=12, max_size=20), seps=st.lists(st.sampled_from([" ", "-", ""]), max_size=6)
)
def test_long_digit_runs_never_come_out_longer_than_15(digits: str, seps: list[str]) -> None:
    text = "+" + "".join(d + (seps[i] if i < len(seps) else "") for i, d in enumerate(digits))
    for number in parse_cell(text, "DE").numbers:
        assert len(number) - 1 <= 15
