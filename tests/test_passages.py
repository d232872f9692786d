"""segment(): offsets, paragraphs, kinds on real articles, ids, settings and limits."""

from __future__ import annotations

import itertools
import re
import textwrap
from pathlib import Path

import pytest
import yaml

from newscompare.core.model.settings import SegmentSettings
from newscompare.core.model.story import Article, Passage
from newscompare.core.passages.segment import segment, split_paragraphs

PROJECT = Path(__file__).resolve().parent.parent
SAMPLES = PROJECT / "articles"
GOLD = PROJECT / "tests" / "data" / "gold"
ECB_TOPICS = sorted((GOLD / "ecbplus-dev").glob("topic*"))
DEFAULT = SegmentSettings()


def _article(path: Path) -> Article:
    """A sample file as an Article: front matter stripped by hand, so these tests do not
    depend on the loader."""
    raw = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    meta: dict[str, object] = {}
    if raw.startswith("---\n"):
        end = raw.index("\n---\n", 4)
        meta = yaml.safe_load(raw[4:end]) or {}
        raw = raw[end + 5 :]
    return Article(
        id=path.stem,
        path=str(path),
        outlet=str(meta.get("outlet") or path.stem),
        title=str(meta.get("title") or ""),
        text=raw,
    )


def _articles(folder: Path) -> list[Article]:
    return [_article(p) for p in sorted(folder.iterdir()) if p.suffix in {".md", ".txt"}]


def _norm(text: str) -> str:
    """The scorer's normalisation: folded quotes, collapsed spaces, lower case."""
    for curly, plain in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"')):
        text = text.replace(curly, plain)
    return re.sub(r"\s+", " ", text).strip().lower()


def _holding(passages: list[Passage], quote: str) -> list[Passage]:
    wanted = _norm(quote)
    return [p for p in passages if wanted in _norm(p.text)]


ALL_FOLDERS = [SAMPLES, *(topic / "articles" for topic in ECB_TOPICS)]
ALL_ARTICLES = [a for folder in ALL_FOLDERS for a in _articles(folder)]


def test_the_data_is_there() -> None:
    assert len(ECB_TOPICS) == 3
    assert len(ALL_ARTICLES) >= 20


def _check_invariants(article: Article, passages: tuple[Passage, ...]) -> None:
    assert passages, article.id
    for n, p in enumerate(passages, 1):
        assert p.id == f"{article.id}:{n}"
        assert p.article == article.id
        assert article.text[p.start : p.end] == p.text
        assert p.text == p.text.strip() and p.text
        assert len(p.text) <= 1000
    starts = [p.start for p in passages]
    assert starts == sorted(starts)
    for before, after in itertools.pairwise(passages):
        assert before.end <= after.start
        assert before.paragraph <= after.paragraph
    assert passages[0].paragraph == 0


@pytest.mark.parametrize("article", ALL_ARTICLES, ids=lambda a: a.id)
def test_offsets_ids_and_order_on_real_articles(article: Article) -> None:
    passages = segment(article, DEFAULT)
    _check_invariants(article, passages)
    # Nothing but whitespace falls between passages: content is never dropped.
    covered = "".join(p.text for p in passages)
    assert re.sub(r"\s+", "", covered) == re.sub(r"\s+", "", article.text)


@pytest.mark.parametrize("article", ALL_ARTICLES, ids=lambda a: a.id)
def test_segmenting_is_stable(article: Article) -> None:
    assert segment(article, DEFAULT) == segment(article, DEFAULT)


def test_tricky_text_keeps_exact_offsets() -> None:
    text = (
        "\n\n  \t“Is this it?” she asked.   “No.”\u00a0He left…  \n"
        "\n\n"
        "Lt. Gen. A. B. Smith said 2,500.5 troops (approx.) stay; the U.S. disagrees.\n"
        "   \n"
        "Ünïcödé ‘quotes’ — and dashes – work.\t\n"
        "."
    )
    article = Article(id="t", path="t", outlet="t", title="", text=text)
    passages = segment(article, DEFAULT)
    _check_invariants(article, passages)
    body = [p.text for p in passages if p.kind == "body"]
    assert "“Is this it?” she asked." in body
    assert "Ünïcödé ‘quotes’ — and dashes – work." in body
    assert passages[-1].text == "." and passages[-1].kind == "boilerplate"


def test_empty_and_blank_articles_have_no_passages() -> None:
    for text in ("", "\n\n  \n"):
        article = Article(id="e", path="e", outlet="e", title="", text=text)
        assert segment(article, DEFAULT) == ()


def test_paragraph_index_counts_lines_and_blocks() -> None:
    text = "First one. Second one.\nThird one.\n\nFourth one.\n"
    article = Article(id="p", path="p", outlet="p", title="", text=text)
    assert [(p.text, p.paragraph) for p in segment(article, DEFAULT)] == [
        ("First one.", 0),
        ("Second one.", 0),
        ("Third one.", 1),
        ("Fourth one.", 2),
    ]


def _unwrapped_sample_paragraphs(name: str) -> list[str]:
    text = _article(SAMPLES / name).text
    return [text[s:e] for s, e in split_paragraphs(text)]


@pytest.mark.parametrize("width", [60, 72, 80])
@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.md")))
def test_hard_wrapped_paragraphs_are_joined(name: str, width: int) -> None:
    paragraphs = _unwrapped_sample_paragraphs(name)
    wrapped = "\n\n".join(textwrap.fill(p, width, break_on_hyphens=False) for p in paragraphs)
    found = [wrapped[s:e] for s, e in split_paragraphs(wrapped)]
    assert [" ".join(p.split()) for p in found] == [" ".join(p.split()) for p in paragraphs]


def test_wrapped_text_gives_the_same_sentences_as_unwrapped() -> None:
    original = _article(SAMPLES / "03-asharq-al-awsat.md")
    paragraphs = [original.text[s:e] for s, e in split_paragraphs(original.text)]
    wrapped = "\n\n".join(textwrap.fill(p, 70, break_on_hyphens=False) for p in paragraphs)
    rewrapped = Article(id="w", path="w", outlet="w", title=original.title, text=wrapped)
    before = [(p.kind, " ".join(p.text.split())) for p in segment(original, DEFAULT)]
    after = [(p.kind, " ".join(p.text.split())) for p in segment(rewrapped, DEFAULT)]
    assert after == before


def test_one_sentence_per_line_is_not_joined() -> None:
    for topic in ECB_TOPICS:
        for article in _articles(topic / "articles"):
            lines = [line for line in article.text.splitlines() if line.strip()]
            assert len(split_paragraphs(article.text)) == len(lines), article.id


def test_blank_line_and_line_per_paragraph_layouts_agree() -> None:
    article = _article(SAMPLES / "05-pentagon-negotiations-continue.md")
    lines = [line for line in article.text.splitlines() if line.strip()]
    compact = Article(id="c", path="c", outlet="c", title=article.title, text="\n".join(lines))
    spaced = Article(id="c", path="c", outlet="c", title=article.title, text="\n\n".join(lines))
    assert [(p.kind, p.text) for p in segment(compact, DEFAULT)] == [
        (p.kind, p.text) for p in segment(spaced, DEFAULT)
    ]


def _story_passages(folder: Path) -> list[Passage]:
    return [p for a in _articles(folder) for p in segment(a, DEFAULT)]


def test_gold_boilerplate_is_boilerplate_on_the_seeds() -> None:
    gold = yaml.safe_load((GOLD / "seeds" / "gold.yaml").read_text(encoding="utf-8"))
    passages = _story_passages(SAMPLES)
    assert len(gold["boilerplate"]) == 17
    for quote in gold["boilerplate"]:
        holders = _holding(passages, quote)
        assert holders, quote
        assert all(p.kind == "boilerplate" for p in holders), quote


@pytest.mark.parametrize("gold_dir", [GOLD / "seeds", *ECB_TOPICS], ids=lambda d: d.name)
def test_gold_quotes_stay_content(gold_dir: Path) -> None:
    gold = yaml.safe_load((gold_dir / "gold.yaml").read_text(encoding="utf-8"))
    folder = SAMPLES if gold_dir.name == "seeds" else gold_dir / "articles"
    content = [p for p in _story_passages(folder) if p.kind in {"title", "body"}]
    quotes = {pair[side] for pair in gold["pairs"] for side in ("a", "b")}
    lost = sorted(q for q in quotes if not _holding(content, q))
    assert lost == []


@pytest.mark.parametrize(
    ("name", "start", "kind"),
    [
        ("01-rudaw.md", "US army paratroopers deployed from Pope Army Airfield", "caption"),
        ("01-rudaw.md", "Reporting by Didar Abdalrahman", "caption"),
        ("01-rudaw.md", "ERBIL, Kurdistan Region - Iraq’s foreign ministry", "body"),
        ("02-us-iraq-announce-continued-withdrawal.md", "US troops stand to attention", "caption"),
        ("02-us-iraq-announce-continued-withdrawal.md", "With reporting by AFP", "caption"),
        ("02-us-iraq-announce-continued-withdrawal.md", "US, Iraq Announce Commitment", "title"),
        ("02-us-iraq-announce-continued-withdrawal.md", "XS", "boilerplate"),
        ("03-asharq-al-awsat.md", "US soldiers wearing protective masks", "caption"),
        ("03-asharq-al-awsat.md", "Saturday, 24 July, 2021 - 08:30", "caption"),
        ("04-pakistan-news-network.md", "25.9 C", "boilerplate"),
        ("04-pakistan-news-network.md", "Friday, September 20, 2024", "boilerplate"),
        ("04-pakistan-news-network.md", "Associated Press: Baghdad and Washington", "title"),
        ("04-pakistan-news-network.md", "PNN – An American media", "body"),
        ("05-pentagon-negotiations-continue.md", "Pentagon: Negotiations with Iraq", "title"),
        ("05-pentagon-negotiations-continue.md", "“We need information cooperation,”", "body"),
        ("05-pentagon-negotiations-continue.md", "We need air support.", "body"),
        ("05-pentagon-negotiations-continue.md", "It may take years.", "body"),
    ],
)
def test_kinds_on_the_samples(name: str, start: str, kind: str) -> None:
    passages = segment(_article(SAMPLES / name), DEFAULT)
    found = [p for p in passages if p.text.startswith(start)]
    assert found, start
    assert {p.kind for p in found} == {kind}


def test_repeated_headline_is_boilerplate() -> None:
    article = _article(SAMPLES / "03-asharq-al-awsat.md")
    headlines = [p for p in segment(article, DEFAULT) if _norm(p.text) == _norm(article.title)]
    assert [p.kind for p in headlines] == ["title", "boilerplate"]


def test_one_title_per_article_and_ecb_headlines_found() -> None:
    for topic in ECB_TOPICS:
        for article in _articles(topic / "articles"):
            titles = [p for p in segment(article, DEFAULT) if p.kind == "title"]
            assert len(titles) == 1, article.id
            assert "\n" not in titles[0].text
            assert not titles[0].text.endswith(".")


def test_title_from_metadata_even_when_not_first() -> None:
    text = "Home\nWorld\nTalks Continue In Baghdad\nOfficials met on Thursday, the ministry said."
    article = Article(id="m", path="m", outlet="m", title="talks continue in baghdad", text=text)
    assert [p.kind for p in segment(article, DEFAULT)] == [
        "boilerplate",
        "boilerplate",
        "title",
        "body",
    ]


def test_user_patterns_from_settings() -> None:
    text = (
        "Officials met on Thursday.\nSponsored content from our partners\n"
        "Illustration: Jane Doe\nThey agreed on a plan.\nLive updates every hour."
    )
    article = Article(id="u", path="u", outlet="u", title="", text=text)
    settings = SegmentSettings(
        boilerplate_patterns=(r"sponsored content.*", r"live updates .*"),
        caption_patterns=(r"illustration: .*",),
    )
    assert [p.kind for p in segment(article, settings)] == [
        "body",
        "boilerplate",
        "caption",
        "body",
        "boilerplate",
    ]
    assert [p.kind for p in segment(article, DEFAULT)][-1] == "body"


def test_invalid_user_pattern_is_refused_when_settings_are_made() -> None:
    with pytest.raises(ValueError, match=r"boilerplate_patterns.*'\[unclosed'"):
        SegmentSettings(boilerplate_patterns=("[unclosed",))


def test_long_sentences_are_cut_under_the_limit() -> None:
    clause = "the delegation discussed the schedule for the withdrawal of the remaining forces"
    sentence = ", ".join([clause] * 30) + "."
    article = Article(id="l", path="l", outlet="l", title="", text=sentence)
    passages = segment(article, DEFAULT)
    assert len(passages) > 1
    assert all(len(p.text) <= 600 for p in passages)
    assert all(p.kind == "body" and p.paragraph == 0 for p in passages)
    loose = segment(article, SegmentSettings(max_sentence_chars=5000))
    assert all(len(p.text) <= 1000 for p in loose)
    assert len(loose) < len(passages)


def test_markdown_markers_are_left_out_of_passages() -> None:
    text = (
        "# Talks Stall In Baghdad\n\n"
        "Officials met on Thursday.\n\n"
        "> “We will return,” the envoy said.\n\n"
        "- The next round is in June.\n"
        "* Both sides agreed.\n\n"
        "---\n"
    )
    article = Article(id="md", path="md", outlet="md", title="Talks stall in Baghdad", text=text)
    passages = segment(article, DEFAULT)
    _check_invariants(article, passages)
    assert [(p.kind, p.text) for p in passages] == [
        ("title", "Talks Stall In Baghdad"),
        ("body", "Officials met on Thursday."),
        ("body", "“We will return,” the envoy said."),
        ("body", "The next round is in June."),
        ("body", "Both sides agreed."),
        ("boilerplate", "---"),
    ]


def test_comment_policy_inside_a_one_line_page_is_boilerplate_by_sentence() -> None:
    text = (
        "Talks stall in Baghdad. The ministry said talks would resume in June. "
        "Rudaw moderates all comments submitted on our website. "
        "Comments that do not meet our guidelines will be rejected."
    )
    article = Article(id="one", path="one", outlet="one", title="", text=text)
    kinds = [(p.kind, p.text[:20]) for p in segment(article, DEFAULT)]
    assert kinds == [
        ("body", "Talks stall in Baghd"),
        ("body", "The ministry said ta"),
        ("boilerplate", "Rudaw moderates all "),
        ("boilerplate", "Comments that do not"),
    ]


def test_long_paragraph_mentioning_comments_stays_news() -> None:
    sentence = (
        "We approved the plan after community talks and our comments were heard, "
        "the head of the village council explained to reporters on Thursday. "
    )
    article = Article(id="n", path="n", outlet="n", title="", text=sentence * 8)
    assert {p.kind for p in segment(article, DEFAULT)} == {"body"}


def test_bad_caption_pattern_is_refused_and_good_ones_pass() -> None:
    SegmentSettings(caption_patterns=(r"photo: .*",))
    with pytest.raises(ValueError, match=r"caption_patterns.*'\(photo'"):
        SegmentSettings(caption_patterns=("(photo",))


def test_ids_are_unique_across_a_story() -> None:
    ids = [p.id for a in ALL_ARTICLES for p in segment(a, DEFAULT)]
    assert len(ids) == len(set(ids)) > 300


def test_ecb_sentences_match_the_corpus_segmentation() -> None:
    """ECB+ gives one sentence per line: our splitter neither splits nor joins any of them."""
    for topic in ECB_TOPICS:
        for article in _articles(topic / "articles"):
            lines = [line.strip() for line in article.text.splitlines() if line.strip()]
            assert [p.text for p in segment(article, DEFAULT)] == lines, article.id


def test_stray_carriage_returns_do_not_break_offsets() -> None:
    text = "Talks stall in Baghdad\r\n\r\nOfficials met on Thursday.\r\nThey agreed to meet.\r"
    article = Article(id="cr", path="cr", outlet="cr", title="", text=text)
    passages = segment(article, DEFAULT)
    _check_invariants(article, passages)
    assert [p.text for p in passages] == [
        "Talks stall in Baghdad",
        "Officials met on Thursday.",
        "They agreed to meet.",
    ]
