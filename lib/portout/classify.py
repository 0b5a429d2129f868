"""Number categories of domain.md §3, exactly as libphonenumber classifies each number."""

from __future__ import annotations

import pandas as pd
import phonenumbers

CATEGORY_OF_TYPE = {
    "FIXED_LINE": "geographic",
    "FIXED_LINE_OR_MOBILE": "geographic",
    "TOLL_FREE": "toll_free",
    "SHARED_COST": "non_geographic",
    "UAN": "non_geographic",
    "PREMIUM_RATE": "non_geographic",
    "PERSONAL_NUMBER": "non_geographic",
    "VOIP": "non_geographic",
    "PAGER": "non_geographic",
    "VOICEMAIL": "non_geographic",
    "MOBILE": "mobile",
}


def classify_e164_reference(numbers: pd.Series) -> pd.DataFrame:
    """phonenumbers itself, once per unique number: the exact answer the fast path is checked against."""
    unique = pd.unique(numbers.to_numpy())
    valid, region, kind = {}, {}, {}
    for text in unique:
        try:
            num = phonenumbers.parse(text, None)
        except phonenumbers.NumberParseException:
            valid[text], region[text], kind[text] = False, "", "UNKNOWN"
            continue
        valid[text] = phonenumbers.is_valid_number(num)
        region[text] = phonenumbers.region_code_for_number(num) or ""
        kind[text] = phonenumbers.PhoneNumberType.to_string(phonenumbers.number_type(num))
    return pd.DataFrame(
        {"valid": numbers.map(valid).astype(bool), "region": numbers.map(region), "number_type": numbers.map(kind)},
        index=numbers.index,
    )


def classify_e164(numbers: pd.Series) -> pd.DataFrame:
    """valid / region / number_type per E.164 string (vectorised over libphonenumber's metadata when available)."""
    try:
        from portout.fastclassify import classify_e164 as fast
    except ImportError:  # the vectorised path is optional; the reference is always exact
        return classify_e164_reference(numbers)
    return fast(numbers)


def category_of(number_type: pd.Series) -> pd.Series:
    """libphonenumber type name -> our category ('' for UNKNOWN)."""
    return number_type.map(CATEGORY_OF_TYPE).fillna("")


def national_format(numbers: pd.Series) -> pd.Series:
    """National format for the carrier's list, once per unique number."""
    unique = pd.unique(numbers.to_numpy())
    formatted = {}
    for text in unique:
        try:
            formatted[text] = phonenumbers.format_number(
                phonenumbers.parse(text, None), phonenumbers.PhoneNumberFormat.NATIONAL)
        except phonenumbers.NumberParseException:
            formatted[text] = text
    return numbers.map(formatted)
