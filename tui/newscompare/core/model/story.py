"""The small immutable values that flow through the engine.

Data flows one way: sources -> ``Article`` -> ``Passage`` -> ``Pair``/``Group`` ->
``Divergence``. Every stage is a pure function over these; nothing here knows about files,
terminals or Textual. Offsets are always Python string indices (code points).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

#: Where a long run is: ``(stage, done, total)``, e.g. ``("align", 0, 1)``. Stages call it; the
#: CLI ignores it, the reader shows it.
Progress = Callable[[str, int, int], None]


def no_progress(stage: str, done: int, total: int) -> None:
    """A ``Progress`` that shows nothing."""


#: Where an article's publication date was read: ``config.yaml``'s overrides, the file's front
#: matter, the page's HTML metadata, or the path of its URL.
DateSource = Literal["config", "front matter", "html", "url"]

PassageKind = Literal["title", "body", "caption", "boilerplate"]

#: Kinds that take part in alignment. Captions and boilerplate never align.
ALIGNABLE_KINDS: frozenset[str] = frozenset({"title", "body"})


@dataclass(frozen=True, slots=True)
class Article:
    """One loaded article.

    ``text`` is the article body as read (decoded, line ends folded to ``\\n``, front matter
    removed); passage offsets point into it. ``path`` is where it came from (a file path or a URL).
    ``id`` is short, unique within a story and stable between runs (derived from the file name).
    """

    id: str
    path: str
    outlet: str
    title: str
    text: str
    date: str | None = None  # ISO 8601 date (YYYY-MM-DD) when the source states one
    url: str | None = None
    #: Other metadata from front matter, HTML or config, kept as strings for display.
    extra: tuple[tuple[str, str], ...] = ()
    #: Where ``date`` came from (``DATE_SOURCES``), None without a date: a date read off a URL
    #: is a guess a reader may want to check before trusting a "before".
    date_source: DateSource | None = None


@dataclass(frozen=True, slots=True)
class Passage:
    """A sentence (or a short line) of an article with exact offsets.

    Invariant: ``article.text[start:end] == text``. ``id`` is ``"<article id>:<n>"`` with ``n``
    counting passages from 1 in reading order, so ids are unique across a story and stable
    between runs on the same input.
    """

    id: str
    article: str
    kind: PassageKind
    start: int
    end: int
    text: str
    paragraph: int


@dataclass(frozen=True, slots=True)
class Pair:
    """Two passages from different articles that report the same event.

    ``a`` and ``b`` are passage ids; ``a`` belongs to the article that comes first in the story.
    ``score`` is in 0..1 and comparable across runs and stories.
    """

    a: str
    b: str
    score: float


@dataclass(frozen=True, slots=True)
class Group:
    """An event: passages from two or more articles linked by pairs."""

    id: str
    label: str
    passages: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Alignment:
    """The result of aligning a story: pairs, event groups, and what only one outlet reports."""

    pairs: tuple[Pair, ...] = ()
    groups: tuple[Group, ...] = ()
    unmatched: tuple[str, ...] = ()


DivergenceKind = Literal["number", "date", "name", "quote", "attribution", "wording"]
#: In order of weight: conflicting figures first, framing last (reports list them this way).
DIVERGENCE_KINDS: tuple[DivergenceKind, ...] = (
    "number",
    "date",
    "name",
    "quote",
    "attribution",
    "wording",
)


@dataclass(frozen=True, slots=True)
class Divergence:
    """Something two aligned passages report differently.

    ``a``/``b`` are the differing text in each passage (empty when one side has nothing);
    ``a_span``/``b_span`` are ``(start, end)`` offsets into the *passage* text, so
    ``passage_a.text[a_span[0]:a_span[1]] == a``.
    """

    kind: DivergenceKind
    a: str
    b: str
    a_span: tuple[int, int]
    b_span: tuple[int, int]
    #: A short human explanation, e.g. "2,500 vs 3,000 troops".
    note: str = ""


WordTag = Literal["shared", "only"]


@dataclass(frozen=True, slots=True)
class WordSpan:
    """A word of a passage and whether the other passage of the pair has it too."""

    start: int
    end: int
    tag: WordTag


PairRelation = Literal["copied", "paraphrase", "partial"]


@dataclass(frozen=True, slots=True)
class Comparison:
    """What differs inside one aligned pair, computed by the diverge stage."""

    pair: Pair
    relation: PairRelation
    divergences: tuple[Divergence, ...] = ()
    a_words: tuple[WordSpan, ...] = ()
    b_words: tuple[WordSpan, ...] = ()


@dataclass(frozen=True, slots=True)
class LoadProblem:
    """A source that could not be read (or read with a warning); ``str()`` is one line."""

    source: str
    reason: str
    fatal: bool = True  # False: the article loaded, but the user should know something

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(frozen=True, slots=True)
class StoryPart:
    """One story among the articles given (``align.stories``): the articles that report it.

    ``id`` is ``s<n>``, largest story first; ``label`` is the headline of its most central
    article. A part of one article is an article that shares no story with the others;
    ``reason`` then says why (its closest article and how close it came).
    """

    id: str
    label: str
    articles: tuple[str, ...]
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Collection:
    """Everything that was loaded, split into stories: what a story picker switches between.

    A ``Story`` is one part (or all parts, for the reports); its collection keeps the other
    parts' articles and passages so another part can be aligned without loading again.
    """

    articles: tuple[Article, ...] = ()
    passages: tuple[Passage, ...] = ()
    parts: tuple[StoryPart, ...] = ()

    def part(self, part_id: str) -> StoryPart | None:
        """The part with this id, if any."""
        return next((p for p in self.parts if p.id == part_id), None)


@dataclass(frozen=True, slots=True)
class EventTime:
    """When one event happened, as far as the story says (``align.timeline`` computes it).

    ``low``..``high``: the days its passages state for it (ISO dates, an interval when they
    name a month), None when no passage dates it; ``first_report``: the earliest publication
    date of an article that reports it: the event happened on or before it; ``stated``: what
    each passage says, so a reader can see outlets disagree on when.
    """

    group: str
    low: str | None
    high: str | None
    first_report: str | None
    #: ``(passage id, low, high)`` for every day or month a passage of the event states,
    #: resolved against its article's date (deadlines left out), in the group's order.
    stated: tuple[tuple[str, str, str], ...] = ()

    def stated_by(self, passage_id: str) -> tuple[tuple[str, str], ...]:
        """The ``(low, high)`` intervals one passage states."""
        return tuple((low, high) for pid, low, high in self.stated if pid == passage_id)

    @property
    def date(self) -> str | None:
        """The event's date as the timeline shows it: the stated one, else its first report."""
        return self.low or self.first_report

    @property
    def source(self) -> Literal["stated", "first report"] | None:
        """Where ``date`` comes from: what the passages state, or the earliest report (the
        event happened on or before it)."""
        if self.low is not None:
            return "stated"
        return "first report" if self.first_report is not None else None

    @property
    def precision(self) -> Literal["day", "month", "range"] | None:
        """How exact ``date`` is: a day, a whole month (``low``..``high`` spans one), or a
        range; a first report is a day (the event is on or before it)."""
        if self.low is None or self.high is None:
            return "day" if self.first_report is not None else None
        if self.low == self.high:
            return "day"
        if self.low[:7] == self.high[:7] and self.low.endswith("-01"):
            return "month"
        return "range"

    @property
    def sort_key(self) -> tuple[str, str]:
        """Order of the timeline: by stated date, else by first report; undated last (then by
        event number, so e2 comes before e10)."""
        number = self.group.lstrip("e")
        return (self.date or "9999", number.zfill(8) if number.isdigit() else self.group)


@dataclass(frozen=True, slots=True)
class Story:
    """Everything the pipeline produced for one set of sources; what the UI and reports render.

    ``collection``: everything loaded and its split into stories (``None`` when the story was
    built by hand, e.g. in tests); ``parts``: the ids of the parts this story holds (one for
    the reader, every part for ``align``'s reports); ``timeline``: when each event happened.
    """

    articles: tuple[Article, ...] = ()
    passages: tuple[Passage, ...] = ()
    alignment: Alignment = field(default_factory=Alignment)
    comparisons: tuple[Comparison, ...] = ()
    problems: tuple[LoadProblem, ...] = ()
    collection: Collection | None = None
    parts: tuple[str, ...] = ()
    #: Every event's time in timeline order (``align.timeline``), computed when the story is
    #: built; empty for a story built by hand (``timeline.story_timeline`` computes it then).
    timeline: tuple[EventTime, ...] = ()
