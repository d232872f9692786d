"""Attribution: stated flatly or credited to a source, which source, with what stance."""

from __future__ import annotations

import pytest

from newscompare.core.diverge.attribution import attribution_differences, source_differences
from newscompare.core.facts.attribution import credits
from newscompare.core.lexicons.load import lexicon


def cues(text: str) -> list[tuple[str, tuple[str, ...], str]]:
    return [(text[c.start : c.end], c.source, c.stance) for c in credits(text)]


@pytest.mark.parametrize(
    ("text", "cue", "source", "stance"),
    [
        ("Police said three people died.", "Police said", ("police",), "neutral"),
        ("Three people died, police said.", "police said", ("police",), "neutral"),
        ('"We will stay," said the defence minister.', "said the defence minister",
         ("defense", "minister"), "neutral"),
        ("Lohan checked in, a source tells The Associated Press.",
         "a source tells The Associated Press", ("source",), "neutral"),
        ("Heller told a judge that she left.", "Heller told a judge", ("heller",), "neutral"),
        ("According to Texas authorities, he stabbed his wife.", "According to Texas authorities",
         ("texas", "authority"), "neutral"),
        ("He allegedly produced a weapon.", "allegedly", (), "distancing"),
        ("It was unclear if the dead were customers.", "It was unclear", (), "distancing"),
        ("The minister claimed the troops had left.", "The minister claimed", ("minister",),
         "distancing"),
        ("Her rep confirms the stay.", "Her rep confirms", ("rep",), "factive"),
        ("Her rep confirms to PEOPLE.", "Her rep confirms to PEOPLE", ("rep",), "factive"),
        ("The ministry denied the report.", "The ministry denied", ("ministry",), "denying"),
        ("Cops: Three dead in bank blaze", "Cops", ("cop",), "neutral"),
        ("Merkel urged parliament to pass it.", "Merkel urged", ("merkel",), "emphatic"),
    ],
)  # fmt: skip
def test_cues_with_source_and_stance(
    text: str, cue: str, source: tuple[str, ...], stance: str
) -> None:
    assert cues(text)[0] == (cue, source, stance)


@pytest.mark.parametrize(
    "text",
    [
        "Three killed in Greek bank fire",
        "He declined to say where she is.",  # an infinitive, not a report
        "The Marshals have added him to their list.",  # "added" before a noun
        "He was told to leave.",  # a passive
        "The report on the fire was published.",  # a noun
        "Nobody said anything.",  # negated
    ],
)
def test_not_cues(text: str) -> None:
    assert cues(text) == []


def test_flat_against_credited_marks_the_shared_fact_and_the_cue() -> None:
    flat = "Three killed as protesters set fire to an Athens bank"
    credited = "Police said three bank workers were killed when the bank was set alight."
    ((span_a, span_b, note),) = attribution_differences(flat, credited)
    assert flat[span_a[0] : span_a[1]] == flat  # a headline-length claim is marked whole
    assert credited[span_b[0] : span_b[1]] == "Police said"
    assert "stated flatly" in note


def test_long_flat_sentence_marks_the_clause_of_the_shared_fact() -> None:
    flat = (
        "In a statement issued late on Monday evening after a long meeting of the cabinet, "
        "the government announced the closure of all schools until the end of the month."
    )
    credited = "Officials said schools would close until the end of the month."
    ((span_a, _, _),) = attribution_differences(flat, credited)
    assert flat[span_a[0] : span_a[1]] == (
        "the government announced the closure of all schools until the end of the month"
    )


def test_nothing_shared_no_difference() -> None:
    assert attribution_differences("Markets fell sharply", "Police said three died.") == []


def test_quoted_words_are_not_a_flat_statement() -> None:
    assert attribution_differences('"We need air support."', "He said they need air support.") == []


def test_stance_and_source_differences() -> None:
    said, claimed = "Kirby said the troops left.", "Kirby claimed the troops left."
    ((a, b, note),) = attribution_differences(said, claimed)
    assert (said[a[0] : a[1]], claimed[b[0] : b[1]]) == ("Kirby said", "Kirby claimed")
    assert "distancing" in note
    # said and stressed pass the claim on; confirmed accepts it as true (Bell): a difference
    assert attribution_differences(said, "Kirby stressed the troops left.") == []
    ((_, b, note),) = attribution_differences(said, "Kirby confirmed the troops left.")
    assert "factive" in note
    # another source with the same stance is not a difference of stance
    assert attribution_differences(said, "The Pentagon said the troops left.") == []


def test_reporting_lexicon_names_its_source() -> None:
    data = lexicon("reporting")
    assert set(data["verbs"]) == {"neutral", "factive", "emphatic", "distancing", "denying"}
    assert all(isinstance(w, str) for ws in data["verbs"].values() for w in ws)


def test_one_word_in_common_is_a_topic_not_a_shared_fact() -> None:
    assert attribution_differences("Markets in Athens fell", "Police said Athens was calm.") == []
    assert attribution_differences("Markets in Athens fell", "Police said markets in Athens fell.")


def test_a_confirming_source_vouches_like_a_flat_statement() -> None:
    """Bell's factive verbs: the outlet accepts the claim as true, so against a flat account
    there is no change of stance; a distancing verb against the same flat account is one."""
    flat = "Lohan checks into Betty Ford clinic"
    assert attribution_differences(flat, "Lohan checked into Betty Ford, her rep confirms.") == []
    (found,) = attribution_differences(flat, "Lohan checked into Betty Ford, her rep claims.")
    assert "claims" in "Lohan checked into Betty Ford, her rep claims."[found[1][0] : found[1][1]]


def test_a_quotation_cut_by_the_sentence_splitter_is_not_a_flat_statement() -> None:
    """The opening quote mark never closes in the passage: the rest is the speaker's words."""
    quoted = '"And she showed up at Morningside Recovery in the morning and hated it.'
    credited = "Lohan checked into Morningside Recovery in the morning, her father said."
    assert attribution_differences(quoted, credited) == []
    flat = "She showed up at Morningside Recovery in the morning and hated it."
    assert attribution_differences(flat, credited) != []


def test_event_words_of_one_event_are_one_shared_fact() -> None:
    """'die' and 'killed' name one fact of deaths (events.yaml), so with 'three' the flat
    headline and the credited sentence share two content words."""
    flat = "Three die in bank during riots"
    credited = "Police said three people were killed in the attack."
    ((span_a, span_b, _),) = attribution_differences(flat, credited)
    assert flat[span_a[0] : span_a[1]] == flat
    assert credited[span_b[0] : span_b[1]] == "Police said"


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ('"Murder is quite another thing!" Prime Minister Papandreou thundered.',
         "Prime Minister Papandreou thundered"),
        ('"We will win," he quipped.', "he quipped"),
    ],
)  # fmt: skip
def test_a_speaker_after_a_quotation_credits_it_whatever_the_verb(text: str, cue: str) -> None:
    assert [text[c.start : c.end] for c in credits(text)] == [cue]


def test_a_quoted_phrase_inside_a_sentence_has_no_speaker() -> None:
    assert credits('The "new phase" began Monday.') == ()


_POLICE = "Police said two women and one man died at a branch of the bank which caught fire."
_BRIGADE = "The fire brigade said the bodies were found in the wreckage of the bank branch."


def test_one_claim_from_two_different_sources_with_one_verb_is_a_source_difference() -> None:
    found = source_differences(_POLICE, _BRIGADE)
    assert [(_POLICE[a[0] : a[1]], _BRIGADE[b[0] : b[1]]) for a, b, _ in found] == [
        ("Police said", "The fire brigade said")
    ]
    assert attribution_differences(_POLICE, _BRIGADE) == []  # one stance: no attribution


@pytest.mark.parametrize(
    ("text_a", "text_b"),
    [
        # Sources in different roles: a media outlet's report against an official's word.
        (_POLICE, "The Associated Press writes that the bodies were found in the bank branch."),
        # The same body twice ("police" and "the police spokesman").
        (_POLICE, "A police spokesman said the bodies were found in the bank branch."),
        # Nobody in particular on one side.
        (_POLICE, "Officials said the bodies were found in the bank branch."),
        # The other source is named in the passage: perhaps the same body said twice.
        (_POLICE, "The fire brigade said the bodies, police confirmed, were in the bank branch."),
        # No fact in common: two claims, not one claim from two sources.
        (_POLICE, "The fire brigade said the march would go on tomorrow."),
    ],
)
def test_sources_in_other_roles_or_without_a_shared_fact_are_no_source_difference(
    text_a: str, text_b: str
) -> None:
    assert source_differences(text_a, text_b) == []


def test_a_source_difference_is_a_name_divergence_once() -> None:
    from newscompare.core.diverge.compare import divergences
    from newscompare.core.model.settings import DivergeSettings

    kinds = [d.kind for d in divergences(_POLICE, _BRIGADE, None, None, DivergeSettings())]
    assert kinds == ["name"]
    named = "Kirby said the troops would leave Iraq by December."
    other = "Price said the troops would leave Iraq by December."
    found = divergences(named, other, None, None, DivergeSettings())
    assert [d.kind for d in found] == ["name"]  # the speaker, not a second source difference
