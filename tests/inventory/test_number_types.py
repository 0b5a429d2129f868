"""classify_e164 must agree with phonenumbers itself: every expectation below is computed by the
plain parse/is_valid_number/region_code_for_number/number_type path, except the junk cases."""

from __future__ import annotations

import numpy as np
import pandas as pd
import phonenumbers
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from portout.inventory.number_types import classify_e164

JUNK = (False, "", "UNKNOWN", True)
ALL_TYPES = tuple(v for k, v in vars(PhoneNumberType).items() if k.isupper())


def reference(text: str) -> tuple[bool, str, str, bool]:
    try:
        num = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException:
        return JUNK
    valid = phonenumbers.is_valid_number(num)
    # canonical only says something about valid numbers: is the text already their E.164?
    canonical = not valid or _e164(num) == text
    return (
        valid,
        phonenumbers.region_code_for_number(num) or "",
        PhoneNumberType.to_string(phonenumbers.number_type(num)),
        canonical,
    )


def assert_matches_phonenumbers(numbers: list[str]) -> None:
    got = classify_e164(pd.Series(numbers, dtype="str"))
    assert list(got.columns) == ["valid", "region", "number_type", "canonical"]
    mismatches = [
        (n, row, reference(n))
        for n, row in zip(numbers, got.itertuples(index=False, name=None))
        if (bool(row[0]), row[1], row[2], bool(row[3]) or not row[0]) != reference(n)
    ]
    assert not mismatches, f"{len(mismatches)} of {len(numbers)} differ, e.g. {mismatches[:10]}"


def _e164(num: phonenumbers.PhoneNumber) -> str:
    return phonenumbers.format_number(num, PhoneNumberFormat.E164)


def example_numbers() -> list[str]:
    """Every example number libphonenumber ships: each region x each type, plus non-geo entities."""
    found = set()
    for region in phonenumbers.SUPPORTED_REGIONS:
        for t in ALL_TYPES:
            ex = phonenumbers.example_number_for_type(region, t)
            if ex is not None:
                found.add(_e164(ex))
    for cc in phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS:
        ex = phonenumbers.example_number_for_non_geo_entity(cc)
        if ex is not None:
            found.add(_e164(ex))
    return sorted(found)


def perturbations(number: str) -> set[str]:
    """Near misses: last digit changed, a digit added, one removed, leading digits changed."""
    d = number[1:]
    out = {"+" + d[:-1] + str((int(d[-1]) + 1) % 10), number + "7", number[:-1]}
    for k in range(1, 4):  # first digit after the calling code (1-3 digits long) changed / prefix-like 0 inserted
        if k < len(d):
            out.add("+" + d[:k] + str((int(d[k]) + 1) % 10) + d[k + 1 :])
            out.add("+" + d[:k] + "0" + d[k:])
    out.add("+" + str(int(d[0]) % 9 + 1) + d[1:])
    return out


def test_every_shipped_example_number() -> None:
    numbers = example_numbers()
    assert len(numbers) > 900  # sanity: the metadata really was enumerated (1005 in phonenumbers 9.0)
    assert_matches_phonenumbers(numbers)


def test_perturbed_example_numbers() -> None:
    examples = example_numbers()
    numbers = sorted(set().union(*(perturbations(n) for n in examples)))
    assert len(numbers) > 5 * len(examples)
    assert_matches_phonenumbers(numbers)


# Realistic starts: real calling codes, sometimes followed by something that looks like a national
# prefix (0, 15, 90, 0549, ...) so parse()'s national-prefix stripping is exercised; sometimes a
# random 1-3 digit start so unknown calling codes turn up too.
_CODES = sorted(str(c) for c in phonenumbers.COUNTRY_CODE_TO_REGION_CODE)
_PREFIX_LIKE = ["", "", "", "0", "00", "1", "15", "9", "90", "0549", "003768", "011"]
_starts = st.one_of(
    st.sampled_from(_CODES),
    st.tuples(st.sampled_from(_CODES), st.sampled_from(_PREFIX_LIKE)).map("".join),
    st.text("0123456789", min_size=1, max_size=3),
)


@st.composite
def e164_candidates(draw: st.DrawFn) -> str:
    start = draw(_starts)[:17]
    size = draw(st.integers(max(2, len(start)), 17))
    return "+" + start + draw(st.text("0123456789", min_size=size - len(start), max_size=size - len(start)))


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(e164_candidates(), min_size=1, max_size=60))
def test_random_plus_digit_strings(numbers: list[str]) -> None:
    assert_matches_phonenumbers(numbers)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "+",
        "+0",
        "+1",
        "+12",
        "+abc",
        "+44abc",
        "12025550123",
        "+0044207946",
        "+999123456",
        "+" + "4" * 30,
        "+1" * 200,
        "+" + "1" * 300,
    ],
)
def test_junk_strings(text: str) -> None:
    got = classify_e164(pd.Series([text], dtype="str"))
    assert tuple(bool(v) if i in (0, 3) else v for i, v in enumerate(got.iloc[0])) == JUNK
    assert reference(text) == JUNK  # phonenumbers agrees these are not numbers


@pytest.mark.parametrize(
    "text",
    [
        "+４４２０７９４６０９５８",
        "+٤٤٢٠٧٩٤٦٠٩٥٨",
        "+44 20 7946 0958",
        "+44-20-7946-0958",
        " +442079460958",
        "+442079460958 ",
    ],
)
def test_non_ascii_digits_and_formatting_are_junk(text: str) -> None:
    # Deliberate: only '+' followed by ASCII digits is E.164; phonenumbers would normalise these.
    got = classify_e164(pd.Series([text], dtype="str"))
    assert tuple(bool(v) if i in (0, 3) else v for i, v in enumerate(got.iloc[0])) == JUNK


def test_index_order_duplicates_and_missing_values() -> None:
    texts = ["+12025550123", None, "+442079460958", "+12025550123", "+abc", "+4915123456789"]
    index = pd.Index(["a", "b", "c", "d", "e", "f"])
    got = classify_e164(pd.Series(texts, index=index, dtype=object))
    assert got.index.equals(index)
    assert got["valid"].dtype == np.bool_
    for label, text in zip(index, texts):
        expected = JUNK if text is None else reference(text)
        row = got.loc[label]
        assert (
            bool(row["valid"]),
            row["region"],
            row["number_type"],
            bool(row["canonical"]) or not row["valid"],
        ) == expected


def test_empty_series() -> None:
    got = classify_e164(pd.Series([], dtype="str"))
    assert got.empty and list(got.columns) == ["valid", "region", "number_type", "canonical"]
