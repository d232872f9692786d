"""Re-anchoring saved annotations to the passages of a new run, and orphans."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from msgspec.structs import replace as replace_record

from newscompare.core.annotations.anchoring import anchor, locate, on_pair
from newscompare.core.annotations.records import (
    Annotation,
    new_annotation,
    passage_ref,
    record_for_pair,
)
from newscompare.core.annotations.store import AnnotationStore
from newscompare.core.model.errors import UserError
from newscompare.core.model.story import Article, Passage
from test_annotations import article

RUDAW = (
    "Iraq's foreign ministry said on Thursday it reached an agreement with Washington on the "
    "withdrawal of American troops. The announcement was delayed because of recent "
    "developments in the region.\n\n"
    "The US has around 2,500 soldiers stationed in Iraq as part of a global coalition. "
    "Iraqi militia groups aligned with Iran have repeatedly called for the withdrawal.\n\n"
    "Reporting by Didar Abdalrahman and Diyar Kurda."
)
RFERL = (
    "The United States pledged to continue a withdrawal of its troops from Iraq, the two "
    "countries said in a joint statement.\n\n"
    "About 3,000 US soldiers remain in Iraq, where they train local forces. Lawmakers had "
    "demanded that the forces leave.\n\n"
    "The dialogue was held via teleconference."
)


def sentences(art: Article) -> tuple[Passage, ...]:
    """A simple sentence segmenter (the tests' own, so the project's can change freely)."""
    out: list[Passage] = []
    for paragraph, block in enumerate(re.finditer(r"[^\n]+", art.text)):
        for m in re.finditer(r"[^.!?]+[.!?]*", block.group()):
            lead = len(m.group()) - len(m.group().lstrip())
            start, end = block.start() + m.start() + lead, block.start() + m.end()
            if end > start:
                out.append(
                    Passage(
                        f"{art.id}:{len(out) + 1}",
                        art.id,
                        "body",
                        start,
                        end,
                        art.text[start:end],
                        paragraph,
                    )
                )
    return tuple(out)


def paragraphs(art: Article) -> tuple[Passage, ...]:
    """A coarser segmentation: one passage per paragraph (segmentation changed)."""
    return tuple(
        Passage(f"{art.id}:{n}", art.id, "body", m.start(), m.end(), m.group(), n - 1)
        for n, m in enumerate(re.finditer(r"[^\n]+", art.text), 1)
    )


def story(*arts: Article, segmenter=sentences) -> tuple[list[Article], list[Passage]]:  # type: ignore[no-untyped-def]
    return list(arts), [p for a in arts for p in segmenter(a)]


def passage_with(passages: list[Passage], words: str) -> Passage:
    return next(p for p in passages if words in p.text)


def note_on(passages: list[Passage], arts: list[Article], words_a: str, words_b: str) -> Annotation:
    by_id = {a.id: a for a in arts}
    pa, pb = passage_with(passages, words_a), passage_with(passages, words_b)
    return new_annotation(
        "note",
        passage_ref(by_id[pa.article], pa),
        passage_ref(by_id[pb.article], pb),
        "contradicts",
        "2,500 vs 3,000",
    )


def test_unchanged_articles_anchor_exactly() -> None:
    arts, passages = story(article("rudaw", RUDAW), article("rferl", RFERL))
    rec = note_on(passages, arts, "2,500 soldiers", "3,000 US soldiers")
    anchored, orphans = anchor([rec], arts, passages)
    assert orphans == ()
    assert [(x.a, x.b, x.score) for x in anchored] == [("rudaw:3", "rferl:2", 1.0)]


def test_reanchors_after_an_edit_that_shifts_and_changes_the_sentence() -> None:
    arts, passages = story(article("rudaw", RUDAW), article("rferl", RFERL))
    rec = note_on(passages, arts, "2,500 soldiers", "3,000 US soldiers")
    edited = RUDAW.replace(
        "The US has around 2,500 soldiers stationed in Iraq as part of a global coalition.",
        "A correction was added. The US has about 2,500 troops stationed in Iraq as part of "
        "the global coalition.",
    )
    arts2, passages2 = story(article("rudaw", edited), article("rferl", RFERL))
    anchored, orphans = anchor([rec], arts2, passages2)
    assert orphans == ()
    (found,) = anchored
    by_id = {p.id: p for p in passages2}
    assert by_id[found.a].text.startswith("The US has about 2,500 troops")
    assert found.a == "rudaw:4"  # ids shifted by the inserted sentence
    assert found.b == "rferl:2"
    assert 0.85 <= found.score < 1.0


def test_reanchors_when_segmentation_merges_sentences() -> None:
    arts, passages = story(article("rudaw", RUDAW), article("rferl", RFERL))
    rec = note_on(passages, arts, "2,500 soldiers", "3,000 US soldiers")
    arts2, passages2 = story(*arts, segmenter=paragraphs)
    anchored, orphans = anchor([rec], arts2, passages2)
    assert orphans == ()
    assert [(x.a, x.b, x.score) for x in anchored] == [("rudaw:2", "rferl:2", 1.0)]


def test_reanchors_when_segmentation_merges_and_the_text_was_edited() -> None:
    arts, passages = story(article("rudaw", RUDAW), article("rferl", RFERL))
    rec = note_on(passages, arts, "2,500 soldiers", "3,000 US soldiers")
    edited = RUDAW.replace("around 2,500 soldiers", "roughly 2,500 soldiers")
    arts2, passages2 = story(
        article("rudaw", edited), article("rferl", RFERL), segmenter=paragraphs
    )
    (found,), orphans = anchor([rec], arts2, passages2)
    assert orphans == () and (found.a, found.b) == ("rudaw:2", "rferl:2")
    assert found.score < 1.0


def test_reanchors_when_segmentation_splits_the_passage() -> None:
    arts, passages = story(article("rudaw", RUDAW), article("rferl", RFERL), segmenter=paragraphs)
    rec = note_on(passages, arts, "2,500 soldiers", "3,000 US soldiers")
    # Made on whole paragraphs, now re-anchored to sentences, and lightly edited too.
    edited = RUDAW.replace("Iraqi militia groups", "Militia groups")
    arts2, passages2 = story(article("rudaw", edited), article("rferl", RFERL))
    (found,), orphans = anchor([rec], arts2, passages2)
    assert orphans == ()
    # Each side goes to the sentence holding the larger part of the old paragraph.
    assert (found.a, found.b) == ("rudaw:3", "rferl:2")
    assert 0.85 <= found.score < 1.0


def test_repeated_sentence_anchors_to_the_nearest_copy() -> None:
    text = "Officials said nothing. Troops left the base.\n\nOfficials said nothing."
    arts, passages = story(article("one", text), article("two", RFERL))
    later = [p for p in passages if p.text == "Officials said nothing."][1]
    rec = new_annotation(
        "note", passage_ref(arts[0], later), passage_ref(arts[1], passages[-1]), "omits"
    )
    (found,), _ = anchor([rec], arts, passages)
    assert found.a == later.id == "one:3"


def test_records_that_no_longer_fit_are_orphans_not_dropped(tmp_path: Path) -> None:
    arts, passages = story(article("rudaw", RUDAW), article("rferl", RFERL))
    fits = note_on(passages, arts, "2,500 soldiers", "3,000 US soldiers")
    goes = note_on(passages, arts, "teleconference", "Didar")
    store = AnnotationStore.open(tmp_path / "annotations.yaml")
    store.add(fits)
    store.add(goes)
    trimmed = RFERL.replace("\n\nThe dialogue was held via teleconference.", "")
    arts2, passages2 = story(article("rudaw", RUDAW), article("rferl", trimmed))
    reopened = AnnotationStore.open(tmp_path / "annotations.yaml")
    anchored, orphans = anchor(reopened.records, arts2, passages2)
    assert [x.record.id for x in anchored] == [fits.id]
    assert orphans == (goes,)
    # The orphan stays in the file through later saves, untouched.
    reopened.update(fits.id, note="still 2,500 vs 3,000")
    again = AnnotationStore.open(tmp_path / "annotations.yaml")
    assert again.get(goes.id) == goes
    assert len(again.records) == 2


def test_no_anchoring_to_another_outlets_identical_wire_copy() -> None:
    wire = "The ministry confirmed the agreement on Thursday evening in a statement."
    arts, passages = story(
        article("one", wire + "\n\nOther text here."),
        article("two", "Intro.\n\n" + wire),
        article("three", RFERL),
    )
    rec = note_on(passages, arts, "ministry", "3,000")
    assert rec.a.article_id == "one"
    # Article "one" is gone from the story; "two" carries the same sentence.
    arts2 = [a for a in arts if a.id != "one"]
    passages2 = [p for p in passages if p.article != "one"]
    anchored, orphans = anchor([rec], arts2, passages2)
    assert anchored == () and orphans == (rec,)


def test_renamed_file_is_found_by_path_or_outlet() -> None:
    arts, passages = story(article("rudaw", RUDAW), article("rferl", RFERL))
    rec = note_on(passages, arts, "2,500 soldiers", "3,000 US soldiers")
    moved = replace(article("rudaw-2", RUDAW), outlet="Rudaw")
    arts2, passages2 = story(moved, article("rferl", RFERL))
    (found,), orphans = anchor([rec], arts2, passages2)
    assert orphans == () and found.a == "rudaw-2:3"


def test_unrelated_text_does_not_match() -> None:
    arts, passages = story(article("rudaw", RUDAW))
    other = passage_ref(article("x", "x"), Passage("x:1", "x", "body", 0, 30, "x" * 30, 0))
    ref = replace_record(
        other, article_id="rudaw", text="Completely different words about cooking pasta."
    )
    assert locate(ref, arts, passages) is None
    assert locate(replace_record(ref, text=passages[2].text + " Extra."), arts, passages) == (
        passages[2],
        pytest.approx(0.96, abs=0.01),
    )


def test_both_sides_in_one_article_is_an_orphan() -> None:
    arts, passages = story(article("rudaw", RUDAW), article("rferl", RFERL))
    rec = note_on(passages, arts, "2,500 soldiers", "3,000 US soldiers")
    confused = replace_record(rec, b=replace_record(rec.a, start=0))
    _, orphans = anchor([confused], arts, passages)
    assert orphans == (confused,)


def test_records_for_the_current_pair_are_found_in_either_order() -> None:
    arts, passages = story(article("rudaw", RUDAW), article("rferl", RFERL))
    articles = {a.id: a for a in arts}
    by_id = {p.id: p for p in passages}
    first = record_for_pair("note", articles, by_id, "rferl:2", "rudaw:3", "omits", "n")
    assert (first.a.article_id, first.b.article_id) == ("rferl", "rudaw")
    assert first.a.text == by_id["rferl:2"].text and first.b.start == by_id["rudaw:3"].start
    other = record_for_pair("link", articles, by_id, "rudaw:1", "rferl:1")
    anchored, _ = anchor([first, other], arts, passages)
    assert [x.record for x in on_pair(anchored, "rudaw:3", "rferl:2")] == [first]
    assert on_pair(anchored, "rudaw:3", "rferl:1") == []
    with pytest.raises(UserError, match="two different articles"):
        record_for_pair("note", articles, by_id, "rudaw:1", "rudaw:2")
