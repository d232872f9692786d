"""compare(): typed divergences with exact spans on the sample articles and hand-made pairs.

Passages are built here from the sample articles (the sentence holding a quote), so these
tests do not depend on the loader, the segmenter or the aligner.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from lexicon_fixtures import IRAQ_WORDING
from newscompare.core.diverge.compare import compare, divergences
from newscompare.core.model.settings import DivergeSettings
from newscompare.core.model.story import Article, Comparison, Divergence, Pair, Passage, Story
from newscompare.core.report import to_json

PROJECT = Path(__file__).resolve().parent.parent
_SENTENCE_END = re.compile(r"(?<!U\.S)(?<!\b[A-Z])[.!?][”\"]?\s+|\n")


def _load(path: Path) -> Article:
    raw = path.read_text(encoding="utf-8")
    _, front, body = raw.split("---", 2)
    meta = yaml.safe_load(front) or {}
    date = meta.get("date")
    return Article(
        id=path.stem[:2],
        path=str(path),
        outlet=str(meta.get("outlet", path.stem)),
        title=str(meta.get("title", "")),
        text=body.lstrip("\n"),
        date=str(date) if date else None,
    )


ARTICLES = [_load(p) for p in sorted((PROJECT / "articles").glob("*.md"))]


def sample(quote: str) -> tuple[Article, Passage]:
    """The sentence of a sample article that holds ``quote``, as a passage."""
    for article in ARTICLES:
        i = article.text.find(quote)
        if i < 0:
            continue
        ends = [m.end() for m in _SENTENCE_END.finditer(article.text)]
        start = max([e for e in ends if e <= i] or [0])
        end = min([e for e in ends if e >= i + len(quote)] or [len(article.text)])
        text = article.text[start:end]
        passage = Passage(f"{article.id}:{start}", article.id, "body", start, end, text, 0)
        return article, passage
    raise KeyError(quote)


def run(a: str, b: str, date_a: str | None = None, date_b: str | None = None) -> Comparison:
    article_a = Article("a", "a.md", "A", "", a, date_a)
    article_b = Article("b", "b.md", "B", "", b, date_b)
    pa = Passage("a:1", "a", "body", 0, len(a), a, 1)
    pb = Passage("b:1", "b", "body", 0, len(b), b, 1)
    return compare(Pair("a:1", "b:1", 0.9), pa, pb, article_a, article_b, DivergeSettings())


#: The divergence settings of a researcher of the sample story: its own framing sets added.
STORY_SETTINGS = DivergeSettings(wording=IRAQ_WORDING)


def run_samples(
    quote_a: str, quote_b: str, settings: DivergeSettings = STORY_SETTINGS
) -> tuple[Comparison, Passage, Passage]:
    article_a, pa = sample(quote_a)
    article_b, pb = sample(quote_b)
    comparison = compare(Pair(pa.id, pb.id, 0.9), pa, pb, article_a, article_b, settings)
    return comparison, pa, pb


def kinds(comparison: Comparison) -> list[tuple[str, str, str]]:
    return [(d.kind, d.a, d.b) for d in comparison.divergences]


def assert_spans(c: Comparison, text_a: str, text_b: str) -> None:
    for d in c.divergences:
        assert text_a[d.a_span[0] : d.a_span[1]] == d.a
        assert text_b[d.b_span[0] : d.b_span[1]] == d.b
        assert d.note


# --- the sample articles: each kind, with spans pointing at exactly the differing words ---

SAMPLE_CASES = [
    ("The US has around 2,500 soldiers", "total number of US troops on Iraqi soil at 3,000",
     "number", "around 2,500 soldiers", "3,000"),
    ("the Iraqi parliament approved the plan to expel", "implement the January 1998",
     "date", "January 2018", "January 1998"),
    ("rather intelligence cooperation", "We need information cooperation",
     "quote", "intelligence cooperation", "information cooperation"),
    ("Kirby also stressed the renewal", "Kirby claimed that he was committed",
     "attribution", "Kirby also stressed", "Kirby claimed"),
    ("a U.S. drone strike in January that killed", "the US martyred Lt. Gen.",
     "wording", "killed", "martyred"),
    ("Iraqi militia groups aligned with Iran", "Iraqi hardline factions loyal to Iran",
     "wording", "militia groups", "hardline factions"),
    ("in 2014 under the pretext of fighting ISIS", "coalition combating the Islamic State",
     "wording", "under the pretext of fighting ISIS", "combating the Islamic State"),
]  # fmt: skip

#: Dates a reader cannot check against each other (the samples have no article dates): the
#: dense judged gold counts none of them as a divergence, so none is reported.
UNCHECKABLE_DATES = [
    ("Iraqi lawmakers demanded that U.S. forces withdraw",
     "the Iraqi parliament approved the plan to expel", "January", "January 2018"),
    ("the Iraqi parliament's vote earlier this year",
     "the Iraqi parliament approved the plan to expel", "earlier this year", "January 2018"),
    ("On July 26, Baghdad and Washington agreed", "the Wall Street Journal reported last July",
     "July 26", "last July"),
]  # fmt: skip


@pytest.mark.parametrize(("quote_a", "quote_b", "a", "b"), UNCHECKABLE_DATES)
def test_samples_dates_that_cannot_be_checked_are_not_reported(
    quote_a: str, quote_b: str, a: str, b: str
) -> None:
    comparison, _, _ = run_samples(quote_a, quote_b)
    assert ("date", a, b) not in kinds(comparison)


@pytest.mark.parametrize(("quote_a", "quote_b", "kind", "a", "b"), SAMPLE_CASES)
def test_samples_each_kind(quote_a: str, quote_b: str, kind: str, a: str, b: str) -> None:
    comparison, pa, pb = run_samples(quote_a, quote_b)
    assert (kind, a, b) in kinds(comparison)
    assert_spans(comparison, pa.text, pb.text)


def test_sample_quote_against_unquoted_words() -> None:
    _, pa = sample("rather intelligence cooperation")
    found = divergences(pa.text, "We need air support.", None, None, DivergeSettings())
    assert [(d.kind, d.a, d.b) for d in found] == [("quote", "air cover", "air support")]


def test_sample_relative_date_resolved_against_article_date() -> None:
    c = run(
        "the parliament's vote earlier this year demanding a troop withdrawal",
        "the parliament approved the plan in January 2018.",
        date_a="2020-06-11",
    )
    (d,) = c.divergences
    assert (d.kind, d.a, d.b) == ("date", "earlier this year", "January 2018")
    assert d.note == "earlier this year (≈2020) vs January 2018"


def test_sample_article_date_used_for_implicit_year() -> None:
    article, passage = sample("Biden’s meeting with Iraqi Prime Minister")
    assert article.date == "2021-07-24"
    found = divergences(
        passage.text, "They met on July 26, 2021.", article.date, None, DivergeSettings()
    )
    assert [d.kind for d in found if d.kind == "date"] == []  # that Monday was 26 July 2021


# --- hand-made pairs ---


def test_names_in_the_same_role() -> None:
    c = run(
        "Pentagon spokesman John Kirby said the talks went well.",
        "Pentagon spokesman Ned Price said the talks went well.",
    )
    assert kinds(c) == [("name", "John Kirby", "Ned Price")]


def test_name_spelling_and_partial_names_are_the_same_person() -> None:
    assert (
        run(
            "Prime Minister Mustafa Al-Kadhimi said it.", "Prime Minister Kadhimi said it."
        ).divergences
        == ()
    )
    assert (
        run("Kirby said the US would stay.", "John Kirby said the U.S. would stay.").divergences
        == ()
    )


def test_different_names_in_different_roles_are_not_reported() -> None:
    c = run(
        "Foreign Minister Fouad Hussein met the envoy.", "Defence Minister Juma Inad met the envoy."
    )
    assert [d for d in c.divergences if d.kind == "name"] == []


def test_trimmed_quote() -> None:
    c = run(
        "He said “we will win the war, and soon” on Monday.",
        "He said “we will win the war” on Monday.",
    )
    assert kinds(c) == [("quote", "we will win the war, and soon", "we will win the war")]
    assert "trimmed" in c.divergences[0].note


def test_verbatim_quote_is_quiet() -> None:
    text = "He said “we need information cooperation and air support” on Monday."
    assert run(text, text).divergences == ()


def test_different_counts_in_words_and_digits() -> None:
    c = run("The blast left 24 dead and many wounded.", "The blast left five dead.")
    assert kinds(c) == [("number", "24 dead", "five dead")]
    c = run("Militants carried out dozens of attacks.", "Militants carried out 200 attacks.")
    assert kinds(c) == [("number", "dozens of attacks", "200 attacks")]


def test_every_span_points_into_its_passage() -> None:
    a = (
        "The US has around 2,500 soldiers, Pentagon spokesman John Kirby stressed on "
        "Thursday, after militias killed “two soldiers in an attack” in January 2018."
    )
    b = (
        "Pentagon spokesman Ned Price claimed on Thursday that 3,000 troops stay, after "
        "resistance forces martyred “two soldiers in a raid” in January 1998."
    )
    c = run(a, b)
    assert {d.kind for d in c.divergences} == {
        "number",
        "date",
        "name",
        "quote",
        "attribution",
        "wording",
    }
    assert_spans(c, a, b)


# --- no noise: spelling, punctuation, U.S./US, word order ---

NO_NOISE = [
    ("The U.S. has 2,500 troops in Iraq, officials said.",
     "The US has 2500 troops in Iraq officials said"),
    ("Prime Minister Mustafa Al-Kadhimi said on July 26 that troops would leave.",
     "Prime Minister Mustafa Kadhimi said on July 26 that troops would leave."),
    ("On July 26, Baghdad and Washington agreed that 2,500 U.S. troops would leave.",
     "Baghdad and Washington agreed that 2,500 US troops would leave, on July 26."),
    ("He said: “We need information cooperation, and air support.”",
     "He said: \"we need information co-operation and air support\""),
    ("Kirby said in January 2018 the five soldiers had been emphasised.",
     "In January, 2018 Kirby said the 5 soldiers had been emphasized."),
]  # fmt: skip


@pytest.mark.parametrize(("a", "b"), NO_NOISE)
def test_no_noise_for_spelling_punctuation_and_order(a: str, b: str) -> None:
    found = run(a, b).divergences
    assert [d for d in found if d.kind in ("number", "date", "name", "quote")] == []


# --- relation, word spans, report ---


def test_relation_and_word_spans_in_comparison() -> None:
    a = "US combat troops must leave Iraq by the end of this year."
    c = run(a, "US combat troops must leave Iraq by the end of this year, officials said.")
    assert c.relation == "copied"
    assert [a[w.start : w.end] for w in c.a_words if w.tag == "only"] == []
    assert len(c.a_words) == 12


def test_json_report_carries_divergences() -> None:
    a = "The US has 2,500 soldiers stationed in Iraq as part of the coalition."
    b = "The US has 3,000 soldiers stationed in Iraq as part of the coalition."
    c = run(a, b)
    articles = (Article("a", "a.md", "A", "", a), Article("b", "b.md", "B", "", b))
    passages = (
        Passage("a:1", "a", "body", 0, len(a), a, 1),
        Passage("b:1", "b", "body", 0, len(b), b, 1),
    )
    from newscompare.core.model.story import Alignment, Group

    story = Story(
        articles=articles,
        passages=passages,
        alignment=Alignment(pairs=(c.pair,), groups=(Group("g1", "x", ("a:1", "b:1")),)),
        comparisons=(c,),
    )
    (pair,) = to_json(story)["pairs"]
    assert pair["relation"] == "copied"
    assert pair["divergences"] == [
        {
            "kind": "number",
            "a": "2,500 soldiers",
            "b": "3,000 soldiers",
            "a_span": [11, 25],
            "b_span": [11, 25],
            "note": "2,500 vs 3,000 soldiers",
        }
    ]


def test_divergence_is_a_frozen_value() -> None:
    d = run("24 dead", "five dead").divergences[0]
    assert isinstance(d, Divergence)
    with pytest.raises(AttributeError):
        d.a = "x"  # type: ignore[misc]


# --- regressions from real output: quiet where a reader sees no divergence ---


def test_counts_of_people_doing_different_things_are_not_compared() -> None:
    c = run(
        "Tens of thousands of people took to the streets in a nationwide strike.",
        "Three people died when a bank went up in flames as tens of thousands marched.",
    )
    assert [d for d in c.divergences if d.kind == "number"] == []
    c = run("24 people were killed in the blast.", "Five people died in the blast.")
    assert kinds(c) == [("number", "24 people", "Five people")]


def test_figure_without_noun_is_not_compared_across_orders_of_magnitude() -> None:
    c = run(
        "since agreeing a 110 billion debt bailout at the weekend.",
        "An estimated 100,000 people took to the streets.",
    )
    assert c.divergences == ()


def test_quote_differing_only_in_an_article_is_not_trimmed() -> None:
    c = run(
        'The prime minister condemned "a raw murderous act".',
        'The prime minister said it was a "raw murderous act".',
    )
    assert [d for d in c.divergences if d.kind == "quote"] == []


def test_unbalanced_change_at_the_end_of_a_quote_is_not_an_alteration() -> None:
    c = run(
        "He said Iraq “does not need fighters, but military training and air cover.”",
        "We need help in training the forces.",
    )
    assert [d for d in c.divergences if d.kind == "quote"] == []


def test_spans_never_start_or_end_with_whitespace() -> None:
    c = run(
        "since agreeing an € 110 billion bailout and 2,500 soldiers",
        "since agreeing an € 120 billion bailout and 3,000 soldiers",
    )
    assert c.divergences
    for d in c.divergences:
        assert d.a == d.a.strip() and d.b == d.b.strip()


def test_places_after_the_same_verb() -> None:
    c = run("The delegations met in Baghdad on Monday.", "The delegations met in Erbil on Monday.")
    assert kinds(c) == [("name", "Baghdad", "Erbil")]
    c = run("US soldiers stationed in Iraq.", "US soldiers stationed in Iraq and Syria.")
    assert [d for d in c.divergences if d.kind == "name"] == []


def test_times_that_differ() -> None:
    c = run("The blast happened at 8:30 p.m. on Monday.", "The blast happened at 9 pm on Monday.")
    assert kinds(c) == [("date", "8:30 p.m.", "9 pm")]


def test_headlines_in_title_case_give_no_names() -> None:
    c = run(
        "Prime Minister George Papandreou said the deaths were murder.",
        "Greek Prime Minister Calls Bank Workers' Riot Deaths Murder",
    )
    assert [d for d in c.divergences if d.kind == "name"] == []


def test_a_body_after_of_is_not_the_speaker() -> None:
    c = run("Kirby said the talks continue.", "An official of the Defense Ministry said so.")
    assert [d for d in c.divergences if d.kind == "name"] == []


@pytest.mark.parametrize(
    ("a", "b", "date_a"),
    [
        ("", "", None),
        ("", "The US has 2,500 soldiers.", "2020-06-11"),
        ("“", "”", "not a date"),
        ("سلام 2,500 جنود", "Straße İstanbul 3,000 soldiers", "2020-02-29"),
        ("“unclosed quote of 24 dead", "24 dead” and 5,", None),
    ],
)
def test_odd_input_never_breaks_the_span_invariant(a: str, b: str, date_a: str | None) -> None:
    c = run(a, b, date_a=date_a)
    assert_spans(c, a, b)
    assert all(a[w.start : w.end] for w in c.a_words)


def test_pathological_text_finishes() -> None:
    """Hyphen chains and long words once made the name and date patterns backtrack for minutes."""
    for text in ("Aa-Bb-" * 300, "A" * 3000, "one two " * 500, "Ab Cd, " * 500):
        c = run(text, text[::-1] + " x", date_a="2020-01-01")
        assert_spans(c, text, text[::-1] + " x")


#: Sample divergences the general built-in lexicon finds on its own (measured 2026-12-02: 10
#: before dates that cannot be checked, four of the sparse gold's, stopped being reported).
GENERAL_LEXICON_FINDS = 6


def test_sample_gold_divergences_found_when_the_pairs_are_aligned() -> None:
    """The older sparse gold (kept for continuity), measured on the gold pairs themselves, so
    that what the aligner misses does not hide what the divergence engine misses. Matching as
    the scorer. Its target was 12 of 14; four of them are dates nobody can check without the
    articles' dates ("January" vs "January 2018"), which the dense judged gold does not count
    and the engine no longer reports."""

    def fold(s: str) -> str:
        s = s.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
        return " ".join(s.split()).lower()

    gold = yaml.safe_load((PROJECT / "tests/data/gold/seeds/gold.yaml").read_text("utf-8"))
    found = total = 0
    for entry in gold["pairs"]:
        if not entry.get("diverge"):
            continue
        comparison, _, _ = run_samples(entry["a"], entry["b"])
        for x, y in entry["diverge"].values():
            total += 1
            found += any(
                (fold(x) in fold(d.a) and fold(y) in fold(d.b))
                or (fold(x) in fold(d.b) and fold(y) in fold(d.a))
                for d in comparison.divergences
            )
    assert total == 14
    assert found >= 10  # with the story's own framing sets, as a researcher would add them
    general = sum(
        any(
            (fold(x) in fold(d.a) and fold(y) in fold(d.b))
            or (fold(x) in fold(d.b) and fold(y) in fold(d.a))
            for d in run_samples(entry["a"], entry["b"], DivergeSettings())[0].divergences
        )
        for entry in gold["pairs"]
        if entry.get("diverge")
        for x, y in entry["diverge"].values()
    )
    assert general >= GENERAL_LEXICON_FINDS  # the general built-in lexicon alone


def test_one_statement_quoted_in_other_words_is_a_reworded_quote() -> None:
    """Two translations of one speech: most words shared, some not, no single stretch edited."""
    c = run(
        '"The future of Europe and the future of Germany within Europe is at stake," she said.',
        '"Nothing less than the future of Europe, and with that the future of Germany in '
        'Europe, is at stake," Merkel said.',
    )
    ((_, a, b),) = [k for k in kinds(c) if k[0] == "quote"]
    assert a.startswith("The future of Europe") and b.startswith("Nothing less than")
    assert "reworded" in next(d.note for d in c.divergences if d.kind == "quote")


def test_two_statements_on_one_topic_are_not_a_reworded_quote() -> None:
    c = run(
        'An official said "for years there have been strikes in this country without consequence."',
        'He said "the country cannot surrender without a fight."',
    )
    assert [k for k in kinds(c) if k[0] == "quote"] == []
