"""The one exception type the CLI and the app show to users as a one-line message."""

from __future__ import annotations


class UserError(Exception):
    """A problem caused by the user's input (a file, a setting); ``str()`` is one line that
    names the file and the reason. Never shown with a traceback."""
