"""helpers: key-task progress reports to a judged task table and HTML/PDF briefings."""

import sys as _sys

__version__ = "0.1.0"

# jsonschema (imported by nbformat, papermill and nbconvert) loads rfc3987_syntax when it is
# installed (JupyterLab's jupyter-events pulls it in), and that module compiles some forty lark
# grammars at import: 2.5 s of every `run`, worker and test process, for the "iri" format check,
# which no notebook schema uses. Marked absent, jsonschema skips that one check and loads in 0.2 s.
_sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
