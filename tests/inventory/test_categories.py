"""Categories and national formatting agree with libphonenumber itself."""

from __future__ import annotations

import pandas as pd
import phonenumbers
from phonenumbers import PhoneNumberFormat

from portout.inventory.categories import CATEGORY_OF_TYPE, category_of, national_format


def _examples() -> list[str]:
    out = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in range(11):
            example = phonenumbers.example_number_for_type(region, kind)
            if example is not None:
                e164 = phonenumbers.format_number(example, PhoneNumberFormat.E164)
                out += [e164, e164[:-1] + str((int(e164[-1]) + 3) % 10), e164 + "1", e164[:-1]]
    for cc in phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS:
        example = phonenumbers.example_number_for_non_geo_entity(cc)
        if example is not None:
            out.append(phonenumbers.format_number(example, PhoneNumberFormat.E164))
    # Plan numbers are canonical E.164 (the planner re-parses any other text), so only those count here.
    return [
        n for n in dict.fromkeys(out) if phonenumbers.format_number(phonenumbers.parse(n), PhoneNumberFormat.E164) == n
    ]


def test_national_format_equals_libphonenumber_everywhere() -> None:
    numbers = _examples()
    got = national_format(pd.Series(numbers)).tolist()
    expected = [phonenumbers.format_number(phonenumbers.parse(n), PhoneNumberFormat.NATIONAL) for n in numbers]
    mismatches = [(n, e, g) for n, e, g in zip(numbers, expected, got) if e != g]
    assert len(numbers) > 3000 and mismatches == []


def test_national_format_leaves_non_numbers_alone() -> None:
    assert national_format(pd.Series(["", "n/a", "+"])).tolist() == ["", "n/a", "+"]


def test_every_libphonenumber_type_but_unknown_has_a_category() -> None:
    names = {phonenumbers.PhoneNumberType.to_string(t) for t in range(11)}
    assert set(CATEGORY_OF_TYPE) == names
    assert category_of(pd.Series(["UNKNOWN", "TOLL_FREE", "MOBILE"])).tolist() == ["", "toll_free", "mobile"]
