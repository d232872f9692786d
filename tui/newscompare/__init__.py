"""newscompare: compare how different outlets report the same story."""

#: The one place the version is written; pyproject.toml reads it from here (setuptools dynamic
#: version), so it needs no importlib.metadata lookup at start-up.
__version__ = "0.1.0"
