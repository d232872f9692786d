"""What the reader says about the stories among the articles given, and its window title.

Articles are split into stories before they align (``core.align.stories``); the reader shows
one story at a time (the largest first) and offers the others in the story picker (``S``).
Pure functions over the ``Story``, so the app module only wires them in.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from newscompare.core.model.story import Story


def story_title(story: Story) -> str:
    """The first article's title, else the folder the articles share."""
    if story.articles and story.articles[0].title.strip():
        return " ".join(story.articles[0].title.split())
    paths = [a.path for a in story.articles if "://" not in a.path]
    if paths:
        common = os.path.commonpath([str(Path(p).parent) for p in paths])
        return Path(common).name or common
    return "newscompare"


def stories_note(story: Story, keys: str) -> str:
    """When the articles tell more than one story: which one is shown and how to pick
    another (``keys``: the story picker's keys in force); "" for one story."""
    collection = story.collection
    if collection is None or len(collection.parts) < 2:
        return ""
    alone = sum(1 for p in collection.parts if p.reason)
    stories = len(collection.parts) - alone
    shown = len(story.articles)
    total = len(collection.articles)
    if stories == 0:
        text = f"these {total} articles share no story with each other: each is shown alone"
        return text + (f" ({keys}: pick one)" if keys else "")
    text = (
        f"these {total} articles tell {stories} "
        f"{'story' if stories == 1 else 'stories'}"
        + (f" ({alone} article{'' if alone == 1 else 's'} share no story)" if alone else "")
        + f"; showing {shown} article{'' if shown == 1 else 's'} of one"
    )
    return text + (f" ({keys}: pick another)" if keys else "")


def with_part(story: Story, part_id: str) -> Story | None:
    """``story`` marked to be re-aligned as the part ``part_id`` of its collection (the
    pipeline reuses everything loaded and aligns that part); None when there is no such part
    or it is the one shown."""
    collection = story.collection
    if collection is None or collection.part(part_id) is None or story.parts == (part_id,):
        return None
    return dataclasses.replace(story, parts=(part_id,))
