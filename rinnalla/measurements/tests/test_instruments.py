"""Scoring of every instrument against its published rules, boundaries and properties."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from rinnalla.core import hetu
from rinnalla.measurements import instruments as I

DAY = datetime.date(2025, 3, 1)
MAN_40 = I.Context(measured_on=DAY, sex=I.MALE, age=40)
WOMAN_40 = I.Context(measured_on=DAY, sex=I.FEMALE, age=40)


def score(instrument, answers, context=MAN_40):
    return instrument.score(instrument.clean(answers), context)


def refused_items(instrument, answers) -> set[str]:
    with pytest.raises(ValidationError) as exc:
        instrument.clean(answers)
    return set(exc.value.message_dict)


# --- self-rated work ability --------------------------------------------------------------


@pytest.mark.parametrize(
    ("points", "band"),
    [
        (0, "poor"),
        (5, "poor"),
        (6, "moderate"),
        (7, "moderate"),
        (8, "good"),
        (9, "good"),
        (10, "excellent"),
    ],
)
def test_self_rating_classes_follow_the_work_ability_score_bands(points, band):
    result = score(I.SELF_RATING, {"score": points})
    assert result.total == points
    assert result.interpretation == band


@pytest.mark.parametrize("bad", [-1, 11, 5.5, "ten", True])
def test_self_rating_refuses_answers_outside_0_to_10(bad):
    assert refused_items(I.SELF_RATING, {"score": bad}) == {"score"}


# --- Work Ability Index -------------------------------------------------------------------

BEST_WAI = {
    "Q1": 10,
    "work_type": "both",
    "Q2_physical": 5,
    "Q2_mental": 5,
    "Q3_diseases": 0,
    "Q4": 6,
    "Q5_sick_leave_days": 0,
    "Q6": 7,
    "Q7a": 4,
    "Q7b": 4,
    "Q7c": 4,
}
WORST_WAI = {
    "Q1": 0,
    "work_type": "both",
    "Q2_physical": 1,
    "Q2_mental": 1,
    "Q3_diseases": 5,
    "Q4": 1,
    "Q5_sick_leave_days": 365,
    "Q6": 1,
    "Q7a": 0,
    "Q7b": 0,
    "Q7c": 0,
}


def test_wai_best_answers_give_49_excellent_and_worst_give_7_poor():
    best, worst = score(I.WAI, BEST_WAI), score(I.WAI, WORST_WAI)
    assert (best.total, best.interpretation) == (49, "excellent")
    assert (worst.total, worst.interpretation) == (7, "poor")
    assert best.scores["dimensions"] == {"1": 10, "2": 10, "3": 7, "4": 6, "5": 5, "6": 7, "7": 4}


@pytest.mark.parametrize(
    ("work_type", "physical", "mental", "expected"),
    [
        ("physical", 5, 1, Decimal("8")),  # 5 × 1.5 + 1 × 0.5
        ("mental", 5, 1, Decimal("4")),  # 5 × 0.5 + 1 × 1.5
        ("both", 5, 1, Decimal("6")),
        ("physical", 2, 1, Decimal("3.5")),
        ("mental", 1, 1, Decimal("2")),
        ("physical", 5, 5, Decimal("10")),
    ],
)
def test_wai_item_2_is_weighted_by_the_nature_of_the_work(work_type, physical, mental, expected):
    answers = {**BEST_WAI, "work_type": work_type, "Q2_physical": physical, "Q2_mental": mental}
    assert Decimal(str(score(I.WAI, answers).scores["dimensions"]["2"])) == expected


@pytest.mark.parametrize(
    ("count", "points"), [(0, 7), (1, 5), (2, 4), (3, 3), (4, 2), (5, 1), (12, 1)]
)
def test_wai_item_3_scores_physician_diagnosed_diseases(count, points):
    assert I.wai_diseases_points(count) == points


@pytest.mark.parametrize(
    ("days", "points"),
    [(0, 5), (1, 4), (9, 4), (10, 3), (24, 3), (25, 2), (99, 2), (100, 1), (365, 1)],
)
def test_wai_item_5_scores_sick_leave_days_of_the_past_year(days, points):
    assert I.wai_sick_leave_points(days) == points


@pytest.mark.parametrize(
    ("raw", "points"), [(0, 1), (3, 1), (4, 2), (6, 2), (7, 3), (9, 3), (10, 4), (12, 4)]
)
def test_wai_item_7_mental_resources_sum_maps_to_1_to_4(raw, points):
    assert I.wai_mental_resources_points(raw) == points


@pytest.mark.parametrize(
    ("changes", "total", "band"),
    [
        ({"Q1": 10, "Q6": 7, "Q4": 5}, Decimal(27), "poor"),
        (
            {"Q1": 10, "Q6": 7, "Q4": 4, "work_type": "physical", "Q2_physical": 2},
            Decimal("27.5"),
            "poor",
        ),
        ({"Q1": 10, "Q6": 7, "Q4": 6}, Decimal(28), "moderate"),
    ],
)
def test_wai_lower_class_boundaries(changes, total, band):
    result = score(I.WAI, {**WORST_WAI, **changes})
    assert (result.total, result.interpretation) == (total, band)


@pytest.mark.parametrize(
    ("changes", "total", "band"),
    [
        ({"Q1": 0, "Q5_sick_leave_days": 25}, 36, "moderate"),
        ({"Q1": 0, "Q5_sick_leave_days": 10}, 37, "good"),
        ({"Q1": 4}, 43, "good"),
        ({"Q1": 5}, 44, "excellent"),
    ],
)
def test_wai_upper_class_boundaries(changes, total, band):
    result = score(I.WAI, {**BEST_WAI, **changes})
    assert (result.total, result.interpretation) == (total, band)


def test_wai_records_the_licence_holder():
    assert I.WAI.licence_holder == "Työterveyslaitos"
    assert I.WAI.licence == I.SCORED
    assert "Tuomi" in I.WAI.source


@pytest.mark.parametrize(
    ("key", "bad"),
    [
        ("Q6", 3),
        ("Q4", 0),
        ("work_type", "office"),
        ("Q5_sick_leave_days", 366),
        ("Q3_diseases", -1),
    ],
)
def test_wai_refuses_answers_its_items_do_not_allow(key, bad):
    assert refused_items(I.WAI, {**BEST_WAI, key: bad}) == {key}


# --- WHODAS 2.0 12-item --------------------------------------------------------------------


def whodas(**overrides):
    return {f"S{n}": overrides.get(f"S{n}", 1) for n in range(1, 13)}


def test_whodas_simple_sum_runs_from_12_to_60_with_its_simple_percentage():
    none, extreme = (
        score(I.WHODAS_12, whodas()),
        score(I.WHODAS_12, {f"S{n}": 5 for n in range(1, 13)}),
    )
    assert (none.total, none.scores["simple_percentage"]) == (12, 0)
    assert (extreme.total, extreme.scores["simple_percentage"]) == (60, 100)
    mid = score(I.WHODAS_12, whodas(S1=5, S2=5, S3=4, S4=4, S5=2, S6=2, S7=3))
    assert mid.total == 30
    assert mid.scores["simple_percentage"] == 37.5  # (30 − 12) / 48 × 100


@pytest.mark.parametrize(
    ("domain", "items"),
    [
        ("cognition", ("S3", "S6")),
        ("mobility", ("S1", "S7")),
        ("self_care", ("S8", "S9")),
        ("getting_along", ("S10", "S11")),
        ("life_activities", ("S2", "S12")),
        ("participation", ("S4", "S5")),
    ],
)
def test_whodas_domains_pair_the_items_of_the_who_manual(domain, items):
    result = score(I.WHODAS_12, whodas(**dict.fromkeys(items, 5)))
    assert result.scores["domains"][domain] == 10
    assert all(v == 2 for k, v in result.scores["domains"].items() if k != domain)


def test_whodas_percentage_is_labelled_simple_not_who_complex_score():
    with translation.override("en"):
        assert "simple" in str(I.WHODAS_12.band("simple_sum").label).lower()
    with translation.override("fi"):
        assert "yksinkertainen" in str(I.WHODAS_12.band("simple_sum").label).lower()
    assert "IRT" in I.WHODAS_12.source or "complex" not in str(I.WHODAS_12.name).lower()


@pytest.mark.parametrize("bad", [0, 6, "a", None])
def test_whodas_refuses_answers_outside_1_to_5(bad):
    answers = whodas()
    answers["S7"] = bad
    assert refused_items(I.WHODAS_12, answers) == {"S7"}


# --- AUDIT ----------------------------------------------------------------------------------


def audit(**overrides):
    return {f"Q{n}": overrides.get(f"Q{n}", 0) for n in range(1, 11)}


def audit_with_total(total):
    """Spread a total over Q1–Q3 and Q7–Q8 only, so no zone bump applies."""
    answers, left = audit(), total
    for key in ("Q1", "Q2", "Q3", "Q7", "Q8"):
        answers[key] = min(4, left)
        left -= answers[key]
    assert left == 0
    return answers


@pytest.mark.parametrize(
    ("total", "zone"), [(0, 1), (7, 1), (8, 2), (15, 2), (16, 3), (19, 3), (20, 4)]
)
def test_audit_zones_follow_the_who_manual(total, zone):
    result = score(I.AUDIT, audit_with_total(total))
    assert (result.total, result.interpretation) == (total, f"zone_{zone}")
    assert result.scores["moved_up_by"] == []


def test_audit_maximum_is_40_in_zone_iv():
    result = score(I.AUDIT, {**{f"Q{n}": 4 for n in range(1, 11)}})
    assert (result.total, result.interpretation) == (40, "zone_4")


@pytest.mark.parametrize("key", ["Q4", "Q5", "Q6"])
def test_audit_dependence_item_of_2_moves_up_one_zone(key):
    result = score(I.AUDIT, {**audit_with_total(3), key: 2})
    assert result.total == 5
    assert result.scores["zone_by_total"] == 1
    assert result.interpretation == "zone_2"
    assert result.scores["moved_up_by"] == [key]


@pytest.mark.parametrize("key", ["Q4", "Q5", "Q6"])
def test_audit_dependence_item_of_1_does_not_move_the_zone(key):
    assert score(I.AUDIT, {**audit_with_total(3), key: 1}).interpretation == "zone_1"


@pytest.mark.parametrize("key", ["Q9", "Q10"])
def test_audit_harm_in_the_last_year_moves_up_but_earlier_harm_does_not(key):
    assert score(I.AUDIT, audit(**{key: 4})).interpretation == "zone_2"
    assert score(I.AUDIT, audit(**{key: 2})).interpretation == "zone_1"


def test_audit_bump_moves_only_one_zone_even_with_many_reasons():
    result = score(I.AUDIT, {**audit_with_total(8), "Q4": 3, "Q9": 4})
    assert result.scores["zone_by_total"] == 2
    assert result.interpretation == "zone_3"


def test_audit_bump_is_capped_at_zone_iv():
    result = score(I.AUDIT, {**audit_with_total(18), "Q4": 4, "Q10": 4})
    assert result.total == 26
    assert result.interpretation == "zone_4"


@pytest.mark.parametrize(("key", "bad"), [("Q9", 1), ("Q9", 3), ("Q10", 1), ("Q1", 5), ("Q8", -1)])
def test_audit_refuses_answers_its_items_do_not_allow(key, bad):
    assert refused_items(I.AUDIT, {**audit(), key: bad}) == {key}


def test_audit_names_every_missing_and_unknown_item():
    assert refused_items(I.AUDIT, {"Q1": 0, "Q11": 2}) == {f"Q{n}" for n in range(2, 12)}


# --- AUDIT-C ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("context", "below", "at"),
    [
        (MAN_40, 5, 6),
        (WOMAN_40, 4, 5),
        (I.Context(measured_on=DAY, sex=I.MALE, age=65), 3, 4),
        (I.Context(measured_on=DAY, sex=I.FEMALE, age=80), 3, 4),
    ],
)
def test_audit_c_uses_the_thl_cut_offs(context, below, at):
    def answers(total):
        return {"Q1": min(4, total), "Q2": max(0, min(4, total - 4)), "Q3": max(0, total - 8)}

    assert score(I.AUDIT_C, answers(below), context).interpretation == "below_limit"
    assert score(I.AUDIT_C, answers(at), context).interpretation == "at_or_above_limit"
    assert score(I.AUDIT_C, answers(at), context).scores["cut_off"] == at


def test_audit_c_reads_sex_from_the_parity_of_the_individual_number():
    born = datetime.date(1980, 5, 5)
    man = I.scoring_context(personal_identity_code=hetu.build(born, 301), measured_on=DAY)
    woman = I.scoring_context(personal_identity_code=hetu.build(born, 302), measured_on=DAY)
    assert (man.sex, woman.sex) == (I.MALE, I.FEMALE)
    assert man.age == 44


def test_audit_c_65_limit_starts_on_the_65th_birthday_of_the_measurement_date():
    code = hetu.build(datetime.date(1960, 6, 15), 301)  # a man
    answers = {"Q1": 2, "Q2": 1, "Q3": 1}  # 4 points
    day_before = I.scoring_context(
        personal_identity_code=code, measured_on=datetime.date(2025, 6, 14)
    )
    birthday = I.scoring_context(
        personal_identity_code=code, measured_on=datetime.date(2025, 6, 15)
    )
    assert day_before.age == 64 and birthday.age == 65
    assert score(I.AUDIT_C, answers, day_before).interpretation == "below_limit"
    assert score(I.AUDIT_C, answers, birthday).interpretation == "at_or_above_limit"


def test_age_of_a_leap_day_child_grows_on_1_march_in_common_years():
    born = datetime.date(1960, 2, 29)
    assert I.age_on(born, datetime.date(2025, 2, 28)) == 64
    assert I.age_on(born, datetime.date(2025, 3, 1)) == 65


def test_audit_c_has_only_the_three_consumption_questions():
    assert [i.key for i in I.AUDIT_C.items] == ["Q1", "Q2", "Q3"]
    assert refused_items(I.AUDIT_C, {"Q1": 1, "Q2": 1, "Q3": 1, "Q4": 0}) == {"Q4"}


# --- BMI and waist -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("weight", "bmi", "band"),
    [
        ("73.6", "18.4", "underweight"),
        ("74", "18.5", "normal"),
        ("99.6", "24.9", "normal"),
        ("100", "25.0", "overweight"),
        ("119.6", "29.9", "overweight"),
        ("120", "30.0", "obesity_1"),
        ("139.6", "34.9", "obesity_1"),
        ("140", "35.0", "obesity_2"),
        ("159.6", "39.9", "obesity_2"),
        ("160", "40.0", "obesity_3"),
    ],
)
def test_bmi_uses_the_who_adult_classes(weight, bmi, band):
    result = score(I.BMI, {"height_cm": 200, "weight_kg": weight})
    assert (result.total, result.interpretation) == (Decimal(bmi), band)


def test_bmi_is_classified_as_shown_rounded_to_one_decimal():
    result = score(I.BMI, {"height_cm": 200, "weight_kg": "99.8"})  # 24.95 → 25.0
    assert (result.total, result.interpretation) == (Decimal("25.0"), "overweight")


def test_bmi_of_a_published_example():
    assert score(I.BMI, {"height_cm": 175, "weight_kg": 70}).total == Decimal("22.9")


@pytest.mark.parametrize(
    ("answers", "item"),
    [
        ({"height_cm": 99, "weight_kg": 70}, "height_cm"),
        ({"height_cm": 251, "weight_kg": 70}, "height_cm"),
        ({"height_cm": 175, "weight_kg": 24}, "weight_kg"),
        ({"height_cm": 175, "weight_kg": "70.25"}, "weight_kg"),
        ({"height_cm": 175}, "weight_kg"),
    ],
)
def test_bmi_refuses_insane_heights_and_weights(answers, item):
    assert refused_items(I.BMI, answers) == {item}


@pytest.mark.parametrize(
    ("context", "waist", "band"),
    [
        (MAN_40, "94", "not_increased"),
        (MAN_40, "94.1", "increased"),
        (MAN_40, "102", "increased"),
        (MAN_40, "102.1", "substantially_increased"),
        (WOMAN_40, "80", "not_increased"),
        (WOMAN_40, "80.1", "increased"),
        (WOMAN_40, "88.1", "substantially_increased"),
    ],
)
def test_waist_uses_the_who_sex_specific_limits(context, waist, band):
    assert score(I.WAIST, {"waist_cm": waist}, context).interpretation == band


# --- result-only instruments --------------------------------------------------------------------


def test_result_only_instruments_store_the_given_result_and_score():
    result = score(I.BDI, {"score": 21, "result": "Keskivaikea masennus"})
    assert (result.total, result.interpretation) == (21, "Keskivaikea masennus")
    assert I.BDI.is_result_only and I.KYKYVIISARI.is_result_only and I.PHQ_9.is_result_only


def test_result_only_instruments_need_a_score_or_a_result():
    assert refused_items(I.BDI, {}) == {"score"}
    assert refused_items(I.BDI, {"score": 64}) == {"score"}
    assert refused_items(I.PHQ_9, {"score": 28}) == {"score"}
    assert score(I.KYKYVIISARI, {"result": "Profiili tallennettu"}).total is None


def test_every_required_instrument_code_exists():
    assert set(I.INSTRUMENTS) >= {
        "work-ability-self-rating",
        "wai",
        "whodas-12",
        "audit",
        "audit-c",
        "bmi",
        "waist",
        "bdi",
        "kykyviisari",
        "phq-9",
    }
    assert set(I.SELF_FILL_CODES) == {"work-ability-self-rating", "whodas-12", "audit"}


# --- properties ------------------------------------------------------------------------------

SCORED = [i for i in I.INSTRUMENTS.values()]


def in_range_answer(item: I.Item):
    if item.choices:
        return st.sampled_from([c.value for c in item.choices])
    if item.text_answer:
        return st.text(min_size=1, max_size=50).filter(lambda s: s.strip())
    step = Decimal(1).scaleb(-item.decimals)
    low, high = int(item.minimum / step), int(item.maximum / step)
    return st.integers(low, high).map(lambda n: n * step)


def in_range_answers(instrument: I.Instrument):
    return st.fixed_dictionaries({i.key: in_range_answer(i) for i in instrument.items})


def out_of_range_answer(item: I.Item):
    if item.choices:
        allowed = {c.value for c in item.choices}
        return st.one_of(
            st.integers(-1000, 1000).filter(lambda v: v not in allowed),
            st.sampled_from(["x", True, [], {}, 2.5]),
        )
    if item.text_answer:
        return st.one_of(
            st.integers(),
            st.text(min_size=501, max_size=600).filter(lambda s: len(s.strip()) > 500),
        )
    return st.one_of(
        st.decimals(
            max_value=item.minimum - Decimal("0.1"), allow_nan=False, allow_infinity=False, places=1
        ),
        st.decimals(
            min_value=item.maximum + Decimal("0.1"), allow_nan=False, allow_infinity=False, places=1
        ),
        st.sampled_from(["abc", True, None, [], float("nan"), float("inf")]),
    )


contexts = st.builds(
    I.Context,
    measured_on=st.just(DAY),
    sex=st.sampled_from([I.MALE, I.FEMALE, None]),
    age=st.one_of(st.none(), st.integers(18, 100)),
)


@pytest.mark.parametrize("instrument", SCORED, ids=lambda i: i.code)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_every_in_range_answer_scores_inside_the_instruments_range(instrument, data):
    answers = data.draw(in_range_answers(instrument))
    result = instrument.score(instrument.clean(answers), data.draw(contexts))
    if result.total is not None:
        if instrument.min_total is not None:
            assert instrument.min_total <= result.total <= instrument.max_total
        else:
            assert result.total > 0
    if not instrument.is_result_only:
        assert instrument.band(result.interpretation) is not None


@pytest.mark.parametrize("instrument", SCORED, ids=lambda i: i.code)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_every_out_of_range_answer_is_refused_naming_its_item(instrument, data):
    answers = data.draw(in_range_answers(instrument))
    item = data.draw(st.sampled_from(instrument.items))
    bad = data.draw(out_of_range_answer(item))
    answers[item.key] = bad
    if bad is None and not item.required:
        return  # leaving an optional item empty is allowed
    with pytest.raises(ValidationError) as exc:
        instrument.clean(answers)
    assert item.key in exc.value.message_dict
