"""Execute a notebook with papermill and render its outputs to HTML (no code) and PDF (WeasyPrint).

Where the time goes and what this module does about it:

* kernel start and imports (~5 s a notebook): a `WarmKernel` (helpers.report.kernels) keeps one
  kernel alive and runs many notebooks through it (papermill still executes each one, with its
  parameters injected, through its own engine);
* nbconvert's start (~3 s as a command): one `HTMLExporter` per process, with the briefing template;
* WeasyPrint subsetting the 20 MB CJK collection (~8 s a PDF): `prepare_fonts` subsets the font
  once to the GB2312 repertoire plus the period's own characters, caches it under
  `paths.CACHE/fonts/<key>/` (key = hash of the font file and of the repertoire; HarfBuzz's
  subsetter builds it in a hundredth of a second), and the PDF stylesheet points `@font-face` at it.
"""

from __future__ import annotations

import atexit
import functools
import gc
import hashlib
import json
import logging
import os
import re
import sys
import time
import unicodedata
from importlib import metadata
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from helpers import paths, provenance
from helpers.report.outline import drop_empty_sections, fill_markdown
from helpers.files import atomic_path, write_text
from helpers.errors import HelpersError, RenderError
from helpers.messages import say
from helpers.report.fonts import _fc, find_cjk_font_face
from helpers.report.kernels import WarmKernel

TEMPLATE_DIR = Path(__file__).resolve().parents[1] / "templates"
TEMPLATE_NAME = "briefing"
CSS_PATH = TEMPLATE_DIR / TEMPLATE_NAME / "briefing.css"
#: Family name the PDF stylesheet gives the cached subset (distinct from the system font's name,
#: so pango never confuses the two).
PDF_FAMILY = "HelpersCJK"
#: Cells carrying one of these tags are left out of the rendered briefing (kept in the .ipynb).
#: Parameter cells have no output; dropping them also drops papermill's random cell id, so the
#: same notebook and data give byte-identical HTML.
REMOVE_CELL_TAGS = {"remove-cell", "remove_cell", "hide-in-briefing", "parameters", "injected-parameters"}
REMOVE_INPUT_TAGS = {"remove-input", "remove_input"}
REMOVE_OUTPUT_TAGS = {"remove-output", "remove_output"}
#: Bump when the subsetting recipe changes, so old cached fonts are not reused.
FONT_RECIPE = "v3-hb"


# --------------------------------------------------------------------------------------------
# fonts for the PDF


def _gb2312() -> set[str]:
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


_SYMBOL_RANGES = [
    (0x20, 0x7E), (0xA0, 0xFF),  # ASCII, Latin-1
    (0x2010, 0x2044), (0x2070, 0x209F), (0x2100, 0x218F),  # punctuation, super/subscripts, ℃ № Ⅰ
    (0x2190, 0x21FF), (0x2200, 0x22FF), (0x2460, 0x24FF),  # arrows, math, ①
    (0x25A0, 0x25FF), (0x2600, 0x2605),  # shapes, ★
    (0x3000, 0x303F), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),  # CJK punctuation, fullwidth forms
]


@functools.lru_cache(maxsize=1)
def symbol_repertoire() -> frozenset[str]:
    """Latin, punctuation and the symbols reports use (every font subset has them)."""
    chars: set[str] = set()
    for lo, hi in _SYMBOL_RANGES:
        chars.update(chr(c) for c in range(lo, hi + 1))
    return frozenset(chars)


@functools.lru_cache(maxsize=1)
def base_repertoire() -> frozenset[str]:
    """GB2312 (6,763 hanzi and its symbols) plus the symbol repertoire: any Chinese document."""
    return frozenset(_gb2312() | symbol_repertoire())


def text_chars(texts: Iterable[str]) -> set[str]:
    """The printable characters of `texts` (used to widen the font repertoire for a period)."""
    out: set[str] = set()
    for t in texts:
        if isinstance(t, str):
            out.update(t)
    return {c for c in out if not unicodedata.category(c).startswith(("C", "Z")) or c == " "}


@functools.lru_cache(maxsize=8)
def _file_sha(path: str, size: int, mtime_ns: int) -> str:
    return provenance.file_sha256(path)  # the one reader; size and time key the memo


def file_sha256(path: Path | str) -> str:
    """sha256 of a file, memoised per process on (path, size, mtime)."""
    st = os.stat(path)
    return _file_sha(str(path), st.st_size, st.st_mtime_ns)


@dataclass(frozen=True)
class FontSet:
    """A cached subset of the CJK font: regular and (when the system has it) bold."""

    key: str
    regular: Path
    bold: Path | None

    def css(self) -> str:
        faces = [(self.regular, "normal")] + ([(self.bold, "bold")] if self.bold else [])
        return "\n".join(
            f'@font-face {{ font-family: "{PDF_FAMILY}"; src: url("{p.as_uri()}"); '
            f"font-weight: {w}; font-style: normal; }}"
            for p, w in faces
        ) + (
            # !important: the template names the system font for browsers; in the PDF every box,
            # margin boxes included, must use the subset or WeasyPrint embeds the 20 MB original.
            f'\n@page {{ font-family: "{PDF_FAMILY}", sans-serif; }}\n'
            f'html, body, body *, ::before, ::after {{ font-family: "{PDF_FAMILY}", sans-serif !important; }}\n'
        )


def _bold_face(regular: Path, family: str) -> tuple[Path, int] | None:
    out = _fc("fc-match", "-f", "%{file}|%{index}|%{family}|%{weight}\n", f"{family}:weight=bold").strip()
    if not out:
        return None
    file, index, families, weight = (out.split("|") + ["", "", "", ""])[:4]
    if family not in families.split(",") or not Path(file).is_file():
        return None
    try:
        if int(float(weight)) < 150:  # fontconfig weight: 80 regular, 200 bold
            return None
    except ValueError:
        return None
    return Path(file), int(index or 0)


def _tag(name: str) -> int:
    """An OpenType table or feature tag as HarfBuzz's integer (four ASCII bytes, space-padded)."""
    return int.from_bytes(name.ljust(4).encode("ascii"), "big")


#: Tables the cached subset leaves out: WeasyPrint lays CJK text out without them (the SC face
#: maps straight to simplified forms) and drops them again before embedding.
_DROP_TABLES = ("GSUB", "GPOS", "BASE", "VORG", "vhea", "vmtx", "DSIG")


def _subset(src: Path, index: int, chars: Iterable[str], dest: Path) -> None:
    """Subset one face of `src` to `chars` with HarfBuzz's subsetter and save it at `dest`.

    HarfBuzz subsets the 20 MB collection in about a hundredth of a second (fontTools took 5 s
    of every run from clean); the outlines stay CFF, which WeasyPrint subsets again for each PDF
    with the same HarfBuzz (libharfbuzz-subset, installed at set-up) as fast as TrueType ones.
    """
    import uharfbuzz as hb  # deferred: only a run that prints PDFs needs it

    face = hb.Face(hb.Blob.from_file_path(str(src)), index)
    spec = hb.SubsetInput()
    spec.unicode_set.update(ord(c) for c in set(chars))  # characters the face lacks are skipped
    spec.layout_feature_tag_set.clear()  # no layout features, as WeasyPrint embeds none
    spec.drop_table_tag_set.update(_tag(t) for t in _DROP_TABLES)
    spec.name_id_set.invert()  # every name record, in every language
    spec.name_lang_id_set.invert()
    spec.flags = hb.SubsetFlags.NOTDEF_OUTLINE | hb.SubsetFlags.NO_HINTING | hb.SubsetFlags.DESUBROUTINIZE
    out = hb.subset(face, spec)
    if out is None:
        raise RenderError(say("fonts.subset", path=src, index=index))
    with atomic_path(dest) as tmp:
        tmp.write_bytes(out.blob.data)


def prepare_fonts(chars: Iterable[str] | None = None, cache_dir: Path | None = None) -> FontSet:
    """The CJK font subset for PDFs, built once per repertoire and cached (safe to delete).

    `chars` None gives the GB2312 repertoire (any Chinese document; ~2 s a page). Given the
    characters a set of documents uses (the batch passes those of the period's tables, the
    notebooks and helpers), the subset holds those plus Latin and punctuation: ~1,500 glyphs,
    and a PDF then renders in about a second. A character outside the subset still prints,
    through pango's fallback to the system font, only slower.
    """
    src, index, family = find_cjk_font_face()
    repertoire = base_repertoire() if chars is None else (symbol_repertoire() | set(chars))
    rep = "".join(sorted(repertoire))
    font_sha = file_sha256(src)
    key = hashlib.sha256(
        f"{FONT_RECIPE}|{font_sha}|{index}|{rep}".encode("utf-8", "surrogatepass")
    ).hexdigest()[:20]
    folder = Path(cache_dir or paths.CACHE) / "fonts" / key
    regular = folder / "regular.otf"
    if not regular.exists():
        _subset(src, index, repertoire, regular)
    bold_src = _bold_face(src, family)
    bold = None
    if bold_src:
        bold = folder / "bold.otf"
        if not bold.exists():
            _subset(bold_src[0], bold_src[1], repertoire, bold)
    return FontSet(key=key, regular=regular, bold=bold)


# --------------------------------------------------------------------------------------------
# HTML


@functools.lru_cache(maxsize=1)
def _css() -> str:
    return CSS_PATH.read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def html_exporter():  # -> nbconvert.HTMLExporter
    """One HTMLExporter per process with the briefing template (building it costs ~1 s)."""
    from traitlets.config import Config

    from helpers.report.exporter import BriefingExporter  # nbconvert: deferred, ~1 s to import

    c = Config()
    c.HTMLExporter.extra_template_basedirs = [str(TEMPLATE_DIR)]
    c.HTMLExporter.template_name = TEMPLATE_NAME
    c.HTMLExporter.exclude_input = True
    c.HTMLExporter.exclude_input_prompt = True
    c.HTMLExporter.exclude_output_prompt = True
    c.HTMLExporter.embed_images = True
    c.HTMLExporter.exclude_anchor_links = True  # a printed heading has no ¶ link
    c.TagRemovePreprocessor.enabled = True
    c.TagRemovePreprocessor.remove_cell_tags = set(REMOVE_CELL_TAGS)
    c.TagRemovePreprocessor.remove_input_tags = set(REMOVE_INPUT_TAGS)
    c.TagRemovePreprocessor.remove_all_outputs_tags = set(REMOVE_OUTPUT_TAGS)
    return BriefingExporter(config=c)


def export_html(nb: Any, title: str, period_label: str) -> str:
    """The notebook's outputs and markdown as one self-contained HTML page (no code, no prompts)."""
    resources = {"briefing": {"title": title, "period_label": period_label, "css": _css()}}
    nb = drop_empty_sections(fill_markdown(nb, REMOVE_CELL_TAGS))
    body, _ = html_exporter().from_notebook_node(nb, resources=resources)
    return body


# --------------------------------------------------------------------------------------------
# PDF


def style_block() -> str:
    """The briefing template's stylesheet as the template writes it into a page's head."""
    return f"<style>\n{_css()}\n</style>"


@dataclass(frozen=True)
class _PdfSetup:
    font_config: Any  # weasyprint FontConfiguration
    counter_style: Any  # weasyprint CounterStyle: the template's @counter-style rules
    template: Any  # the template's stylesheet, parsed
    sheets: list[Any]  # the font subset's stylesheet (none without a subset)


@functools.lru_cache(maxsize=4)
def _pdf_setup(fonts: FontSet | None) -> _PdfSetup:
    # One FontConfiguration and the parsed stylesheets per process: WeasyPrint then loads the
    # @font-face files once, not once per PDF, and parses the template's CSS once (a tenth of
    # a unit page's PDF when every page's <style> was parsed again).
    from weasyprint import CSS
    from weasyprint.css.counters import CounterStyle
    from weasyprint.text.fonts import FontConfiguration

    font_config, counters = FontConfiguration(), CounterStyle()
    template = CSS(string=_css(), font_config=font_config, counter_style=counters)
    sheets = [CSS(string=fonts.css(), font_config=font_config)] if fonts else []
    return _PdfSetup(font_config, counters, template, sheets)


@atexit.register
def _release_pdf_setup() -> None:
    # WeasyPrint's FontConfiguration.__del__ fails when it runs during interpreter teardown
    # (its module globals already gone); release the cached ones while they still work.
    if _pdf_setup.cache_info().currsize:
        _pdf_setup.cache_clear()
        gc.collect()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused for the block, resumed after it.

    WeasyPrint and matplotlib allocate hundreds of thousands of short-lived objects for one
    page or chart; each allocation burst made the collector walk the whole heap again (a
    worker's heap holds nbconvert, papermill and WeasyPrint): 15-30 % of a PDF's CPU. Paused,
    the cycles the block leaves are freed by the first young collection after it.
    """
    if not gc.isenabled():  # the caller paused it already
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def html_to_pdf(html: str, fonts: FontSet | None = None, base_url: str | None = None) -> bytes:
    """Render `html` to PDF bytes; with `fonts`, the cached CJK subset is embedded (fast)."""
    from weasyprint import HTML  # deferred: ~1 s to import, and only PDFs need it

    # WeasyPrint logs every unsupported CSS property at WARNING; the template is known-good.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    setup = _pdf_setup(fonts)
    sheets = setup.sheets
    if style_block() in html:
        # The template's stylesheet, parsed once, in place of the page's copy. As a stylesheet
        # given to WeasyPrint it ranks as the user's, not the page author's: above the browser
        # defaults as before, and nothing of the author's is left for it to lose against but
        # inline styles (<col style=…>), which won before too. Its @counter-style rules live
        # in the counter styles the render is given.
        html = html.replace(style_block(), "", 1)
        sheets = [setup.template, *sheets]
    # hinting=True keeps hints, of which the cached subset has none: it only skips a costly pass.
    with collector_paused():
        return HTML(string=html, base_url=base_url or str(paths.ROOT)).write_pdf(
            stylesheets=sheets, font_config=setup.font_config, counter_style=setup.counter_style, hinting=True)


def write_pdf(html: str, out: Path | str, fonts: FontSet | None = None) -> None:
    """Render `html` to the PDF file `out`, atomically."""
    data = html_to_pdf(html, fonts)
    with atomic_path(out) as tmp:
        tmp.write_bytes(data)


# --------------------------------------------------------------------------------------------
# execution


@dataclass
class Rendered:
    """What one notebook rendered to, and how long each step took."""

    ipynb: Path
    html: Path | None
    pdf: Path | None
    seconds: float
    timings: dict[str, float]


def render_notebook(notebook: Path | str, parameters: Mapping[str, Any], *, ipynb: Path,
                    html: Path | None, pdf: Path | None, title: str, period_label: str,
                    kernel: WarmKernel | None = None, fonts: FontSet | None = None,
                    timeout: float = 600) -> Rendered:
    """Execute one notebook (papermill) and export it to HTML and, when asked, PDF.

    With no `kernel`, a kernel is started for this notebook alone and shut down after.
    """
    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    own = kernel is None
    kernel = kernel or WarmKernel(cwd=Path(notebook).parent)
    try:
        nb = kernel.execute(notebook, ipynb, parameters, timeout=timeout)
    finally:
        if own:
            kernel.shutdown()
    timings["execute"] = time.perf_counter() - t0
    t1 = time.perf_counter()
    page = export_html(nb, title, period_label)
    if html is not None:
        write_text(html, page)
    timings["html"] = time.perf_counter() - t1
    if pdf is not None:
        t2 = time.perf_counter()
        write_pdf(page, pdf, fonts if fonts is not None else prepare_fonts())
        timings["pdf"] = time.perf_counter() - t2
    return Rendered(ipynb=Path(ipynb), html=html, pdf=pdf, seconds=time.perf_counter() - t0, timings=timings)


def source_cell_number(executed: Path | str | None, cell_index: int) -> int:
    """1-based number, in the notebook as committed, of cell `cell_index` of its executed copy
    (papermill inserts an injected-parameters cell; the kernel's execution count means nothing
    to a reader once a warm kernel has run other notebooks)."""
    injected = 0
    try:
        cells = json.loads(Path(executed).read_text(encoding="utf-8"))["cells"] if executed else []
        injected = sum(1 for c in cells[:cell_index]
                       if "injected-parameters" in c.get("metadata", {}).get("tags", []))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    return cell_index - injected + 1


def error_summary(exc: BaseException, executed: Path | str | None = None) -> str:
    """One line for a failed notebook: the cell (its place in the notebook), the exception name
    and message, ANSI colours removed."""
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        text = say("render.cell", cell=source_cell_number(executed, exc.cell_index), name=exc.ename, text=exc.evalue)
    elif isinstance(exc, HelpersError):  # says what happened and what to do, in Chinese already
        text = str(exc)
    else:
        text = say("render.crashed", name=type(exc).__name__, text=exc)
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)
    return " ".join(text.split())[:500]


# --------------------------------------------------------------------------------------------
# what a page is made with

#: Packages whose version is recorded in the manifest and enters every page's key.
VERSIONED = ("helpers", "pandas", "numpy", "pyarrow", "matplotlib", "seaborn", "papermill",
             "nbconvert", "nbformat", "nbclient", "ipykernel", "weasyprint", "fonttools", "jinja2")


@functools.lru_cache(maxsize=1)
def _installed() -> dict[str, str]:
    """Installed distributions by normalized name, read from the `name-version.dist-info` folder
    names on sys.path (importlib.metadata parses every METADATA file: 0.2 s of a no-op rerun)."""
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for n in names:
            if n.endswith(".dist-info") and n.count("-") >= 1:
                name, version = n[: -len(".dist-info")].rsplit("-", 1)
                found.setdefault(re.sub(r"[-_.]+", "_", name).lower(), version)
    return found


def versions() -> dict[str, str]:
    """Versions of python and of the packages that shape a page."""
    out = {"python": sys.version.split()[0]}
    installed = _installed()
    for name in VERSIONED:
        version = installed.get(re.sub(r"[-_.]+", "_", name).lower())
        if version is None:
            try:
                version = metadata.version(name)
            except metadata.PackageNotFoundError:
                continue
        out[name] = version
    return out
