"""Quantities: digits and words, ranges, vague amounts, counted nouns, and which disagree."""

from __future__ import annotations

import math

import pytest

from newscompare.core.facts.quantities import (
    Quantity,
    extract_quantities,
    parse_number,
    same_noun,
)
from newscompare.core.facts.quantity_match import describe, disagreeing


def only(text: str) -> Quantity:
    found = extract_quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2,500", 2500),
        ("2500", 2500),
        ("1.5 million", 1_500_000),
        ("5m", 5_000_000),
        ("five", 5),
        ("twenty-four", 24),
        ("two dozen", 24),
        ("a hundred", 100),
        ("three hundred thousand", 300_000),
        ("one hundred and fifty", 150),
    ],
)
def test_parse_number_digits_and_words(text: str, value: float) -> None:
    assert parse_number(text) == value


def test_parse_number_rejects_non_numbers() -> None:
    assert parse_number("troops") is None
    assert parse_number("") is None


def test_counted_noun_follows_the_figure_skipping_modifiers() -> None:
    q = only("The US has around 2,500 US soldiers stationed in Iraq")
    assert q.noun == "soldiers"
    assert (q.low, q.high) == (2250, 2750)  # "around": +-10%
    assert q.text == "around 2,500 US soldiers"


def test_counted_noun_from_number_of_earlier_in_the_sentence() -> None:
    q = only("put the total number of US troops on Iraqi soil at 3,000.")
    assert q.noun == "troops"
    assert q.text == "3,000"


def test_counted_noun_from_troop_numbers() -> None:
    assert only("it would reduce its troop numbers in Iraq by 500").noun == "troop"


def test_vague_amounts_are_intervals() -> None:
    q = only("carried out dozens of attacks on US forces")
    assert q.vague and q.noun == "attacks"
    assert q.low <= 36 <= q.high
    assert q.high < 200
    hundreds = only("several hundred people")
    assert (hundreds.low, hundreds.high) == (300, 900)


def test_ranges_with_hyphens_and_words() -> None:
    q = only("The US has demanded a 2-5-year time frame")
    assert (q.low, q.high, q.noun) == (2, 5, "year")
    q = only("between 20 and 30 people")
    assert (q.low, q.high, q.noun) == (20, 30, "people")
    q = only("20 to 30 people")
    assert (q.low, q.high) == (20, 30)


def test_percent_money_and_open_bounds() -> None:
    assert only("5% of voters").kind == "percent"
    assert only("five per cent of voters").kind == "percent"
    money = only("$5 million in aid")
    assert (money.kind, money.low) == ("$", 5_000_000)
    assert only("1.5 million dollars").kind == "$"
    more = only("more than 3,000 troops")
    assert more.low == 3000 and math.isinf(more.high)


def test_not_quantities() -> None:
    assert extract_quantities("the COVID-19 pandemic and F-16 jets") == ()
    assert extract_quantities("one of them returned in 2014") == ()
    assert extract_quantities("since 2003") == ()
    assert extract_quantities("July 26", exclude=((0, 7),)) == ()


def test_a_four_digit_figure_with_a_plural_noun_is_a_count() -> None:
    assert only("2000 soldiers").low == 2000


def test_same_noun_aliases_plurals_and_spelling() -> None:
    assert same_noun("soldiers", "troops")
    assert same_noun("forces", "troop")
    assert same_noun("dead", "killed")
    assert same_noun("attacks", "attack")
    assert same_noun("protesters", "protestors")
    assert not same_noun("soldiers", "people")
    assert not same_noun("attacks", "years")


def pairs(a: str, b: str) -> list[tuple[str, str]]:
    return [(x.text, y.text) for x, y in disagreeing(extract_quantities(a), extract_quantities(b))]


def test_different_counts_of_the_same_thing_disagree() -> None:
    assert pairs("2,500 soldiers", "3,000 troops") == [("2,500 soldiers", "3,000 troops")]
    assert pairs("24 dead", "five dead") == [("24 dead", "five dead")]
    assert pairs("dozens of attacks", "200 attacks") == [("dozens of attacks", "200 attacks")]


def test_figure_without_noun_is_compared_when_it_is_the_only_one() -> None:
    found = pairs(
        "The US has around 2,500 soldiers stationed in Iraq",
        "The coalition put the figure at 3,000.",
    )
    assert found == [("around 2,500 soldiers", "3,000")]


def test_consistent_figures_are_quiet() -> None:
    assert pairs("2,500 troops", "2500 troops") == []
    assert pairs("five people", "5 people") == []
    assert pairs("dozens of attacks", "36 attacks") == []
    assert pairs("more than 2,500 troops", "3,000 troops") == []
    assert pairs("around 3,000 troops", "2,900 troops") == []
    assert pairs("2,500 troops", "3,000 dollars") == []  # different things


def test_agreeing_figure_is_matched_before_a_differing_one() -> None:
    assert pairs("2,500 troops and later 3,000 troops", "2,500 troops") == []


def test_describe_names_both_figures_and_nouns() -> None:
    ((a, b),) = disagreeing(
        extract_quantities("around 2,500 soldiers"), extract_quantities("3,000 troops")
    )
    assert describe(a, b) == "around 2,500 vs 3,000 soldiers/troops"
    ((a, b),) = disagreeing(
        extract_quantities("dozens of attacks"), extract_quantities("200 attacks")
    )
    assert describe(a, b) == "dozens (≈24-120) vs 200 attacks"


def test_changes_are_compared_only_with_changes() -> None:
    assert pairs("leaving only a few American forces", "reduce its troop numbers by 500") == []
    assert pairs("cut troops by 500", "cut troops by 1,000") == [("500", "1,000")]


def test_ages_in_apposition_are_not_counts() -> None:
    assert extract_quantities("The actress, 26, checked in late Thursday night") == ()


def test_from_without_a_range_is_not_part_of_the_figure() -> None:
    q = only("troops came from 2,500 bases")
    assert (q.text, q.low, q.high) == ("2,500 bases", 2500, 2500)
    assert only("from 20 to 30 people").text == "from 20 to 30 people"


def test_percentages_and_money_of_the_same_thing() -> None:
    assert pairs("5% of voters backed it", "7 percent of voters backed it") == [
        ("5% of voters", "7 percent of voters")
    ]
    ((a, b),) = disagreeing(extract_quantities("$5 million aid"), extract_quantities("$7m aid"))
    assert describe(a, b) == "$5 million vs $7m aid"
    assert pairs("$5 million aid", "€5 million aid") == []  # other currency: not comparable
    ((a, b),) = disagreeing(extract_quantities("24 dead"), extract_quantities("five dead"))
    assert describe(a, b) == "24 vs five (5) dead"


def test_an_age_is_never_set_against_a_duration() -> None:
    assert only("said 76-year-old Constantinos Doganis").noun == "year-old"
    assert only("He is 76 years old").noun == "year-old"
    assert pairs("bonus pay is cut for three years", "said 76-year-old Doganis") == []
    assert pairs("a 76-year-old man", "a 70-year-old man") == [("76-year", "70-year")]
    assert pairs("jailed for three years", "jailed for five years") == [
        ("three years", "five years")
    ]


def test_a_further_set_is_not_another_figure_for_the_same_one() -> None:
    rescued = only("five other bank workers were rescued from the balcony")
    assert rescued.distinct and rescued.noun == "workers"
    assert pairs("five other bank workers were rescued", "three bank workers were killed") == []
    assert pairs("two more buildings caught fire", "three buildings burned") == []
    assert pairs("five bank workers were rescued", "three bank workers were rescued") == [
        ("five bank workers", "three bank workers")
    ]


def test_a_count_of_people_compares_with_the_outcome_it_names() -> None:
    assert pairs("Three killed as rioters bomb bank", "24 people were killed") == [
        ("Three killed", "24 people")
    ]
    assert pairs("3 wounded in the blast", "5 people were hurt") == [("3 wounded", "5 people")]
    assert pairs("Three killed as rioters bomb bank", "killed at least three people") == []
    # people to whom something else happened are not the dead
    assert pairs("five people died", "ten injured") == []
    assert pairs("24 dead", "tens of thousands of people took to the streets") == []


# --- what a figure counts: the event of its clause (facts/counted.py) -------------------------


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("24 people were killed in the blast", "killed"),
        ("the explosion, killing at least five people", "killed"),
        ("a bomb went off, injuring dozens", "injured"),
        ("a death toll of 24", "killed"),
        ("249 people injured", "injured"),
        ("50 reported injured", "injured"),
        ("24 deaths", "killed"),
    ],
)
def test_a_figure_knows_the_event_it_counts_in_any_order(text: str, event: str) -> None:
    assert only(text).event == event


def test_the_event_stays_in_its_clause() -> None:
    five, dozens = extract_quantities("The blast killed five people and injured dozens")
    assert (five.event, dozens.event) == ("killed", "injured")
    (troops,) = extract_quantities("After the attack, 2,500 troops stayed in Iraq")
    assert troops.event is None


def test_a_reporting_verb_is_not_what_a_figure_counts() -> None:
    assert only("50 reported injured").noun == "injured"


def test_dead_and_injured_are_never_compared() -> None:
    # The words around them (Athens, bank) are the same: only the event tells them apart.
    (killed,) = extract_quantities("24 people were killed at the bank in Athens")
    (injured,) = extract_quantities("249 people were injured at the bank in Athens")
    assert disagreeing((killed,), (injured,)) == []


def test_a_figure_without_noun_is_compared_through_its_event() -> None:
    (a,) = extract_quantities("The blast went off, injuring dozens")
    (b,) = extract_quantities("At least 249 people were injured")
    assert disagreeing((a,), (b,)) == [(a, b)]
    (c,) = extract_quantities("The blast went off, killing two")
    assert disagreeing((a,), (c,)) == []


def test_bounds_agree_with_a_figure_inside_them() -> None:
    (a,) = extract_quantities("killing at least five people")
    (b,) = extract_quantities("Seven people died")
    (c,) = extract_quantities("Three people died")
    assert disagreeing((a,), (b,)) == []
    assert disagreeing((a,), (c,)) == [(a, c)]


# --- money and scales ----------------------------------------------------------------------------


def test_a_hyphenated_scale_is_part_of_the_figure() -> None:
    q = only("a $143-billion bailout")
    assert (q.low, q.kind) == (143e9, "$")


def test_a_range_shares_the_scale_of_its_second_figure() -> None:
    q = only("between 2 and 3 million")
    assert (q.low, q.high) == (2e6, 3e6)
    q = only("from 500 to 3 million")
    assert (q.low, q.high) == (500, 3e6)


def test_a_currency_word_glued_to_the_figure() -> None:
    q = extract_quantities("the bailout euro22 billion ($28 billion) over three years")[0]
    assert (q.low, q.kind) == (22e9, "€")


def test_amounts_are_matched_by_value_inside_a_pair() -> None:
    a = extract_quantities("Berlin's decision to lend 22.4bn to Greece")
    b = extract_quantities("the country's share of the bailout euro22 billion ($28 billion)")
    found = disagreeing(a, b)
    assert [(x.low, y.low) for x, y in found] == [(22.4e9, 22e9)]


def test_two_currencies_are_a_conversion_not_a_second_report() -> None:
    a = extract_quantities("a 110 billion euro loan")
    b = extract_quantities("a $120 billion loan")
    assert disagreeing(a, b) == []


def test_a_vague_amount_has_no_rounding_tolerance() -> None:
    a = extract_quantities("Tens of thousands of people took to the streets")
    b = extract_quantities("An estimated 100,000 people took to the streets")
    assert len(disagreeing(a, b)) == 1


# --- none reported ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("There were no casualties", "injured"),
        ("No one was killed in the attack", "killed"),
        ("Nobody was hurt", "injured"),
    ],
)
def test_none_reported_is_a_count_of_zero(text: str, event: str) -> None:
    q = only(text)
    assert (q.low, q.high, q.event) == (0.0, 0.0, event)


@pytest.mark.parametrize("text", ["There is no doubt", "No one knows why", "no plans to leave"])
def test_no_without_an_event_is_not_a_count(text: str) -> None:
    assert extract_quantities(text) == ()


def test_no_casualties_disagrees_with_a_toll() -> None:
    a = extract_quantities("There were no casualties in the blast")
    b = extract_quantities("The blast injured 12 people")
    assert [(x.low, y.low) for x, y in disagreeing(a, b)] == [(0.0, 12.0)]
    c = extract_quantities("No one was killed in the blast")
    assert disagreeing(c, b) == []  # the dead and the injured are two counts


def test_an_estimated_figure_is_part_of_the_span_and_the_figure_given() -> None:
    q = only("An estimated 100,000 people marched through the capital")
    assert q.text == "An estimated 100,000 people"
    assert (q.low, q.high) == (100_000, 100_000)
