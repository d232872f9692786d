"""Annotated pairs saved to YAML that survive restarts, edits and crashes.

OWNER: annotations helper.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_LABELS: tuple[str, ...] = (
    "agrees",
    "contradicts",
    "adds detail",
    "omits",
    "framing",
    "other",
)


@dataclass(frozen=True, slots=True)
class AnnotationSettings:
    """The ``annotations:`` section of config.yaml."""

    #: Where annotations are saved; relative paths are relative to the config file's folder.
    path: str = "annotations.yaml"
    labels: tuple[str, ...] = DEFAULT_LABELS
