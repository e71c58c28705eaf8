"""What a period's messages say: the office's greeting and opening, the headline and the tasks
behind the pace, the office's closing and signature, as text and HTML.

Counted as the briefings count them (helpers.report.briefing), worded for the period as they
are (helpers.report.wording); the office's texts come from its settings file
(helpers.deliver.settings). Every piece of report text is HTML-escaped in the HTML body.
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
from helpers.deliver.settings import MailSettings
from helpers.errors import UnknownUnitError
from helpers.report import briefing, warning_levels, wording
from helpers.report.changes import mail_lines
from helpers.report.formatting import task_marks
from helpers.report.loading import table_pace

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
    #: the warning levels of the tasks counted in the headline, e.g. 红色预警2项、黄色预警1项 (or 无)
    warnings: str = "无"

    def blanks(self, period_label: str) -> dict[str, object]:
        """The values the office's templates may name (helpers.deliver.settings.FIELDS)."""
        h = self.headline
        return {"unit": self.who, "period": period_label, "headline": self.sentence, "tasks": h.tasks,
                "behind": h.behind, "behind_word": wording.behind_phrase(self.pace),
                "on_pace": h.on_pace_or_better, "completed": h.completed, "warnings": self.warnings}


def message_content(tasks: pd.DataFrame, period_label: str, bureau: str | None = None) -> Content:
    """Headline and behind tasks for the city, or for one bureau, counted as its PDF counts them
    (helpers.report.briefing): the headline over the tasks it leads first, the list with joint leads too."""
    pace = table_pace(tasks)
    if warning_levels.COLUMN not in tasks:  # a table as read from disk: levels as the pages give them
        tasks = warning_levels.assign(tasks)
    if bureau is None:
        h = briefing.headline(tasks)
        behind = briefing.behind_tasks(tasks).assign(is_primary=True)
        by_bureau = {str(k): int(v) for k, v in behind["bureau"].value_counts().items()}
        return Content(CITY_ZH, h, briefing.headline_sentence(h, period_label, CITY_ZH), behind, pace, by_bureau,
                       warnings=warning_levels.facts(tasks)["summary"])
    led = tasks[tasks["bureau"] == bureau]
    h = briefing.headline(led, pace)
    try:
        mine = briefing.bureau_tasks(tasks, bureau)
        sentence = briefing.bureau_sentence(tasks, bureau, period_label)
    except UnknownUnitError:  # leads nothing in this table
        mine = tasks.iloc[0:0].assign(is_primary=True)
        sentence = briefing.headline_sentence(h, period_label, bureau)
    behind = mine[mine["status"] == "behind"]
    return Content(bureau, h, sentence, behind, pace, warnings=warning_levels.facts(led)["summary"])


def with_changes(content: Content, period: str, tasks: Path | str | pd.DataFrame | None,
                 bureau: str | None) -> Content:
    """The content plus the lines naming newly behind and 连续滞后 tasks, when `run` compared the
    period with an earlier one (changes.parquet beside the task table)."""
    if isinstance(tasks, pd.DataFrame):
        return content
    folder = Path(tasks).parent if tasks is not None else paths.processed_dir(period)
    return replace(content, changes=tuple(mail_lines(chain.load_changes(period, folder), bureau)))


def _behind_detail(row: pd.Series, pace: float) -> str:
    """Lag and completion of one behind task, in words."""
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


def attachment_name(period_label: str, who: str) -> str:
    """The PDF's name in the message: the unit's name as written (full-width letters stay full
    width, so 市ＡＢＣ局 and 市ABC局 never share a name); characters no file name may hold are
    replaced, and a short hash of the name then keeps two such names apart."""
    safe = _NOT_IN_FILE_NAMES.sub("_", who).strip(" .")[:60] or "_"
    if safe != who:
        safe += "-" + hashlib.sha1(who.encode("utf-8", "surrogatepass")).hexdigest()[:6]
    return f"{period_label}重点工作落实情况简报_{safe}.pdf"


def _behind_lines(c: Content) -> tuple[list[str], str]:
    """The unit's behind tasks as text lines and as one HTML list (empty for the city)."""
    if c.who == CITY_ZH or not len(c.behind):
        return [], ""
    esc = html.escape
    joint = not c.behind["is_primary"].all()
    head = wording.behind_section(c.pace) + ("（含联合牵头）" if joint else "") + "："
    text, items = ["", head], []
    # the marks the pages print after the task (a target cut, the office's own claim …), so the mail hides nothing
    marks = task_marks(c.behind)
    for i, (_, r) in enumerate(c.behind.iterrows(), 1):
        ref = briefing.task_ref(r["table"], r["seq"])
        task = (briefing.truncate(r["task"], 120) + marks[i - 1]
                + ("（联合牵头）" if not r["is_primary"] else ""))
        detail, ev = _behind_detail(r, c.pace), _evidence(r)
        text.append(f"{i}. [{ref}] {task}（{detail}）")
        if ev:
            text.append(f"   依据：{ev}")
        items.append(f"<li><b>[{esc(ref)}] {esc(task)}</b>（{esc(detail)}）"
                     + (f"<br><span style=\"color:#555\">依据：{esc(ev)}</span>" if ev else "") + "</li>")
    return text, f"<p>{esc(head)}</p><ol>" + "".join(items) + "</ol>"


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())


def bodies(c: Content, period_label: str, attachments: Sequence[str], settings: MailSettings) -> tuple[str, str]:
    """Plain text and HTML of one message: the office's greeting and opening, the headline, the
    behind tasks or (for the city) the units they belong to, the changes since the earlier
    period, the attachments, the office's closing and signature."""
    esc, blanks = html.escape, c.blanks(period_label)
    kind = "city" if c.who == CITY_ZH else "bureau"
    greeting, opening = (settings.fill(kind, k, blanks) for k in ("greeting", "opening"))
    text = [greeting, "", opening, "", c.sentence]
    body = [_paragraphs(greeting), _paragraphs(opening), f"<p><b>{esc(c.sentence)}</b></p>"]
    if c.behind_by_bureau:
        top = "、".join(f"{b}{n}项" for b, n in list(c.behind_by_bureau.items())[:10])
        line = f"{wording.behind_by_unit(c.pace)}：{top}{'等' if len(c.behind_by_bureau) > 10 else ''}。"
        text += ["", line]
        body.append(f"<p>{esc(line)}</p>")
    lines, listed = _behind_lines(c)
    text += lines
    body.append(listed)
    for line in c.changes:
        text += ["", line]
        body.append(f"<p>{esc(line)}</p>")
    closing, signature = (settings.fill("closing", k, blanks) for k in ("text", "signature"))
    text += ["", "附件：" + "；".join(attachments), "", closing, "", signature]
    body += ["<p>附件：" + "；".join(esc(a) for a in attachments) + "</p>", _paragraphs(closing),
             _paragraphs(signature)]
    title = settings.fill("subject", "template", blanks)
    doc = ("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
           f"<title>{esc(title)}</title></head><body style=\"font-family:sans-serif\">"
           + "".join(body) + "</body></html>")
    return "\n".join(text) + "\n", doc
