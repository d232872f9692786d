"""Cutting an article into passages with exact offsets, and telling site furniture and captions
from the news."""
