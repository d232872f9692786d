"""Links and rejections change the alignment the reader and the reports show."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from msgspec.structs import replace as replace_record

from newscompare.core.annotations.anchoring import Anchored, anchor
from newscompare.core.annotations.feedback import (
    AnnotatedStory,
    apply_annotations,
    apply_feedback,
    story_with_feedback,
)
from newscompare.core.annotations.records import AnnotationInput, new_annotation, record_for_pair
from newscompare.core.annotations.store import AnnotationStore
from newscompare.core.diverge import compare as diverge
from newscompare.core.model.errors import UserError
from newscompare.core.model.index import StoryIndex
from newscompare.core.model.settings import AnnotationSettings, DivergeSettings
from newscompare.core.model.story import (
    Alignment,
    Article,
    Comparison,
    EventTime,
    Group,
    Pair,
    Passage,
    Story,
)
from newscompare.core.report import to_json
from test_anchoring import RFERL, RUDAW, sentences
from test_annotations import article, ref

ARTICLES = ("a", "b", "c")
PASSAGES = tuple(
    Passage(f"{art}:{n}", art, "body", n * 10, n * 10 + 5, f"{art} passage {n}", n)
    for art in ARTICLES
    for n in (1, 2, 3)
)
BASE = Alignment(
    pairs=(Pair("a:1", "b:1", 0.9), Pair("a:1", "c:1", 0.7), Pair("a:2", "b:2", 0.6)),
    groups=(Group("e1", "troops", ("a:1", "b:1", "c:1")), Group("e2", "vote", ("a:2", "b:2"))),
    unmatched=("a:3", "b:3", "c:2", "c:3"),
)


def decision(kind: str, a: str, b: str, updated: str = "2026-01-01T00:00:00.000Z") -> Anchored:
    record = new_annotation(kind, ref(a, a[0]), ref(b, b[0]), "", "")  # type: ignore[arg-type]
    return Anchored(replace_record(record, updated=updated), a, b, 1.0)


def check_consistent(alignment: Alignment) -> None:
    group_of = {pid: g.id for g in alignment.groups for pid in g.passages}
    for pair in alignment.pairs:
        assert group_of[pair.a] == group_of[pair.b]
    in_pairs = {pid for pair in alignment.pairs for pid in (pair.a, pair.b)}
    assert set(group_of) == in_pairs
    assert not in_pairs & set(alignment.unmatched)
    assert len({g.id for g in alignment.groups}) == len(alignment.groups)


def test_notes_leave_the_alignment_as_it_is() -> None:
    assert apply_feedback(BASE, PASSAGES, [decision("note", "a:1", "b:1")]) is BASE
    assert apply_feedback(BASE, PASSAGES, []) is BASE


def test_a_link_adds_a_pair_in_story_order_and_joins_the_groups() -> None:
    got = apply_feedback(BASE, PASSAGES, [decision("link", "c:2", "a:3")])
    assert Pair("a:3", "c:2", 1.0) in got.pairs  # a is the earlier article
    check_consistent(got)
    assert got.groups[:2] == BASE.groups  # untouched events keep id, label and order
    new = got.groups[2]
    assert new.passages == ("a:3", "c:2") and new.id == "e3" and new.label == "a passage 3"
    assert got.unmatched == ("b:3", "c:3")


def test_a_link_between_two_events_joins_two_passages_not_the_events() -> None:
    got = apply_feedback(BASE, PASSAGES, [decision("link", "b:2", "c:1")])
    assert Pair("b:2", "c:1", 1.0) in got.pairs
    assert got.groups == BASE.groups  # both events as they were
    assert got.unmatched == BASE.unmatched


def test_a_link_between_two_events_merges_them_when_the_user_asks() -> None:
    got = apply_feedback(BASE, PASSAGES, [decision("link", "b:2", "c:1")], merge_events=True)
    check_consistent(got)
    assert [g.id for g in got.groups] == ["e1"]
    assert set(got.groups[0].passages) == {"a:1", "b:1", "c:1", "a:2", "b:2"}


def test_a_link_from_a_passage_in_no_event_joins_its_partners_event() -> None:
    got = apply_feedback(BASE, PASSAGES, [decision("link", "c:2", "b:2")])
    check_consistent(got)
    assert got.groups[0] == BASE.groups[0]
    assert got.groups[1].id == "e2" and set(got.groups[1].passages) == {"a:2", "b:2", "c:2"}


def test_the_setting_reaches_saved_annotations(tmp_path: Path) -> None:
    arts = tuple(Article(a, f"{a}.md", a.upper(), a, "x" * 40) for a in ARTICLES)
    story = Story(arts, PASSAGES, BASE, tuple(Comparison(p, "paraphrase") for p in BASE.pairs))
    record = record_for_pair(
        "link", {a.id: a for a in arts}, {p.id: p for p in PASSAGES}, "b:2", "c:1", "", ""
    )
    apart = apply_annotations([record], story, AnnotationSettings(), DivergeSettings())
    merged = apply_annotations(
        [record], story, AnnotationSettings(link_merges_events=True), DivergeSettings()
    )
    assert len(apart.story.alignment.groups) == 2 and len(merged.story.alignment.groups) == 1


def test_a_link_on_an_existing_pair_marks_it_certain() -> None:
    got = apply_feedback(BASE, PASSAGES, [decision("link", "b:2", "a:2")])
    assert Pair("a:2", "b:2", 1.0) in got.pairs and len(got.pairs) == 3
    assert got.groups == BASE.groups


def test_a_rejection_removes_the_pair_and_splits_the_event() -> None:
    got = apply_feedback(BASE, PASSAGES, [decision("reject", "b:1", "a:1")])
    check_consistent(got)
    assert Pair("a:1", "b:1", 0.9) not in got.pairs
    assert [g.passages for g in got.groups] == [("a:1", "c:1"), ("a:2", "b:2")]
    assert got.groups[0].id == "e1"
    assert got.unmatched == ("a:3", "b:1", "b:3", "c:2", "c:3")


def test_rejecting_the_only_pair_dissolves_the_event() -> None:
    got = apply_feedback(BASE, PASSAGES, [decision("reject", "a:2", "b:2")])
    check_consistent(got)
    assert [g.id for g in got.groups] == ["e1"]
    assert "a:2" in got.unmatched and "b:2" in got.unmatched


def test_the_later_of_a_link_and_a_rejection_wins() -> None:
    link = decision("link", "a:2", "b:2", "2026-01-02T00:00:00.000Z")
    reject = decision("reject", "a:2", "b:2", "2026-01-03T00:00:00.000Z")
    assert all(
        p != Pair("a:2", "b:2", 0.6) and {p.a, p.b} != {"a:2", "b:2"}
        for p in apply_feedback(BASE, PASSAGES, [link, reject]).pairs
    )
    earlier = replace_record(reject.record, updated="2026-01-01T00:00:00Z")
    reject_first = replace(reject, record=earlier)
    assert Pair("a:2", "b:2", 1.0) in apply_feedback(BASE, PASSAGES, [link, reject_first]).pairs


def test_rejecting_a_pair_the_engine_did_not_make_changes_nothing() -> None:
    assert apply_feedback(BASE, PASSAGES, [decision("reject", "a:3", "c:3")]) is BASE


def test_story_with_feedback_compares_only_the_new_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Pair] = []

    def fake_compare(
        pair: Pair, a: Passage, b: Passage, aa: Article, ab: Article, s: DivergeSettings
    ) -> Comparison:
        calls.append(pair)
        return Comparison(pair, "partial")

    monkeypatch.setattr(diverge, "compare", fake_compare)  # feedback imports it when needed
    articles = tuple(Article(x, f"{x}.md", x.upper(), x, "") for x in ARTICLES)
    comparisons = tuple(Comparison(p, "paraphrase") for p in BASE.pairs)
    story = Story(articles, PASSAGES, BASE, comparisons)
    got = story_with_feedback(
        story, [decision("link", "a:3", "b:3"), decision("reject", "a:1", "c:1")], DivergeSettings()
    )
    assert calls == [Pair("a:3", "b:3", 1.0)]
    assert [c.pair for c in got.comparisons] == list(got.alignment.pairs)
    assert [c.relation for c in got.comparisons] == ["paraphrase", "paraphrase", "partial"]
    assert story_with_feedback(story, [], DivergeSettings()) is story


def engine_story() -> Story:
    """Two real articles, segmented by the tests' own segmenter, with a hand-made alignment."""
    arts = (article("rudaw", RUDAW, "Rudaw"), article("rferl", RFERL, "RFE/RL"))
    passages = tuple(p for a in arts for p in sentences(a))
    engine = Alignment(
        pairs=(Pair("rudaw:1", "rferl:1", 0.8), Pair("rudaw:3", "rferl:3", 0.55)),
        groups=(
            Group("e1", "withdrawal", ("rudaw:1", "rferl:1")),
            Group("e2", "x", ("rudaw:3", "rferl:3")),
        ),
        unmatched=tuple(
            p.id for p in passages if p.id not in {"rudaw:1", "rferl:1", "rudaw:3", "rferl:3"}
        ),
    )
    return Story(arts, passages, engine, tuple(Comparison(p, "paraphrase") for p in engine.pairs))


def test_saved_links_and_rejections_reach_the_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Store -> reopen -> re-anchor -> feedback -> JSON report, end to end."""
    monkeypatch.setattr(diverge, "compare", lambda pair, *rest: Comparison(pair, "partial"))
    story = engine_story()
    arts, passages = story.articles, story.passages
    index = StoryIndex(story)
    store = AnnotationStore.open(tmp_path / "annotations.yaml")
    store.add(record_for_pair("reject", index.articles, index.passages, "rudaw:3", "rferl:3"))
    store.add(record_for_pair("link", index.articles, index.passages, "rferl:2", "rudaw:3"))
    reopened = AnnotationStore.open(tmp_path / "annotations.yaml")
    anchored, orphans = anchor(reopened.records, arts, passages)
    assert orphans == ()
    report = to_json(story_with_feedback(story, anchored, DivergeSettings()))
    assert [(p["a"], p["b"], p["score"]) for p in report["pairs"]] == [
        ("rudaw:1", "rferl:1", 0.8),
        ("rudaw:3", "rferl:2", 1.0),
    ]
    assert {tuple(g["passages"]) for g in report["groups"]} == {
        ("rudaw:1", "rferl:1"),
        ("rudaw:3", "rferl:2"),
    }
    assert "rferl:3" in report["unmatched"]


def test_annotated_story_applies_each_change_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(diverge, "compare", lambda pair, *rest: Comparison(pair, "partial"))
    path = tmp_path / "annotations.yaml"
    session = AnnotatedStory(
        AnnotationStore.open(path), engine_story(), AnnotationSettings(), DivergeSettings()
    )
    assert session.story is session.base
    first = session.note("rferl:1", "rudaw:1", AnnotationInput("agrees", "same"))
    again = session.note("rudaw:1", "rferl:1", AnnotationInput("framing", "on reflection"))
    assert again.id == first.id and len(session.store.records) == 1
    assert session.story is session.base  # notes do not change the alignment
    rejected = session.reject("rudaw:3", "rferl:3")
    assert [(p.a, p.b) for p in session.story.alignment.pairs] == [("rudaw:1", "rferl:1")]
    session.link("rudaw:4", "rferl:2", AnnotationInput("adds detail", ""))
    assert ("rudaw:4", "rferl:2") in [(p.a, p.b) for p in session.story.alignment.pairs]
    assert len(AnnotationStore.open(path).records) == 3  # all on disk already
    session.store.delete(rejected.id)
    session.update()
    assert ("rudaw:3", "rferl:3") in [(p.a, p.b) for p in session.story.alignment.pairs]


def test_annotated_story_on_a_read_only_store_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "annotations.yaml"
    path.write_bytes(b"schema: 1\n")
    session = AnnotatedStory(
        AnnotationStore.open(path), engine_story(), AnnotationSettings(), DivergeSettings()
    )
    with pytest.raises(UserError, match="read-only"):
        session.reject("rudaw:1", "rferl:1")
    assert session.story is session.base
    assert path.read_bytes() == b"schema: 1\n"


def test_annotations_applied_elsewhere_are_adopted_unless_the_records_changed(
    tmp_path: Path,
) -> None:
    """The reader's worker applies the saved annotations (``apply_annotations``); the session
    installs that result as is, but recomputes when a record was saved in between."""
    base = engine_story()
    store = AnnotationStore.open(tmp_path / "annotations.yaml")
    settings, diverge_settings = AnnotationSettings(), DivergeSettings()
    session = AnnotatedStory(store, base, settings, diverge_settings)
    session.reject("rudaw:3", "rferl:3")
    applied = apply_annotations(store.records, base, settings, diverge_settings)
    assert ("rudaw:3", "rferl:3") not in [(p.a, p.b) for p in applied.story.alignment.pairs]
    adopted = AnnotatedStory(store, base, settings, diverge_settings, applied)
    assert adopted.story is applied.story and adopted.anchored == applied.anchored
    session.reject("rudaw:1", "rferl:1")  # saved after ``applied`` was computed
    assert session.adopt(applied) is not applied.story
    assert ("rudaw:1", "rferl:1") not in [(p.a, p.b) for p in session.story.alignment.pairs]


def test_story_with_feedback_times_the_events_it_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader's links change events, so the story's timeline is computed again from them
    (a stale one would date, and judge omissions of, events that no longer exist)."""

    def fake_compare(
        pair: Pair, a: Passage, b: Passage, aa: Article, ab: Article, s: DivergeSettings
    ) -> Comparison:
        return Comparison(pair, "partial")

    monkeypatch.setattr(diverge, "compare", fake_compare)
    articles = tuple(Article(x, f"{x}.md", x.upper(), x, "", date="2024-01-05") for x in ARTICLES)
    stale = tuple(EventTime(g.id, None, None, None) for g in BASE.groups)
    story = Story(articles, PASSAGES, BASE, timeline=stale)
    got = story_with_feedback(
        story, [decision("link", "a:3", "b:3"), decision("reject", "a:1", "c:1")], DivergeSettings()
    )
    assert {t.group for t in got.timeline} == {g.id for g in got.alignment.groups}
    assert all(t.first_report == "2024-01-05" for t in got.timeline)
