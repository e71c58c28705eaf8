"""What a person approved: the preview page of a period's messages, and the check `--send` makes.

`mail --preview` writes `preview.html` (for the person) and `preview.json` (the mail folder's
manifest: each message's listing and fingerprint, and the drafts the command wrote) beside the
drafts. `--send` rebuilds the messages and sends only when they are exactly those the last
preview listed; any change since — a PDF re-rendered, a recipient edited, a unit added — is a
refusal naming it, and the person previews again.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Sequence

from helpers.deliver.message import Draft
from helpers.deliver.recipients import is_placeholder
from helpers.errors import MailError
from helpers.messages import say
from helpers.files import write_json, write_text

PREVIEW_JSON = "preview.json"
PREVIEW_HTML = "preview.html"
_COMPARED = ("subject", "from", "reply_to", "to", "cc", "envelope", "attachments", "body_sha256")


@dataclass
class Preview:
    """The last preview of a mail folder."""

    period: str
    messages: list[dict[str, Any]]  # listings, each with its fingerprint
    only: list[str] | None = None  # the --only it was made with
    no_recipients: list[str] = field(default_factory=list)
    drafts: list[str] = field(default_factory=list)  # file names of the drafts the command wrote

    @classmethod
    def read(cls, folder: Path) -> "Preview | None":
        path = folder / PREVIEW_JSON
        if not path.exists():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(period=str(data["period"]), messages=list(data["messages"]), only=data.get("only"),
                       no_recipients=list(data.get("no_recipients") or []), drafts=list(data.get("drafts") or []))
        except (OSError, ValueError, KeyError, TypeError):
            raise MailError(say("preview.unreadable", path=path)) from None

    def write(self, folder: Path) -> None:
        write_json(folder / PREVIEW_JSON, {
            "period": self.period, "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "only": self.only, "no_recipients": self.no_recipients, "drafts": self.drafts,
            "messages": self.messages})


def approved(folder: Path, period: str) -> Preview:
    """The last preview of `folder`, for `period`; MailError when there is none to send from."""
    found = Preview.read(folder)
    if found is None:
        raise MailError(say("preview.none", folder=folder, page=folder / PREVIEW_HTML))
    if found.period != period:
        raise MailError(say("preview.other_period", path=folder / PREVIEW_JSON, found=found.period, period=period))
    return found


def listings(drafts: Sequence[Draft]) -> list[dict[str, Any]]:
    return [{**d.listing, "fingerprint": d.fingerprint} for d in drafts]


def _difference(old: dict[str, Any], new: dict[str, Any]) -> str:
    names = {"subject": "主题", "from": "发件人", "reply_to": "回复地址", "to": "收件人", "cc": "抄送",
             "envelope": "收件地址", "attachments": "附件", "body_sha256": "正文"}
    changed = [names[k] for k in _COMPARED if old.get(k) != new.get(k)]
    return "、".join(changed) or say("preview.content")


def changes_since(preview: Preview, drafts: Sequence[Draft], no_recipients: Sequence[str],
                  folder: Path) -> None:
    """Refuse (MailError, one line) unless `drafts` are exactly the messages of the last preview."""
    redo = say("preview.redo", page=folder / PREVIEW_HTML)
    old = {m.get("target"): m for m in preview.messages}
    new = {d.target: d for d in drafts}
    for target, m in old.items():
        d = new.get(target)
        if d is None:
            raise MailError(say("preview.gone", label=m.get("label", target), redo=redo))
        if m.get("fingerprint") != d.fingerprint:
            raise MailError(say("preview.changed", label=d.label, what=_difference(m, d.listing), redo=redo))
    added = [d.label for t, d in new.items() if t not in old]
    if added:
        raise MailError(say("preview.added", labels="、".join(added[:5]), redo=redo))
    if sorted(no_recipients) != sorted(preview.no_recipients):
        raise MailError(say("preview.recipients", redo=redo))


def placeholders(drafts: Sequence[Draft]) -> list[str]:
    """Addresses at example or test domains among the senders and recipients of `drafts`."""
    found: dict[str, None] = {}
    for d in drafts:
        for a in [d.listing["from"], *d.recipients.envelope]:
            spec = a.rpartition("<")[2].rstrip(">") if "<" in a else a
            if is_placeholder(spec):
                found[spec] = None
    return list(found)


def _cell(values: Sequence[str]) -> str:
    return "<br>".join(html.escape(v) for v in values) or "—"


def _row(m: dict[str, Any]) -> str:
    atts = "<br>".join(f"{html.escape(a['name'])}<br><code class=\"sha\">sha256 {a['sha256']}</code>（{a['bytes']:,} 字节）"
                       for a in m["attachments"])
    marks = [a for a in m["envelope"] if is_placeholder(a)]
    warn = f"<div class=\"warn\">示例占位地址：{_cell(marks)}</div>" if marks else ""
    return (f"<tr><td>{html.escape(m['label'])}</td><td>{_cell(m['to'])}{warn}</td><td>{_cell(m['cc'])}</td>"
            f"<td>{html.escape(m['subject'])}</td><td>{atts}</td></tr>"
            f"<tr class=\"body\"><td></td><td colspan=\"4\"><details><summary>正文</summary>"
            f"<pre>{html.escape(m['text'])}</pre></details></td></tr>")


def preview_page(preview: Preview, sender: str) -> str:
    """The page a person reads before approving the sending: one row per message."""
    rows = "".join(_row(m) for m in preview.messages)
    missing = (f"<p class=\"warn\">没有收件人、不会发送：{html.escape('、'.join(preview.no_recipients))}</p>"
               if preview.no_recipients else "")
    return ("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(preview.period)} 邮件预览</title><style>"
            "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%}"
            "td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top;font-size:14px;text-align:left}"
            "td:first-child{white-space:nowrap}tr.body td{border-top:none}"
            ".warn{color:#b00}code{font-size:11px}code.sha{word-break:break-all}pre{white-space:pre-wrap}</style></head><body>"
            f"<h1>{html.escape(preview.period)} 待发送邮件（共 {len(preview.messages)} 封）</h1>"
            f"<p>发件人：{html.escape(sender)}。核对无误后运行 <code>mail --send</code>：只发送本页所列邮件；"
            "本页之后任何附件、收件人或正文有变化，发送都会被拒绝，须重新预览。</p>"
            f"{missing}<table><tr><th>单位</th><th>收件人</th><th>抄送</th><th>主题</th>"
            f"<th>附件（数据校验值）</th></tr>{rows}</table></body></html>")


def write_preview(preview: Preview, folder: Path, sender: str) -> Path:
    """Write the page and the record; the page's path."""
    write_text(folder / PREVIEW_HTML, preview_page(preview, sender))
    preview.write(folder)
    return folder / PREVIEW_HTML
