"""Dates: extraction, resolution against the article date, and which pairs differ."""

from __future__ import annotations

from newscompare.core.facts.dates import DateMention, describe, extract_dates, judge, pair_dates


def only(text: str, article_date: str | None = None) -> DateMention:
    found = extract_dates(text, article_date)
    assert len(found) == 1, found
    return found[0]


def test_absolute_dates_in_news_forms() -> None:
    d = only("on January 1, 2020 the troops")
    assert (d.year, d.month_low, d.day, d.text) == (2020, 1, 1, "January 1, 2020")
    d = only("Saturday, 24 July, 2021 - news")
    assert (d.year, d.month_low, d.day) == (2021, 7, 24)
    d = only("in January 2018.")
    assert (d.year, d.month_low, d.day, d.scale) == (2018, 1, None, "month")
    d = only("returned in 2014, under")
    assert (d.year, d.scale) == (2014, "year")


def test_partial_dates_without_article_date_keep_year_unknown() -> None:
    d = only("On July 26, Baghdad agreed")
    assert (d.year, d.month_low, d.day) == (None, 7, 26)
    d = only("a drone strike in January that killed")
    assert (d.year, d.month_low, d.text) == (None, 1, "January")
    assert not d.unresolved  # a plain month is not relative; its year is just not stated


def test_may_and_march_only_as_months_after_a_preposition() -> None:
    assert extract_dates("he may go and march on", None) == ()
    assert only("elections in May were").month_low == 5


def test_relative_dates_resolve_against_the_article_date() -> None:
    d = only("the vote earlier this year demanding", "2020-06-11")
    assert (d.year, d.month_low, d.month_high) == (2020, 1, 6)
    d = only("reported last July that", "2021-10-14")
    assert (d.year, d.month_low) == (2021, 7)
    d = only("reported last July that", "2021-03-01")
    assert (d.year, d.month_low) == (2020, 7)
    d = only("a drone strike in January that", "2020-06-11")
    assert (d.year, d.month_low) == (2020, 1)
    d = only("it happened yesterday", "2021-07-24")
    assert (d.year, d.month_low, d.day) == (2021, 7, 23)
    d = only("three years ago", "2021-07-24")
    assert d.year == 2018
    d = only("by the end of this year", "2024-09-20")
    assert d.year == 2024


def test_relative_dates_without_article_date_are_unresolved() -> None:
    d = only("the vote earlier this year demanding")
    assert d.unresolved and d.year is None
    assert "article date unknown" in describe(d)


def test_bad_article_date_is_treated_as_unknown() -> None:
    assert only("earlier this year", "not a date").unresolved


def test_years_are_not_taken_from_quantities_or_money() -> None:
    assert extract_dates("2000 soldiers and $2020 and 2019 percent", None) == ()


def verdict(a: str, b: str, date_a: str | None = None, date_b: str | None = None) -> str:
    return judge(only(a, date_a), only(b, date_b))


def test_judge_conflicts_at_shared_granularity() -> None:
    assert verdict("in January 2018", "in January 1998") == "conflict"
    assert verdict("on July 26", "on July 27") == "conflict"
    assert verdict("earlier this year", "in January 1998", "2020-06-11") == "conflict"
    assert verdict("on Thursday", "on Wednesday") == "conflict"


def test_judge_same_time_in_other_words() -> None:
    assert verdict("in January", "in January 2020", "2020-06-11") == "same"
    assert verdict("January 2018", "January, 2018") == "same"
    assert verdict("in 2018", "in January 2018") == "same"
    assert verdict("on Monday", "July 26, 2021") == "same"  # 26 July 2021 was a Monday
    assert verdict("the end of this year", "the end of this year") == "same"


def test_judge_unconfirmed_when_one_side_cannot_be_placed() -> None:
    assert verdict("in January", "in January 2018") == "unconfirmed"
    assert verdict("earlier this year", "January 2018") == "unconfirmed"
    assert verdict("July 26", "last July") == "unconfirmed"


def test_pairing_skips_agreeing_dates_and_reports_the_rest() -> None:
    a = extract_dates("On July 26, they agreed to leave by the end of this year", "2021-07-30")
    b = extract_dates("On July 28, they agreed to leave by the end of this year", "2021-07-30")
    found = pair_dates(a, b)
    assert [(x.text, y.text, v) for x, y, v in found] == [("July 26", "July 28", "conflict")]


def test_dates_that_cannot_be_confirmed_are_not_reported() -> None:
    # Without the article's date, "last July" may be the July of "July 26": nobody can tell.
    a = extract_dates("On July 26, they agreed to leave by the end of this year", None)
    b = extract_dates("It reported last July that they would leave by the end of this year", None)
    assert judge(a[0], b[0]) == "unconfirmed"
    assert pair_dates(a, b) == []


def test_weekday_is_not_compared_with_a_month() -> None:
    a = extract_dates("on Thursday", "2021-07-24")
    b = extract_dates("in January 2018", None)
    assert pair_dates(a, b) == []


def test_describe_shows_what_a_relative_date_resolved_to() -> None:
    assert describe(only("earlier this year", "2020-06-11")) == "earlier this year (≈2020)"
    assert describe(only("last July", "2021-10-14")) == "last July (≈July 2021)"
    assert describe(only("in January")) == "January (year not stated)"
    assert describe(only("in January 2018")) == "January 2018"


def test_times_of_day() -> None:
    assert only("at 8:30 p.m. local time").minute == 20 * 60 + 30
    assert only("at 9 am").minute == 9 * 60
    assert only("the ceremony, 08:30").minute == 8 * 60 + 30
    assert verdict("at 8:30 p.m.", "at 20:30") == "same"
    assert verdict("at 8:30 p.m.", "at 9 pm") == "conflict"
    assert judge(only("at 9 am"), only("in January 2018")) == "unrelated"
    assert extract_dates("a 3:1 score and 2.5 percent", None) == ()


def test_deadlines_are_compared_only_with_deadlines() -> None:
    a = extract_dates("the vote in January demanding they leave", None)
    b = extract_dates("troops must leave by the end of this year", "2021-10-14")
    assert pair_dates(a, b) == []
    a = extract_dates("troops must leave by the end of 2021", None)
    b = extract_dates("troops must leave by the end of this year", "2024-09-20")
    assert [(x.text, y.text, v) for x, y, v in pair_dates(a, b)] == [
        ("2021", "the end of this year", "conflict")
    ]


def test_a_month_meets_a_month_before_a_year_of_a_range_agrees_with_it() -> None:
    a = extract_dates("He was convicted in June 1998 of aggravated assault.", None)
    b = extract_dates("Between 1991 and 1998 he was in and out; he returned in June 1999.", None)
    ((da, db, verdict),) = pair_dates(a, b)
    assert (da.text, db.text, verdict) == ("June 1998", "June 1999", "conflict")
