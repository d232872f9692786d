"""Wording (framing lexicon, user sets from config) and attribution verbs."""

from __future__ import annotations

from lexicon_fixtures import IRAQ_WORDING
from newscompare.config import parse_config
from newscompare.core.diverge.attribution import attribution_differences
from newscompare.core.diverge.compare import divergences
from newscompare.core.facts.attribution import credits
from newscompare.core.lexicons.framing import (
    FRAMING_SETS,
    differing_frames,
    find_terms,
    parse_sets,
)
from newscompare.core.model.settings import DivergeSettings

BUILTIN = parse_sets(FRAMING_SETS)
#: The built-in sets and the ones a researcher of the sample story adds (the matching
#: mechanism is the same for both).
WITH_STORY_SETS = parse_sets(FRAMING_SETS + IRAQ_WORDING)


def framing(a: str, b: str) -> list[tuple[str, str]]:
    sets = WITH_STORY_SETS
    return [(x.text, y.text) for x, y in differing_frames(find_terms(a, sets), find_terms(b, sets))]


def attribution(a: str, b: str) -> tuple[str, str] | None:
    """The two cues of a stance or source difference, as written (None: none)."""
    found = attribution_differences(a, b)
    if not found:
        return None
    (span_a, span_b, _), *_ = found
    return a[span_a[0] : span_a[1]], b[span_b[0] : span_b[1]]


def test_parse_sets_splits_variants() -> None:
    assert parse_sets((("killed|died", "martyred", " "),)) == ((("killed", "died"), ("martyred",)),)


def test_loaded_verbs() -> None:
    assert framing(
        "a U.S. drone strike in January that killed a top general from Iran",
        "when the US martyred Lt. Gen. Qassem Soleimani",
    ) == [("killed", "martyred")]


def test_names_for_armed_groups_span_the_whole_phrase() -> None:
    assert framing(
        "Iraqi militia groups aligned with Iran have called for the withdrawal",
        "the Iraqi hardline factions loyal to Iran, who want the withdrawal of all US forces",
    ) == [("militia groups", "hardline factions")]
    assert framing(
        "militias carried out dozens of attacks", "recent US attacks on the resistance forces"
    ) == [("militias", "resistance forces")]


def test_pretext_is_spanned_with_its_object() -> None:
    assert framing(
        "some of them returned to this country in 2014 under the pretext of fighting ISIS.",
        "as part of a global coalition combating the Islamic State [ISIS].",
    ) == [("under the pretext of fighting ISIS", "combating the Islamic State")]


def test_verb_keeps_the_verb_it_depends_on() -> None:
    assert framing(
        "Washington was planning to redefine the role of some forces in Iraq",
        "the United States and Iraq had agreed to withdraw US troops",
    ) == [("planning to redefine the role", "agreed to withdraw")]
    assert [t.text for t in find_terms("for US troops to leave", WITH_STORY_SETS)] == ["leave"]


def test_same_frame_in_other_words_is_quiet() -> None:
    assert framing("the troops will withdraw", "the troops will leave") == []
    assert framing("militia groups attacked", "militias attacked") == []
    assert framing("the regime said", "the government and the regime said") == []


def test_terms_inside_a_widened_phrase_are_not_counted_twice() -> None:
    terms = find_terms("under the pretext of fighting ISIS", WITH_STORY_SETS)
    assert [t.text for t in terms] == ["under the pretext of fighting ISIS"]


def test_attribution_classes() -> None:
    assert attribution(
        "Kirby also stressed the renewal of the joint commitment",
        "Kirby claimed that he was committed, saying the United States did not want it",
    ) == ("Kirby also stressed", "Kirby claimed")
    assert attribution("the minister said", "the minister claimed") == (
        "the minister said",
        "the minister claimed",
    )
    assert attribution("he said", "he told reporters") is None
    assert attribution("he insisted", "she emphasised") is None


def test_user_wording_from_config_is_used() -> None:
    config = parse_config('diverge:\n  wording:\n    - ["drawdown|pullback", "retreat"]\n')
    assert config.settings.diverge.wording == (("drawdown|pullback", "retreat"),)
    a, b = "the drawdown began in May", "the retreat began in May"
    assert divergences(a, b, None, None, DivergeSettings()) == ()
    found = divergences(a, b, None, None, config.settings.diverge)
    assert [(d.kind, d.a, d.b) for d in found] == [("wording", "drawdown", "retreat")]


def test_builtin_lexicon_can_be_switched_off() -> None:
    a, b = "the strike killed him", "the strike martyred him"
    assert [d.kind for d in divergences(a, b, None, None, DivergeSettings())] == ["wording"]
    assert divergences(a, b, None, None, DivergeSettings(builtin_wording=False)) == ()


def test_words_outside_the_reporting_lexicon_credit_nothing() -> None:
    assert credits("The United States pledged to stay") == ()


def test_attribution_compares_stance_not_source() -> None:
    """Passing a claim on ("stressed") vs distancing from it ("claimed") is a difference
    whoever speaks; the same stance from another source is not."""
    a = "Kirby also stressed the renewal of the commitment"
    found = divergences(a, "He claimed the commitment", None, None, DivergeSettings())
    assert [(d.kind, d.a, d.b) for d in found] == [
        ("attribution", "Kirby also stressed", "He claimed")
    ]
    same = "Kirby said the renewal of the commitment stands"
    assert divergences(a, same, None, None, DivergeSettings()) == ()
    other = "An official of the Defense Ministry said the commitment stands"
    assert divergences(a, other, None, None, DivergeSettings()) == ()


def test_purpose_phrases_take_their_verb_and_object() -> None:
    terms = find_terms("in order to implement the January 1998 resolution", WITH_STORY_SETS)
    assert [t.text for t in terms] == ["in order to implement the January 1998"]
    assert framing(
        "troops returned under the pretext of fighting ISIS.",
        "troops returned in order to implement the resolution.",
    ) == [("under the pretext of fighting ISIS", "in order to implement the resolution")]


def test_fighters_and_militants_are_different_framings() -> None:
    assert framing("ISIS fighters attacked the town", "ISIS militants attacked the town") == [
        ("fighters", "militants")
    ]


def test_builtin_sets_hold_no_story_specific_framing() -> None:
    """The built-in lexicon frames what any story names (deaths, armed groups, rulers, crowds);
    the sample story's own sets (resistance, occupation, expulsion) come from config."""
    variants = {v for s in BUILTIN for frame in s for v in frame}
    assert {"martyred", "regime", "rioters", "terrorists"} <= variants
    assert not {"resistance forces", "occupation", "expel", "under the pretext of"} & variants


def test_a_loaded_word_inside_a_quotation_is_the_speakers_not_the_outlets() -> None:
    a, b = "the strike killed him", 'the strike "martyred him," his brother said'
    assert "wording" not in [d.kind for d in divergences(a, b, None, None, DivergeSettings())]
    unquoted = "the strike martyred him, his brother said"
    assert "wording" in [d.kind for d in divergences(a, unquoted, None, None, DivergeSettings())]
