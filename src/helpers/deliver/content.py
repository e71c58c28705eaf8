"""What a period's messages say: the headline and the tasks behind the pace, as text and HTML.

Counted as the briefings count them (helpers.report.briefing); every piece of report text is
HTML-escaped in the HTML body.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Sequence

import pandas as pd

from helpers import paths
from helpers.compare import chain
from helpers.deliver.recipients import CITY_ZH
from helpers.report import briefing, wording

_EVIDENCE_MAX = 300
#: Characters no file name may hold on Windows, macOS or Linux (and control characters).
_NOT_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


@dataclass(frozen=True)
class Content:
    """What one message says: the briefing's headline sentence and the tasks behind the pace."""

    who: str
    headline: briefing.Headline
    sentence: str
    behind: pd.DataFrame  # behind tasks, largest lag first; `is_primary` False for joint leads
    #: the period's pace: the body speaks of the year's end as the PDF does (helpers.report.wording)
    pace: float
    behind_by_bureau: dict[str, int] = field(default_factory=dict)
    #: lines naming the tasks newly behind and behind two reports running (helpers.compare.chain)
    changes: tuple[str, ...] = ()


def message_content(tasks: pd.DataFrame, period_label: str, bureau: str | None = None) -> Content:
    """Headline and behind tasks for the city, or for one bureau, counted as its PDF counts them
    (helpers.report.briefing): the headline over the tasks it leads first, the list with joint leads too."""
    pace = briefing.table_pace(tasks)
    if bureau is None:
        h = briefing.headline(tasks)
        behind = briefing.behind_tasks(tasks).assign(is_primary=True)
        by_bureau = {str(k): int(v) for k, v in behind["bureau"].value_counts().items()}
        return Content(CITY_ZH, h, briefing.headline_sentence(h, period_label, CITY_ZH), behind, pace, by_bureau)
    h = briefing.headline(tasks[tasks["bureau"] == bureau], pace)
    try:
        mine = briefing.bureau_tasks(tasks, bureau)
        sentence = briefing.bureau_sentence(tasks, bureau, period_label)
    except KeyError:  # leads nothing in this table
        mine = tasks.iloc[0:0].assign(is_primary=True)
        sentence = briefing.headline_sentence(h, period_label, bureau)
    behind = mine[mine["status"] == "behind"]
    return Content(bureau, h, sentence, behind, pace)


def with_changes(content: Content, period: str, tasks: Path | str | pd.DataFrame | None,
                 bureau: str | None) -> Content:
    """The content plus the lines naming newly behind and 连续滞后 tasks, when `run` compared the
    period with an earlier one (changes.parquet beside the task table)."""
    if isinstance(tasks, pd.DataFrame):
        return content
    folder = Path(tasks).parent if tasks is not None else paths.processed_dir(period)
    return replace(content, changes=tuple(chain.mail_lines(chain.load_changes(period, folder), bureau)))


def _behind_detail(row: pd.Series, pace: float) -> str:
    """Lag and completion of one behind task, in words (a lag to the annual target at the year's end)."""
    parts = []
    if not pd.isna(row.get("completion_pct")):
        parts.append(f"完成{briefing.fmt_pct(row['completion_pct'])}")
    lag = row.get("lag_pts")
    # only a positive lag is a lag: a behind task (by override) at or above the pace has none to print
    if lag is not None and not pd.isna(lag) and lag > 0:
        parts.append(wording.lag_words(pace, briefing.fmt_pts(lag)))
    return "，".join(parts) or wording.not_reached(pace)


def _evidence(row: pd.Series) -> str:
    ev = row.get("evidence")
    return "" if ev is None or pd.isna(ev) else briefing.truncate(ev, _EVIDENCE_MAX)


def subject(period_label: str, who: str) -> str:
    return f"{period_label}重点工作落实情况简报 — {who}"


def attachment_name(period_label: str, who: str) -> str:
    """The PDF's name in the message: the unit's name as written (full-width letters stay full
    width, so 市ＡＢＣ局 and 市ABC局 never share a name); characters no file name may hold are
    replaced, and a short hash of the name then keeps two such names apart."""
    safe = _NOT_IN_FILE_NAMES.sub("_", who).strip(" .")[:60] or "_"
    if safe != who:
        safe += "-" + hashlib.sha1(who.encode("utf-8", "surrogatepass")).hexdigest()[:6]
    return f"{period_label}重点工作落实情况简报_{safe}.pdf"


def bodies(c: Content, period_label: str, attachments: Sequence[str]) -> tuple[str, str]:
    """Plain text and HTML of one message; every piece of report text is HTML-escaped."""
    title = subject(period_label, c.who)
    esc = html.escape
    text = [title, "", c.sentence]
    body = [f"<h2 style=\"font-size:18px\">{esc(title)}</h2>", f"<p><b>{esc(c.sentence)}</b></p>"]
    if c.behind_by_bureau:
        top = "、".join(f"{b}{n}项" for b, n in list(c.behind_by_bureau.items())[:10])
        more = "等" if len(c.behind_by_bureau) > 10 else ""
        line = f"{wording.behind_by_unit(c.pace)}：{top}{more}。"
        text += ["", line]
        body.append(f"<p>{esc(line)}</p>")
    if c.who != CITY_ZH and len(c.behind):
        joint = not c.behind["is_primary"].all()
        head = wording.behind_section(c.pace) + ("（含联合牵头）" if joint else "") + "："
        text += ["", head]
        items = []
        for i, (_, r) in enumerate(c.behind.iterrows(), 1):
            ref = briefing.task_ref(r["table"], r["seq"])
            task = briefing.truncate(r["task"], 120) + ("（联合牵头）" if not r["is_primary"] else "")
            detail, ev = _behind_detail(r, c.pace), _evidence(r)
            text.append(f"{i}. [{ref}] {task}（{detail}）")
            if ev:
                text.append(f"   依据：{ev}")
            items.append(
                f"<li><b>[{esc(ref)}] {esc(task)}</b>（{esc(detail)}）"
                + (f"<br><span style=\"color:#555\">依据：{esc(ev)}</span>" if ev else "") + "</li>")
        body.append(f"<p>{esc(head)}</p><ol>" + "".join(items) + "</ol>")
    for line in c.changes:
        text += ["", line]
        body.append(f"<p>{esc(line)}</p>")
    footer = "本邮件由 python -m helpers mail 生成；详见附件 PDF 简报。"
    text += ["", "附件：" + "；".join(attachments), "", footer]
    body.append("<p>附件：" + "；".join(esc(a) for a in attachments) + "</p>")
    body.append(f"<p style=\"color:#777;font-size:12px\">{esc(footer)}</p>")
    doc = ("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
           f"<title>{esc(title)}</title></head><body style=\"font-family:sans-serif\">"
           + "".join(body) + "</body></html>")
    return "\n".join(text) + "\n", doc

