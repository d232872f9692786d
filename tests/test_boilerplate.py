"""Line rules: site furniture, captions, headlines, and the position rules around them."""

from __future__ import annotations

import pytest

from newscompare.core.model.errors import UserError
from newscompare.core.passages.boilerplate import (
    LineRules,
    builtin_boilerplate,
    builtin_caption,
    classify_paragraphs,
    compile_patterns,
    is_comment_policy,
    is_date_line,
    is_headline_like,
)


@pytest.mark.parametrize(
    "line",
    [
        "Comments",
        "Post a comment",
        "Leave a Reply",
        "Related Articles",
        "Editor Picks",
        "Latest Articles",
        "Stay Connected",
        "Please enter your comment!",
        "Please enter your name here",
        "Back to top button",
        "Accessibility links",
        "Breaking News",
        "Advertisement",
        "Subscribe",
        "Share this article",
        "XS",
        "25.9 C",
        ".",
        "* * *",
        "© 2024 Example Media. All rights reserved.",
        "We use cookies to improve your browsing experience. By continuing you accept our policy.",
        "Rudaw moderates all comments submitted on our website.",
        "To be approved for publication, your comments must meet our community guidelines.",
        "We will not tolerate the following: profanity, threats, personal attacks, abuse.",
        "Comments that do not meet our guidelines will be rejected.",
    ],
)
def test_furniture_is_boilerplate(line: str) -> None:
    assert builtin_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "“We need information cooperation,” he added.",
        "We need air support.",
        "It may take years.",
        "Washington has responded with airstrikes.",
        "Comments by the minister angered the opposition.",
        "“We will not tolerate comments that incite violence,” the regulator said in a statement.",
        "The company said it would moderate comments more strictly under the new guidelines.",
        "Share prices fell 3 percent on Monday.",
        "Breaking news rarely reaches the villages, residents said.",
        "By Thursday, officials had agreed to withdraw.",
        "By Thursday, officials had agreed to withdraw",
    ],
)
def test_news_is_not_boilerplate(line: str) -> None:
    assert not builtin_boilerplate(line)
    assert not builtin_caption(line)


def test_comment_policy_needs_the_site_voice() -> None:
    assert is_comment_policy("Comments are not edited and our moderators reject abuse.")
    assert not is_comment_policy("Comments are moderated on the platform, the company said.")


@pytest.mark.parametrize(
    "line",
    [
        "US army paratroopers deployed on January 1, 2020. Photo: AFP/Robyn J. Haake",
        "US troops stand to attention in front of American and Iraqi (R) flag. May 15, 2020",
        "Soldiers at the base north of Baghdad, Iraq August 23, 2020. REUTERS/Thaier Al-Sudani",
        "Reporting by Didar Abdalrahman and Diyar Kurda.",
        "With reporting by AFP, dpa, and Reuters",
        "Additional reporting by Jane Doe; Editing by John Roe",
        "By John Smith",
        "By Jane Doe and John Roe, Reuters",
        "PUBLISHED: THURSDAY, MAY 2,2013,1:32 PM",
        "UPDATED: FRIDAY, MAY 3,2013,9:56 AM",
        "Published May 03,2013",
        "First Posted 23:37:00 05 / 05 / 2010",
    ],
)
def test_captions_credits_and_stamps(line: str) -> None:
    assert builtin_caption(line)
    assert not builtin_boilerplate(line)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Friday, September 20, 2024", True),
        ("Saturday, 24 July, 2021 - 08:30", True),
        ("11 / 30 / 09 05:40 PM ET", True),
        ("MAY 3,2013 AT 1:10PM", True),
        ("12 January 2010 @ 09:29 pm", True),
        ("Nov. 30,2009", True),
        ("On July 26, Baghdad and Washington agreed.", False),
        ("Three killed as rioters bomb Greek bank", False),
        ("January", False),
    ],
)
def test_date_lines(line: str, expected: bool) -> None:
    assert is_date_line(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Pentagon: Negotiations with Iraq on the fate of US troops continue", True),
        ("FALLOUT CONTINUES AFTER BRAZEN ESCAPE", True),
        ("We need air support.", False),
        ("25.9 C", False),
        ("Friday, September 20, 2024", False),
    ],
)
def test_headline_like(line: str, expected: bool) -> None:
    assert is_headline_like(line) is expected


def test_positions_title_ticker_and_tail() -> None:
    paragraphs = [
        "25.9 C",
        "Friday, September 20, 2024",
        "Site Name English News and Opinion",
        "Talks on troop withdrawal continue",
        "Talks on troop withdrawal continue",
        "Saturday, 24 July, 2021 - 08:30",
        "The talks continued on Thursday, officials said.",
        "It may take years.",
        "Most Popular Videos",
        "Our Newsletter",
    ]
    kinds = classify_paragraphs(paragraphs, "Talks on Troop Withdrawal Continue", LineRules())
    assert kinds == [
        "boilerplate",  # weather ticker
        "boilerplate",  # today's date above the headline
        "boilerplate",  # slogan above the headline
        "title",
        "boilerplate",  # the headline repeated
        "caption",  # the article's own dateline
        "body",
        "body",
        "boilerplate",
        "boilerplate",
    ]


def test_title_found_without_metadata() -> None:
    paragraphs = [
        "12 January 2010 @ 09:29 pm",
        "FALLOUT CONTINUES AFTER BRAZEN ESCAPE",
        "The prison system made sweeping changes, the agency announced Tuesday.",
    ]
    assert classify_paragraphs(paragraphs, "", LineRules()) == ["boilerplate", "title", "body"]


def test_no_title_guessed_from_a_lead_sentence() -> None:
    paragraphs = [
        "ERBIL, Kurdistan Region - The ministry said on Thursday that talks were delayed.",
        "Short line of news",
    ]
    kinds = classify_paragraphs(paragraphs, "", LineRules())
    assert kinds[0] == "body"
    assert "title" not in kinds


def test_text_before_an_unmatched_title_is_kept() -> None:
    paragraphs = ["A full sentence of news opens this article today.", "More news follows here."]
    kinds = classify_paragraphs(paragraphs, "A headline that is not in the text", LineRules())
    assert kinds == ["body", "body"]


def test_user_patterns_win_over_builtin_rules() -> None:
    rules = LineRules(
        boilerplate=compile_patterns([r"sponsored by .*"], "boilerplate_patterns"),
        caption=compile_patterns([r"\(illustration\)"], "caption_patterns"),
    )
    paragraphs = [
        "Officials met on Thursday to discuss the plan.",
        "Sponsored by ACME Widgets and Partners.",
        "(Illustration)",
        "The plan was agreed after a long meeting.",
    ]
    assert classify_paragraphs(paragraphs, "", rules) == ["body", "boilerplate", "caption", "body"]


def test_user_patterns_match_the_whole_line_only() -> None:
    rules = LineRules(boilerplate=compile_patterns(["share"], "boilerplate_patterns"))
    paragraphs = ["Officials said shares fell on Monday.", "The share price recovered later."]
    assert classify_paragraphs(paragraphs, "", rules) == ["body", "body"]


def test_invalid_pattern_is_a_one_line_user_error() -> None:
    with pytest.raises(UserError) as caught:
        compile_patterns(["ok", "(unclosed"], "caption_patterns")
    message = str(caught.value)
    assert "\n" not in message
    assert "caption_patterns" in message
    assert "(unclosed" in message
    assert "missing )" in message


@pytest.mark.parametrize(
    "title",
    [
        "Talks Stall in Baghdad | Reuters",
        "Asharq Al-Awsat - Talks stall in Baghdad",
        "Talks stall in Baghdad!",
        "Talks stall in Baghdad",
    ],
)
def test_title_from_html_metadata_with_site_name(title: str) -> None:
    paragraphs = [
        "Site Slogan News and Opinion From Everywhere",
        "Talks stall in Baghdad",
        "The talks stalled on Thursday, officials said.",
    ]
    assert classify_paragraphs(paragraphs, title, LineRules()) == [
        "boilerplate",
        "title",
        "body",
    ]


def test_unrelated_metadata_title_falls_back_to_the_first_headline() -> None:
    paragraphs = ["Talks stall in Baghdad", "The talks stalled on Thursday, officials said."]
    kinds = classify_paragraphs(paragraphs, "Markets rally in Tokyo | Example", LineRules())
    assert kinds == ["title", "body"]


def test_comment_section_at_the_end_is_boilerplate() -> None:
    paragraphs = [
        "The talks stalled on Thursday, officials said.",
        "Both sides will meet again next month.",
        "The ministry declined to comment further.",
        "Leave a Reply",
        "John from Ohio: I think the talks were doomed from the start.",
        "Mary: Nobody asked the people what they want.",
    ]
    kinds = classify_paragraphs(paragraphs, "", LineRules())
    assert kinds == ["body", "body", "body", "boilerplate", "boilerplate", "boilerplate"]


def test_comment_link_near_the_top_does_not_swallow_the_article() -> None:
    paragraphs = [
        "Talks stall in Baghdad",
        "Comments (3)",
        "The talks stalled on Thursday, officials said.",
        "Both sides will meet again next month.",
        "The ministry declined to comment further.",
        "A new round is planned for June.",
    ]
    kinds = classify_paragraphs(paragraphs, "", LineRules())
    assert kinds == ["title", "boilerplate", "body", "body", "body", "body"]


def test_short_quote_at_the_end_stays_news() -> None:
    paragraphs = ["The talks stalled on Thursday, officials said.", "“We will return”"]
    assert classify_paragraphs(paragraphs, "", LineRules()) == ["body", "body"]


def test_dateline_alone_on_its_line_is_a_caption() -> None:
    paragraphs = ["ATHENS, Greece (AP) —", "A firebomb attack on a bank killed three people."]
    assert classify_paragraphs(paragraphs, "", LineRules()) == ["caption", "body"]


@pytest.mark.parametrize(
    "line",
    [
        "A photo by the ministry showed troops leaving the base.",
        "Updated figures show 300 people were hurt",
        "Tagging along were two senior advisers",
        "Follow usage rules, the ministry told traders",
        "More-than-expected losses were reported in the north",
        "The source: a leaked memo seen by reporters",
        "Sources say talks will resume in June",
    ],
)
def test_lookalikes_of_credits_and_furniture_stay_news(line: str) -> None:
    assert not builtin_boilerplate(line)
    assert not builtin_caption(line)


@pytest.mark.parametrize(
    "line",
    ["Updated 3 hours ago", "Photo by Jane Doe", "Image source, Getty Images", "Source: Reuters"],
)
def test_more_credits_and_stamps(line: str) -> None:
    assert builtin_caption(line)


@pytest.mark.parametrize(
    "line",
    [
        "Read more: Iraq and US agree on troop withdrawal",
        "Tags: Iraq, United States, withdrawal",
        "Copyright 2024 The Associated Press. All rights reserved. This material may not be "
        "published, broadcast, rewritten or redistributed.",
    ],
)
def test_link_lines_tags_and_legal_notices(line: str) -> None:
    assert builtin_boilerplate(line)


def test_short_key_points_at_the_end_stay_news() -> None:
    paragraphs = [
        "Talks stall in Baghdad",
        "The talks stalled on Thursday, officials said.",
        "Key points",
        "US troops will stay until next year",
        "Iraq wants a faster timetable for withdrawal",
        "Related Articles",
        "Stay Connected",
    ]
    kinds = classify_paragraphs(paragraphs, "", LineRules())
    assert kinds[3:] == ["body", "body", "boilerplate", "boilerplate"]


def test_a_pattern_that_backtracks_without_end_is_refused_in_one_line() -> None:
    """``(a|aa)+$`` on 60 a's and a full stop would run for days; it is stopped after its
    budget on the article (``PATTERN_BUDGET``) and named in a one-line error."""
    rules = LineRules(boilerplate=compile_patterns([r"(a|aa)+$"], "boilerplate_patterns"))
    paragraphs = ["Officials met on Thursday.", "a" * 60 + "."]
    with pytest.raises(UserError) as caught:
        classify_paragraphs(paragraphs, "", rules)
    message = str(caught.value)
    assert message.startswith("passages.boilerplate_patterns: the pattern '(a|aa)+$' needs more")
    assert "\n" not in message


def test_the_nested_repeat_from_the_issue_finishes_with_the_regex_package() -> None:
    """``(a+)+$`` took 41 s on 30 a's with the standard library; the regex package answers
    at once, so it is simply a pattern that does not match."""
    rules = LineRules(boilerplate=compile_patterns([r"(a+)+$"], "boilerplate_patterns"))
    assert classify_paragraphs(["a" * 30 + "!", "a" * 30], "", rules)[1] == "boilerplate"


def test_syndication_and_trust_principle_lines_are_furniture() -> None:
    """Site lines from the issue (16.6) are furniture; a sentence reporting news is not."""
    from newscompare.core.passages.boilerplate import builtin_boilerplate

    assert builtin_boilerplate("This article originally appeared on VICE US.")
    assert builtin_boilerplate("This story first appeared in The Guardian.")
    assert builtin_boilerplate("Our Standards: The Thomson Reuters Trust Principles.")
    assert not builtin_boilerplate(
        "This article appeared in a newspaper that said troops would leave."
    )
