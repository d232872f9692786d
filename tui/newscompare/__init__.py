"""newscompare: compare how different outlets report the same story."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newscompare")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"
