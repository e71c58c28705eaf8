"""Charts for the notebooks, sized for an A4 page: Chinese labels, fonts of 9 pt and more.

Figures are built with `matplotlib.figure.Figure` rather than pyplot, so a notebook shows a
chart once, where `show` puts it, at the size it will print (the inline backend would display
it again at its own size). Plain matplotlib only: importing seaborn would add to every kernel's
start-up and nothing here needs it.

Each chart function returns a `Chart`: shown, it is taken from the drawn charts kept by their
data and code (helpers.report.chart_cache) or drawn and kept; used as a Figure (a notebook
changing it before showing it), it is built and drawn as it then is.
"""

from __future__ import annotations

import base64
import functools
import io
from typing import Any, Callable

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from PIL import Image

from helpers.read.bureaus import leads
from helpers.report import chart_cache, wording
from helpers.report.figures import status_counts
from helpers.report.loading import table_pace
from helpers.report.fonts import use_cjk_font
from helpers.statuses import DEFAULT_AHEAD_MARGIN, MEASURED, STATUS_COLORS, STATUS_ZH, STATUSES
from helpers.read.sectors import sector_names

#: Printable width of an A4 page with 2 cm margins is 6.7 in; figures stay a little inside it.
WIDTH_IN = 6.5
DPI = 150
#: CSS pixels per inch: the HTML shows a figure at its physical size.
CSS_PX_PER_IN = 96
#: Base font size; nothing drawn is smaller than FONT_PT - 1 = 9 pt at print size.
FONT_PT = 10

_STYLE = {
    "font.size": FONT_PT,
    "axes.titlesize": FONT_PT + 1.5,
    "axes.labelsize": FONT_PT,
    "xtick.labelsize": FONT_PT,
    "ytick.labelsize": FONT_PT,
    "legend.fontsize": FONT_PT,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
}
_ready = False


def setup() -> str:
    """Register the CJK font and the print style once; return the font family used."""
    global _ready
    import matplotlib

    family = use_cjk_font()
    if not _ready:
        matplotlib.rcParams.update(_STYLE)
        _ready = True
    return family


def _figure(height_in: float, width_in: float = WIDTH_IN) -> Figure:
    setup()
    return Figure(figsize=(width_in, height_in), dpi=DPI, layout="constrained")


class Chart:
    """A chart to show: its drawing function, the columns of the table it reads, its arguments.

    `show` / `png_bytes` take it from the drawn charts by its key (chart_cache) or draw and keep
    it. Any use of it as a matplotlib Figure (`chart.axes`, `chart.savefig(…)`: a notebook may
    change a chart before showing it) builds the figure, and a chart so built is drawn as it then
    is, never taken from or put in the cache, whose key knows nothing of the changes.
    """

    def __init__(self, draw: Callable[..., Figure], frame: pd.DataFrame, args: tuple[Any, ...],
                 kwargs: dict[str, Any]):
        # A chart taken from the cache draws nothing, yet the notebook's own plots that follow
        # (a researcher plotting further) must still get the CJK font and the print style.
        setup()
        self._draw, self._frame, self._args, self._kwargs = draw, frame, args, kwargs

    @functools.cached_property
    def figure(self) -> Figure:
        """The matplotlib Figure (built on first use)."""
        return self._draw(self._frame, *self._args, **self._kwargs)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # copy, pickle and the like ask for these: not the figure's
            raise AttributeError(name)
        return getattr(self.figure, name)

    def drawn(self) -> chart_cache.Drawn:
        """The chart as shown: kept, or drawn now (and kept when nobody touched its figure)."""
        if "figure" in self.__dict__:
            return _drawn(self.figure)
        setup()  # the style enters the key
        key = chart_cache.chart_key(self._draw, self._frame, self._args, self._kwargs)
        with chart_cache.drawing(key) as kept:
            if kept is None:
                kept = _drawn(self.figure)
                chart_cache.store(key, kept)
        return kept


def reads(*columns: str) -> Callable[[Callable[..., Figure]], Callable[..., Chart]]:
    """Declare the table columns a chart function reads: called, it returns a `Chart` that hands
    it those columns only (present ones), so its key covers all it can read."""
    def wrap(draw: Callable[..., Figure]) -> Callable[..., Chart]:
        @functools.wraps(draw)
        def chart(tasks: pd.DataFrame, *args: Any, **kwargs: Any) -> Chart:
            return Chart(draw, tasks[[c for c in columns if c in tasks.columns]], args, kwargs)
        return chart
    return wrap


@reads("sector", "status", "pace", "period")
def status_by_sector(tasks: pd.DataFrame) -> Figure:
    """Horizontal stacked bars: tasks per sector, split by status (counts printed in wide segments)."""
    counts = status_counts(tasks).drop(columns="total")
    counts = counts.loc[:, counts.sum() > 0]
    sectors_zh = sector_names()
    labels = [sectors_zh.get(s, s) for s in counts.index]
    names = wording.status_names(table_pace(tasks))
    fig = _figure(0.36 * len(counts) + 1.3)
    ax = fig.add_subplot()
    y = np.arange(len(counts))[::-1]  # first sector on top
    left = np.zeros(len(counts))
    for status in counts.columns:
        vals = counts[status].to_numpy()
        ax.barh(y, vals, left=left, color=STATUS_COLORS[status], label=names[status],
                edgecolor="white", linewidth=0.6, height=0.7)
        for yi, (l, v) in enumerate(zip(left, vals)):
            if v >= 3:
                dark = status in ("completed", "behind", "blocked", "ahead")
                ax.text(l + v / 2, y[yi], str(int(v)), ha="center", va="center", fontsize=FONT_PT - 1,
                        color="white" if dark else "black")
        left += vals
    for yi, total in zip(y, left):
        ax.text(total + max(left) * 0.01, yi, f"{int(total)}", va="center", fontsize=FONT_PT - 1)
    ax.set_yticks(y, labels)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("任务数（项）")
    ax.set_xlim(0, max(left.max() * 1.08, 1))
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=min(len(counts.columns), 7),
              frameon=False, handlelength=1.0, columnspacing=1.0)
    fig.alt_text = "各领域重点工作进度状态（项）：" + "；".join(
        f"{lab}{int(n)}项" for lab, n in zip(labels, counts.sum(axis=1)))
    return fig


@reads("completion_pct", "status", "sector")
def completion_vs_pace(tasks: pd.DataFrame, pace: float, ahead_margin: float = DEFAULT_AHEAD_MARGIN,
                       cap: float = 1.5) -> Figure:
    """Each measured task's completion (dot) by sector against the pace line.

    Completion above `cap` (150%) is drawn at the cap as a triangle, so one outlier does not
    squash the rest. Dots are spread vertically (fixed seed) so equal values stay visible.
    """
    t = tasks[tasks["completion_pct"].notna() & tasks["status"].isin(MEASURED)]
    names = sector_names()
    sectors = [s for s in names if s in set(t["sector"])]
    fig = _figure(0.42 * max(len(sectors), 1) + 1.4)
    ax = fig.add_subplot()
    if t.empty:
        ax.text(0.5, 0.5, "本期没有可量化的完成度", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    rng = np.random.default_rng(0)
    ypos = {s: len(sectors) - 1 - i for i, s in enumerate(sectors)}
    for status in MEASURED:
        sub = t[t["status"].eq(status)]
        if sub.empty:
            continue
        x = sub["completion_pct"].to_numpy(dtype=float)
        y = sub["sector"].map(ypos).to_numpy(dtype=float) + rng.uniform(-0.22, 0.22, len(sub))
        over = x > cap
        ax.scatter(np.minimum(x, cap)[~over] * 100, y[~over], s=26, color=STATUS_COLORS[status],
                   edgecolor="#333333", linewidth=0.4, label=wording.status_zh(status, pace), zorder=3)
        if over.any():
            ax.scatter(np.full(over.sum(), cap * 100), y[over], s=34, marker=">", color=STATUS_COLORS[status],
                       edgecolor="#333333", linewidth=0.4, zorder=3)
    year_end = wording.is_year_end(pace)
    ax.axvline(pace * 100, color="#222222", linewidth=1.2, zorder=2)
    line = f"{wording.yardstick(pace)} {wording.pace_pct(pace)}"
    ax.text(pace * 100, len(sectors) - 0.45, f" {line}", fontsize=FONT_PT, va="bottom")
    if not year_end:  # at the year's end there is no pace to be ahead of
        ax.axvline((pace + ahead_margin) * 100, color="#555555", linewidth=0.8, linestyle="--", zorder=2)
    ax.set_yticks(list(ypos.values()), [names[s] for s in ypos])
    ax.set_ylim(-0.6, len(sectors) - 0.4)
    ax.set_xlim(0, cap * 100 + 5)
    dashed = "" if year_end else "虚线为超序时线，"
    ax.set_xlabel(f"完成度（占年度目标的%）；{dashed}超过{cap * 100:.0f}%的画在右端（▶）")
    ax.grid(axis="x", color="#e5e5e5", linewidth=0.6, zorder=0)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.04), ncol=4, frameon=False, handletextpad=0.3)
    yardstick = wording.yardstick(pace)
    fig.alt_text = (f"可量化任务的完成度与{yardstick}：{len(t)}项任务，{yardstick}{wording.pace_pct(pace)}，"
                    f"低于{yardstick}的{int((t['completion_pct'] < pace).sum())}项")
    return fig


@reads("bureau", "status", "pace", "period")
def bureau_status_heatmap(tasks: pd.DataFrame, min_tasks: int = 1) -> Figure:
    """Lead bureau × status: task counts as a shaded, annotated grid (bureaus with most tasks on top)."""
    table = pd.crosstab(tasks["bureau"], tasks["status"]).reindex(columns=list(STATUSES), fill_value=0)
    table = table[table.sum(axis=1) >= min_tasks]
    table = table.assign(_n=table.sum(axis=1), _b=table["behind"]).sort_values(
        ["_n", "_b"], ascending=[False, False]).drop(columns=["_n", "_b"])
    fig = _figure(0.2 * len(table) + 1.0)
    ax = fig.add_subplot()
    vals = table.to_numpy()
    ax.imshow(vals, aspect="auto", cmap="Blues", vmin=0, vmax=max(vals.max(), 1) * 1.3)
    for (i, j), v in np.ndenumerate(vals):
        if v:
            ax.text(j, i, str(v), ha="center", va="center", fontsize=FONT_PT - 1,
                    color="#d7301f" if table.columns[j] == "behind" else "black",
                    fontweight="bold" if table.columns[j] == "behind" else "normal")
    names = wording.status_names(table_pace(tasks))
    ax.set_xticks(range(len(table.columns)), [names[s] for s in table.columns])
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(table)), table.index.tolist(), fontsize=FONT_PT - 1)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    fig.alt_text = f"牵头单位与进度状态：{len(table)}个单位的任务数，滞后任务以红色标出"
    return fig


@reads("bureau", "bureaus", "status", "pace", "period")
def bureau_vs_city_shares(tasks: pd.DataFrame, bureau: str, city: bool = True) -> Figure:
    """Two 100% bars: the status mix of the bureau's tasks (first lead) beside the city's; the
    bureau's bar alone with `city` False (a unit's page that depends on its own rows only)."""
    mine = tasks.loc[tasks["bureau"].eq(bureau), "status"].value_counts()
    # A long name would squeeze the bars; the page title already names the unit.
    label = bureau if len(bureau) <= 8 else "本单位"
    if not mine.sum():  # a unit that only co-leads: show the tasks it co-leads, marked so
        mine = tasks.loc[leads(tasks, bureau), "status"].value_counts()
        label = "本单位（联合牵头）"
    names = wording.status_names(table_pace(tasks))
    rows = [(label, mine)] + ([("全市", tasks["status"].value_counts())] if city else [])
    fig = _figure(1.45 if city else 1.1)
    ax = fig.add_subplot()
    for yi, (_name, counts) in enumerate(rows):
        total = counts.sum() or 1
        left = 0.0
        for status in STATUSES:
            share = counts.get(status, 0) / total
            if share <= 0:
                continue
            ax.barh(1 - yi, share * 100, left=left, color=STATUS_COLORS[status], edgecolor="white",
                    linewidth=0.6, height=0.65, label=names[status])
            if share >= 0.08:
                dark = status in ("completed", "behind", "blocked", "ahead")
                ax.text(left + share * 50, 1 - yi, f"{share * 100:.0f}%", ha="center", va="center",
                        fontsize=FONT_PT - 1, color="white" if dark else "black")
            left += share * 100
    ax.set_yticks([1 - i for i in range(len(rows))], [r[0] for r in rows])
    ax.set_xlim(0, 100)
    ax.set_xlabel("占本单位 / 全市任务的比例（%）" if city else "占本单位任务的比例（%）")
    handles, labels = ax.get_legend_handles_labels()
    seen = dict(zip(labels, handles))
    order = [names[s] for s in STATUSES if names[s] in seen]
    # Centred on the figure, not the axes, so a wide tick label cannot push it off the page.
    fig.legend([seen[k] for k in order], order, loc="outside upper center", ncol=7,
               frameon=False, handlelength=1.0, columnspacing=0.8)
    fig.alt_text = f"{label}{'与全市' if city else ''}的进度状态构成（占任务的比例）"
    return fig


def png_bytes(fig: Figure | Chart) -> bytes:
    """The figure as an opaque RGB PNG at the print resolution, on white.

    The pixels matplotlib's savefig(facecolor="white") writes, without its alpha channel (every
    pixel of it opaque): WeasyPrint splits an alpha channel into a soft mask and compresses both
    again for each PDF, ~6 % of a unit page's PDF.
    """
    if isinstance(fig, Chart):
        return fig.drawn().png
    # The canvas first: the layout then measures the texts with the renderer that draws them,
    # whose text metrics it keeps (a layout without a canvas dry-prints the figure with a
    # renderer of its own and every label is measured twice; the same pixels, ~12 % less).
    canvas = FigureCanvasAgg(fig)
    engine = fig.get_layout_engine()
    if engine is not None:
        # Laid out once, then fixed: savefig would run the layout in a dry draw and again in the
        # real one (the same pixels, ~10 % of a chart's time).
        engine.execute(fig)
        fig.set_layout_engine(None)
    fig.set_facecolor("white")
    canvas.draw()
    buf = io.BytesIO()
    Image.fromarray(np.asarray(canvas.buffer_rgba())[..., :3]).save(buf, format="png", dpi=(DPI, DPI))
    return buf.getvalue()


def warm_up() -> None:
    """Draw one line of Chinese at print size, as a kernel waiting for its first page: matplotlib
    loads the CJK font (a 20 MB collection) and its text machinery once per process, and the
    first chart paid for it."""
    fig = _figure(1.0, 2.0)
    ax = fig.add_subplot()
    ax.barh([0], [12.5], color=STATUS_COLORS["behind"])
    ax.set_yticks([0], ["重点工作"])
    ax.set_xlabel("占本单位任务的比例（%）")
    png_bytes(fig)


def _drawn(fig: Figure) -> chart_cache.Drawn:
    return chart_cache.Drawn(png_bytes(fig), float(fig.get_figwidth()), getattr(fig, "alt_text", ""))


def show(fig: Figure | Chart, alt: str = "") -> None:
    """Display `fig` as a PNG at its physical size (width in CSS px = inches × 96), once.

    `alt` (Chinese, from the notebook) becomes the image's alt text in the HTML briefing; without
    it the chart's own description is used.
    """
    from IPython.display import Image, display

    drawn = fig.drawn() if isinstance(fig, Chart) else _drawn(fig)
    width_px = int(round(drawn.width_in * CSS_PX_PER_IN))
    display(Image(data=drawn.png, format="png", width=width_px, alt=alt or drawn.alt or "图表"))


def data_uri(fig: Figure | Chart) -> str:
    """The figure as a data: URI (for HTML built outside a notebook)."""
    return "data:image/png;base64," + base64.b64encode(png_bytes(fig)).decode("ascii")


@reads("task_key", "month", "completion_pct", "status")
def completion_trend(trend: pd.DataFrame, max_tasks: int = 40) -> Figure:
    """Completion of each measured task across the year's periods, against the pace line (m/12).

    One grey line per task (the `task_key` ties it across reports); behind points in red. At most
    `max_tasks` tasks, those measured in most periods first, so the chart stays readable.
    """
    t = trend[trend["completion_pct"].notna()]
    keep = t.groupby("task_key").size().sort_values(ascending=False).index[:max_tasks]
    t = t[t["task_key"].isin(keep)]
    fig = _figure(3.6)
    ax = fig.add_subplot()
    months = np.arange(0, 13)
    ax.plot(months, months / 12 * 100, color="#222222", linewidth=1.2, label="序时进度（m/12）", zorder=2)
    for _key, g in t.sort_values("month").groupby("task_key"):
        ax.plot(g["month"], np.minimum(g["completion_pct"], 1.5) * 100, color="#9e9e9e", linewidth=0.7, zorder=1)
    for status in MEASURED:
        sub = t[t["status"].eq(status)]
        if len(sub):
            ax.scatter(sub["month"], np.minimum(sub["completion_pct"], 1.5) * 100, s=16, zorder=3,
                       color=STATUS_COLORS[status], edgecolor="#333333", linewidth=0.3,
                       label=STATUS_ZH[status])  # points of every period: the plain name
    ax.set_xlim(0, 12.5)
    ax.set_ylim(0, 155)
    ax.set_xticks(sorted(set(trend["month"])), [f"{m}月" for m in sorted(set(trend["month"]))])
    ax.set_xlabel("报告期末（月）")
    ax.set_ylabel("完成度（%）")
    ax.grid(axis="y", color="#e5e5e5", linewidth=0.6, zorder=0)
    ax.legend(loc="upper left", frameon=False, fontsize=FONT_PT - 1)
    return fig
