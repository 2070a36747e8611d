"""The henkilötunnus: every century sign, temporary numbers, dates, checksums, format."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from rinnalla.clients.models import HETU_MESSAGES, validate_hetu
from rinnalla.core import hetu

SIGNS_BY_CENTURY = {1800: "+", 1900: "-YXWVU", 2000: "ABCDEF"}
ALL_SIGNS = "+-YXWVUABCDEF"
CHECK_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def compose(ddmmyy: str, sign: str, number: str) -> str:
    """Written apart from core.hetu so the tests do not merely repeat the code under test."""
    return f"{ddmmyy}{sign}{number}{CHECK_CHARS[int(ddmmyy + number) % 31]}"


def century_of(sign: str) -> int:
    return next(century for century, signs in SIGNS_BY_CENTURY.items() if sign in signs)


def reason(code: str) -> str:
    with pytest.raises(hetu.InvalidHetu) as exc:
        hetu.parse(code)
    return exc.value.reason


@pytest.mark.parametrize(
    "code", ["131052-308T", "010594Y9032", "010594Y9021", "020202A0202", "311299-9872"]
)
def test_it_accepts_published_example_codes(code):
    assert hetu.parse(code).code == code


@pytest.mark.parametrize("sign", ALL_SIGNS)
def test_it_accepts_every_century_sign_with_the_right_century(sign):
    code = compose("150675", sign, "123")
    parsed = hetu.parse(code)
    assert parsed.birth_date == datetime.date(century_of(sign) + 75, 6, 15)
    assert not parsed.is_temporary


@pytest.mark.parametrize("sign", ALL_SIGNS)
@pytest.mark.parametrize("number", ["900", "950", "999"])
def test_it_accepts_temporary_individual_numbers_for_every_sign(sign, number):
    parsed = hetu.parse(compose("010101", sign, number))
    assert parsed.is_temporary


@pytest.mark.parametrize("sign", ALL_SIGNS)
@pytest.mark.parametrize("number", ["000", "001"])
def test_it_refuses_individual_numbers_000_and_001_for_every_sign(sign, number):
    assert reason(compose("010101", sign, number)) == "individual_number"


@pytest.mark.parametrize("sign", ALL_SIGNS)
def test_it_refuses_a_wrong_check_character_for_every_sign(sign):
    good = compose("241280", sign, "456")
    wrong = good[:-1] + ("0" if good[-1] != "0" else "1")
    assert reason(wrong) == "checksum"


@pytest.mark.parametrize("sign", ALL_SIGNS)
@pytest.mark.parametrize("ddmmyy", ["320180", "001080", "151380", "150080", "310480"])
def test_it_refuses_impossible_dates_for_every_sign(sign, ddmmyy):
    assert reason(compose(ddmmyy, sign, "234")) == "date"


@pytest.mark.parametrize(
    ("sign", "valid"),
    [
        ("+", False),  # 1800 is not a leap year
        ("-", False),
        ("Y", False),
        ("X", False),
        ("W", False),
        ("V", False),
        ("U", False),
        ("A", True),
        ("B", True),
        ("C", True),
        ("D", True),
        ("E", True),
        ("F", True),  # 2000 is
    ],
)
def test_february_29_of_a_century_year_depends_on_the_century(sign, valid):
    code = compose("290200", sign, "345")
    assert hetu.is_valid(code) is valid
    if not valid:
        assert reason(code) == "date"


@pytest.mark.parametrize(
    ("ddmmyy", "sign", "valid"),
    [
        ("290296", "+", True),
        ("290296", "-", True),
        ("290296", "U", True),
        ("290204", "A", True),
        ("290204", "F", True),
        ("290297", "+", False),
        ("290297", "-", False),
        ("290297", "W", False),
        ("290205", "B", False),
        ("290205", "E", False),
    ],
)
def test_february_29_is_valid_only_in_leap_years(ddmmyy, sign, valid):
    assert hetu.is_valid(compose(ddmmyy, sign, "345")) is valid


@pytest.mark.parametrize("check", "GIOQZ")
def test_letters_never_used_as_check_characters_are_refused(check):
    assert not hetu.is_valid("131052-308" + check)


@pytest.mark.parametrize(
    "code",
    [
        "",
        "131052308T",
        "131052-308",
        "131052-308TT",
        "131052Z308T",
        "131052G308T",
        "13105-2308T",
        "1310522-308",
        "abcdef-ghij",
        "131052 308T",
        "131052-3O8T",
        "131052-308Z",
    ],
)
def test_it_refuses_codes_of_the_wrong_format(code):
    assert reason(code) == "format"


def test_it_normalises_lowercase_and_spaces():
    assert hetu.parse("  010594y9032 ").code == "010594Y9032"
    assert hetu.parse("020202a0202").code == "020202A0202"


def test_masking_keeps_only_the_birth_date_and_sign():
    assert hetu.mask("131052-308T") == "131052-****"
    assert hetu.mask("010594y9032") == "010594Y****"


@pytest.mark.parametrize(
    ("code", "reason_code"),
    [
        ("131052-308", "format"),
        ("310252-308T", "date"),
        (compose("131052", "-", "001"), "individual_number"),
        ("131052-308U", "checksum"),
    ],
)
def test_the_validator_gives_a_specific_message(code, reason_code):
    with pytest.raises(ValidationError) as exc:
        validate_hetu(code)
    assert exc.value.messages == [str(HETU_MESSAGES[reason_code])]
    assert exc.value.error_list[0].code == f"hetu_{reason_code}"


@st.composite
def birth_dates_and_signs(draw):
    birth_date = draw(st.dates(datetime.date(1800, 1, 1), datetime.date(2099, 12, 31)))
    sign = draw(st.sampled_from(SIGNS_BY_CENTURY[birth_date.year // 100 * 100]))
    return birth_date, sign


@given(birth_dates_and_signs(), st.integers(min_value=2, max_value=999))
def test_build_and_parse_round_trip(date_and_sign, number):
    birth_date, sign = date_and_sign
    code = hetu.build(birth_date, number, sign)
    assert code == compose(f"{birth_date:%d%m}{birth_date.year % 100:02d}", sign, f"{number:03d}")
    parsed = hetu.parse(code.lower())
    assert parsed.code == code
    assert parsed.birth_date == birth_date
    assert parsed.individual_number == number
    assert parsed.is_temporary == (number >= 900)
    assert hetu.mask(code) == code[:7] + "****"


@given(
    birth_dates_and_signs(), st.integers(min_value=2, max_value=999), st.sampled_from(CHECK_CHARS)
)
def test_any_other_check_character_is_refused(date_and_sign, number, check):
    birth_date, sign = date_and_sign
    code = hetu.build(birth_date, number, sign)
    if check != code[-1]:
        assert reason(code[:-1] + check) == "checksum"
