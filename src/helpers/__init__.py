"""helpers: key-task progress reports to a judged task table and HTML/PDF briefings."""

__version__ = "0.1.0"
