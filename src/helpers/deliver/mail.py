"""Email a period's briefings: `.eml` drafts by default, SMTP delivery with `--send`.

One message per briefing listed in `output/<period>/manifest.json`: the city briefing to the
leadership list, each bureau's briefing to that bureau (recipients from
`data/reference/recipients.csv`). Nothing is sent, nor drafted, while the manifest records a
failed briefing or a PDF is missing. The SMTP password is read from HELPERS_SMTP_PASSWORD only
and never printed, logged or written.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import html
import io
import json
import os
import re
import shlex
import smtplib
import ssl
import sys
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email import policy
from email.message import EmailMessage
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.utils import formatdate, getaddresses, make_msgid, parseaddr
from pathlib import Path
from typing import Iterable, Sequence

import pandas as pd

from helpers.report import briefing
from helpers import paths
from helpers.read.bureaus import norm
from helpers.errors import MailError, ReferenceError_
from helpers.reference_csv import read_reference
from helpers.files import safe_slug, write_bytes, write_json, write_text
from helpers.period import parse_code
from helpers.schema import TASKS_SCHEMA, read_table

CITY = "city"
CITY_ZH = "全市"
RECIPIENT_COLUMNS = ("kind", "bureau", "to", "cc")
DEFAULT_SENDER = "重点工作简报 <briefings@example.org>"
ENV_USER, ENV_PASSWORD, ENV_FROM = "HELPERS_SMTP_USER", "HELPERS_SMTP_PASSWORD", "HELPERS_MAIL_FROM"
_ADDR = re.compile(r"^[^@\s<>;,]+@[^@\s<>;,]+\.[^@\s<>;,]+$")
_EVIDENCE_MAX = 300


# ---------------------------------------------------------------- inputs

@dataclass(frozen=True)
class Briefing:
    """One rendered briefing as listed in the manifest."""

    kind: str  # "city" or "bureau"
    bureau: str | None
    pdf: Path | None

    @property
    def target(self) -> str:
        """The name `--only` uses: 'city' or the bureau."""
        return CITY if self.kind == CITY else str(self.bureau)

    @property
    def label(self) -> str:
        return CITY_ZH if self.kind == CITY else str(self.bureau)


@dataclass(frozen=True)
class Manifest:
    path: Path
    period: str
    briefings: tuple[Briefing, ...]
    failures: tuple[dict, ...]


def _resolve(p: str | None, root: Path) -> Path | None:
    if not p:
        return None
    path = Path(p)
    return path if path.is_absolute() else root / path


def load_manifest(manifest: Path | str, period: str, root: Path | str = paths.ROOT) -> Manifest:
    """Read a run's manifest; relative paths in it are taken from `root` (the project root)."""
    manifest, root = Path(manifest), Path(root)
    if not manifest.exists():
        raise MailError(f"{manifest}: no manifest; render first with `python -m helpers run --period {period}`")
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise MailError(f"{manifest}: not a readable manifest ({e})") from None
    if not isinstance(data, dict) or not isinstance(data.get("briefings"), list):
        raise MailError(f"{manifest}: not a run manifest (no 'briefings' list)")
    if data.get("period") and data["period"] != period:
        raise MailError(f"{manifest}: is for period {data['period']}, not {period}")
    briefings: list[Briefing] = []
    seen: set[str] = set()
    for i, b in enumerate(data["briefings"]):
        if not isinstance(b, dict):
            raise MailError(f"{manifest}: briefing #{i + 1} is not an object: {b!r}")
        kind, bureau = b.get("kind"), b.get("bureau") or None
        if kind not in (CITY, "bureau"):
            continue  # other outputs (research notebooks) are not mailed
        if kind == "bureau" and not bureau:
            raise MailError(f"{manifest}: briefing #{i + 1} is a bureau briefing without a bureau")
        br = Briefing(kind, None if kind == CITY else norm(str(bureau)), _resolve(b.get("pdf"), root))
        if br.target in seen:
            raise MailError(f"{manifest}: briefing for {br.label} listed twice")
        seen.add(br.target)
        briefings.append(br)
    failures = tuple(f for f in data.get("failures") or [] if f)
    return Manifest(manifest, period, tuple(briefings), failures)


def _one_line(text: object, limit: int = 160) -> str:
    s = " ".join(str(text).split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def refuse_unfinished(manifest: Path | str, period: str, root: Path | str = paths.ROOT) -> None:
    """Refuse (MailError) a run folder that is not one finished, consistent run: a run in progress
    (or killed: its `.in-progress` marker is left), a page whose file no longer has the checksum
    the manifest recorded (truncated, rewritten), tables changed since the run, or a page
    rendered from older tables than the others (a partial run after the tables changed)."""
    from helpers.run import MARKER
    from helpers.provenance import file_sha256, files_record

    manifest, root = Path(manifest), Path(root)
    rerun = f"rerun `python -m helpers run --period {period}` before mailing"
    if (manifest.parent / MARKER).exists():
        raise MailError(f"{manifest.parent}: a run is in progress there, or was interrupted "
                        f"({MARKER} is present); {rerun}")
    data = json.loads(manifest.read_text(encoding="utf-8"))
    for b in data.get("briefings") or []:
        for role, sha in (b.get("sha256") or {}).items() if isinstance(b, dict) else ():
            path = _resolve(b.get(role), root)
            if path is not None and sha and (not path.is_file() or file_sha256(path) != sha):
                raise MailError(f"{path}: does not match the checksum in {manifest} "
                                f"(missing, truncated or changed after the run); {rerun}")
    tables = data.get("tables")
    if isinstance(tables, dict) and tables.get("folder"):
        folder = _resolve(tables["folder"], root)
        if files_record(folder) != tables.get("files"):
            raise MailError(f"{manifest}: is older than the tables in {folder} (they changed after the run); {rerun}")
        stale = [b.get("bureau") or b.get("kind") for b in data.get("briefings") or []
                 if isinstance(b, dict) and b.get("tables") != tables.get("key")]
        if stale:
            raise MailError(f"{manifest}: {len(stale)} briefing(s) were rendered from older tables "
                            f"({', '.join(map(str, stale[:5]))}); {rerun}")


def check_ready(manifest: Manifest, briefings: Iterable[Briefing]) -> None:
    """Refuse (MailError) when the run recorded failures or a PDF to attach is missing."""
    if manifest.failures:
        shown = "; ".join(
            f"{f.get('bureau') or CITY_ZH} ({f.get('notebook') or f.get('kind') or '?'}): "
            f"{_one_line(f.get('error', 'failed'), 100)}"
            for f in manifest.failures[:3]
        )
        more = f"; and {len(manifest.failures) - 3} more" if len(manifest.failures) > 3 else ""
        raise MailError(
            f"{manifest.path}: the run recorded {len(manifest.failures)} failed briefing(s): {shown}{more}; "
            f"fix and rerun `python -m helpers run --period {manifest.period}` before mailing"
        )
    missing = []
    for b in briefings:
        if b.pdf is None:
            missing.append(f"{b.label} (no PDF in the manifest)")
        elif not b.pdf.is_file():
            missing.append(f"{b.label} ({b.pdf})")
        else:
            with b.pdf.open("rb") as fh:
                if fh.read(5) != b"%PDF-":
                    missing.append(f"{b.label} ({b.pdf} is not a PDF)")
    if missing:
        raise MailError(
            f"PDF missing for {len(missing)} briefing(s): {', '.join(missing)}; "
            f"rerun `python -m helpers run --period {manifest.period}` before mailing"
        )


@dataclass(frozen=True)
class Recipients:
    """Who receives one message: the To and Cc headers and the SMTP envelope come from these."""

    to: tuple[Address, ...]
    cc: tuple[Address, ...] = ()

    @property
    def envelope(self) -> list[str]:
        """Bare addresses for RCPT TO: every address of To and Cc, each once."""
        return list(dict.fromkeys(a.addr_spec for a in (*self.to, *self.cc)))


_CRLF = re.compile(r"[\r\n\x00]")
#: Separators between the addresses of a cell: `;` (as Excel users write lists) or `,` (as mail
#: headers do). A `;` outside quotes becomes `,` before parsing; quoted display names keep theirs.
_SEMICOLON_OUTSIDE_QUOTES = re.compile(r';(?=(?:[^"]*"[^"]*")*[^"]*$)')


def parse_addresses(cell: str | None, where: str) -> tuple[Address, ...]:
    """Every address of a cell, as parsed by email.utils.getaddresses and then checked.

    `a@x.org; b@x.org`, `a@x.org, b@x.org` and `Boss <a@x.org>, "Li, Wei" <l@x.org>` all give
    every address; CR/LF, an address without a domain, or text the parser could not account for
    (each `@` must belong to exactly one parsed address) is an error naming `where`.
    """
    cell = cell or ""
    if _CRLF.search(cell):
        raise ReferenceError_(f"{where}: line break or NUL inside an address cell ({_one_line(cell, 60)!r}); "
                              "one line per cell, addresses separated by ;")
    if not cell.strip():
        return ()
    pairs = getaddresses([_SEMICOLON_OUTSIDE_QUOTES.sub(",", cell)])
    out: list[Address] = []
    for name, addr in pairs:
        if not name and not addr:
            continue
        if not _ADDR.match(addr):
            raise ReferenceError_(f"{where}: not an email address: {_one_line(name + ' ' + addr if name else addr, 80)!r} "
                                  f"in {_one_line(cell, 80)!r}")
        try:
            out.append(Address(display_name=name, addr_spec=addr))
        except (ValueError, IndexError, HeaderParseError) as e:
            raise ReferenceError_(f"{where}: not an email address: {addr!r} ({e})") from None
    # getaddresses drops or merges what it cannot parse; an address lost that way must not pass
    unquoted = re.sub(r'"(?:[^"\\]|\\.)*"', "", cell)
    if unquoted.count("@") != len(out):
        raise ReferenceError_(f"{where}: cannot read every address in {_one_line(cell, 80)!r} "
                              f"(found {len(out)}: {', '.join(a.addr_spec for a in out) or 'none'}); "
                              "separate addresses with ; and write names as Name <a@b.org>")
    return tuple(out)


def sender_address(sender: str | Address, where: str = "--from") -> Address:
    """The one sender address of `--from` (or HELPERS_MAIL_FROM); CR/LF or anything but exactly
    one valid address is refused (MailError)."""
    if isinstance(sender, Address):
        return sender
    try:
        found = parse_addresses(sender, where)
    except ReferenceError_ as e:
        raise MailError(str(e).replace("an address cell", "the sender")) from None
    if len(found) != 1:
        raise MailError(f"{where}: give exactly one sender address, not {len(found)}: {_one_line(sender, 80)!r}")
    return found[0]


def load_recipients(path: Path | str = paths.RECIPIENTS_CSV) -> dict[str, Recipients]:
    """Recipients by target ('city' or bureau name); rows with an empty `to` are left out.

    Every address of a cell counts: separated by `;` or `,`, with or without display names
    (`Boss <a@b.org>; x@y.org`); anything the parser cannot account for is an error naming
    file and line. The file may be UTF-8 or GBK/GB18030 as Excel saves it.
    """
    path = Path(path)
    if not path.exists():
        raise ReferenceError_(f"{path}: missing; it lists who receives each briefing ({','.join(RECIPIENT_COLUMNS)})")
    ref = read_reference(path)
    header, rows = ref.header, ref.rows
    if not set(RECIPIENT_COLUMNS) <= set(header):
        raise ReferenceError_(f"{path}: header must be {','.join(RECIPIENT_COLUMNS)}, found {header}")
    out: dict[str, Recipients] = {}
    seen: set[tuple[str, str]] = set()
    for line, row in rows:
        where = f"{path}:{line}"
        kind, bureau = row["kind"], norm(row["bureau"])
        if kind not in (CITY, "bureau"):
            raise ReferenceError_(f"{where}: kind must be city or bureau, not {kind!r}")
        if kind == "bureau" and not bureau:
            raise ReferenceError_(f"{where}: a bureau row needs the bureau's name")
        key = (kind, "" if kind == CITY else bureau)
        if key in seen:
            raise ReferenceError_(f"{where}: second row for {CITY_ZH if kind == CITY else bureau}")
        seen.add(key)
        target = CITY if kind == CITY else bureau
        to, cc = parse_addresses(row["to"], f"{where} (to)"), parse_addresses(row["cc"], f"{where} (cc)")
        if cc and not to:
            raise ReferenceError_(f"{where}: cc without to; a message needs a recipient in `to`")
        if to:
            out[target] = Recipients(to, cc)
    return out


def placeholder_address(bureau: str) -> str:
    """A stable placeholder address for a bureau (its name hashed: names are Chinese)."""
    return f"lead-{hashlib.sha1(bureau.encode('utf-8')).hexdigest()[:8]}@example.org"


def write_placeholder_recipients(bureaus: Iterable[str], path: Path | str = paths.RECIPIENTS_CSV) -> int:
    """Add example.org rows for the city and any bureau not yet in `path`; keep existing rows.

    Returns the number of rows added. Regenerate after the lead units change with e.g.
    `write_placeholder_recipients(bureaus.lead_units(read_table(tasks_path(P), TASKS_SCHEMA)))`.
    """
    path = Path(path)
    rows: list[dict[str, str]] = []
    if path.exists():
        rows = [{c: r.get(c, "") for c in RECIPIENT_COLUMNS} for _, r in read_reference(path).rows]
    have = {CITY if r["kind"] == CITY else r["bureau"] for r in rows}
    added = 0
    if CITY not in have:
        rows.insert(0, {"kind": CITY, "bureau": "", "to": "leaders@example.org;mayor-office@example.org",
                        "cc": "duchaban@example.org"})
        added += 1
    for b in dict.fromkeys(bureaus):
        if b and b not in have:
            rows.append({"kind": "bureau", "bureau": b, "to": placeholder_address(b), "cc": "duchaban@example.org"})
            added += 1
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")  # quotes a cell such as `"Li, Wei" <l@x.org>`
    writer.writerow(RECIPIENT_COLUMNS)
    writer.writerows([r[c] for c in RECIPIENT_COLUMNS] for r in rows)
    write_text(path, buf.getvalue())
    return added


# ---------------------------------------------------------------- content

@dataclass(frozen=True)
class Content:
    """What one message says: the briefing's headline sentence and the tasks behind the pace."""

    who: str
    headline: briefing.Headline
    sentence: str
    behind: pd.DataFrame  # behind tasks, largest lag first; `is_primary` False for joint leads
    behind_by_bureau: dict[str, int] = field(default_factory=dict)
    #: lines naming the tasks newly behind and behind two reports running (helpers.compare.chain)
    changes: tuple[str, ...] = ()


def message_content(tasks: pd.DataFrame, period_label: str, bureau: str | None = None) -> Content:
    """Headline and behind tasks for the city, or for one bureau, counted as its PDF counts them
    (helpers.report.briefing): the headline over the tasks it leads first, the list with joint leads too."""
    if bureau is None:
        h = briefing.headline(tasks)
        behind = briefing.behind_tasks(tasks).assign(is_primary=True)
        by_bureau = {str(k): int(v) for k, v in behind["bureau"].value_counts().items()}
        return Content(CITY_ZH, h, briefing.headline_sentence(h, period_label, CITY_ZH), behind, by_bureau)
    h = briefing.headline(tasks[tasks["bureau"] == bureau])
    try:
        mine = briefing.bureau_tasks(tasks, bureau)
        sentence = briefing.bureau_sentence(tasks, bureau, period_label)
    except KeyError:  # leads nothing in this table
        mine = tasks.iloc[0:0].assign(is_primary=True)
        sentence = briefing.headline_sentence(h, period_label, bureau)
    behind = mine[mine["status"] == "behind"]
    return Content(bureau, h, sentence, behind)


def with_changes(content: Content, period: str, tasks: Path | str | pd.DataFrame | None,
                 bureau: str | None) -> Content:
    """The content plus the lines naming newly behind and 连续滞后 tasks, when `run` compared the
    period with an earlier one (changes.parquet beside the task table)."""
    from dataclasses import replace

    from helpers.compare import chain

    if isinstance(tasks, pd.DataFrame):
        return content
    folder = Path(tasks).parent if tasks is not None else paths.processed_dir(period)
    return replace(content, changes=tuple(chain.mail_lines(chain.load_changes(period, folder), bureau)))


def _behind_detail(row: pd.Series) -> str:
    """Lag and completion of one behind task, in words."""
    parts = []
    if not pd.isna(row.get("completion_pct")):
        parts.append(f"完成{briefing.fmt_pct(row['completion_pct'])}")
    lag = row.get("lag_pts")
    # only a positive lag is a lag: a behind task (by override) at or above the pace has none to print
    if lag is not None and not pd.isna(lag) and lag > 0:
        parts.append(f"落后序时{briefing.fmt_pts(lag)}个百分点")
    return "，".join(parts) or "未达序时进度"


def _evidence(row: pd.Series) -> str:
    ev = row.get("evidence")
    return "" if ev is None or pd.isna(ev) else briefing.truncate(ev, _EVIDENCE_MAX)


def subject(period_label: str, who: str) -> str:
    return f"{period_label}重点工作落实情况简报 — {who}"


def attachment_name(period_label: str, who: str) -> str:
    return f"{period_label}重点工作落实情况简报_{safe_slug(who)}.pdf"


def _bodies(c: Content, period_label: str, attachments: Sequence[str]) -> tuple[str, str]:
    """Plain text and HTML of one message; every piece of report text is HTML-escaped."""
    title = subject(period_label, c.who)
    esc = html.escape
    text = [title, "", c.sentence]
    body = [f"<h2 style=\"font-size:18px\">{esc(title)}</h2>", f"<p><b>{esc(c.sentence)}</b></p>"]
    if c.behind_by_bureau:
        top = "、".join(f"{b}{n}项" for b, n in list(c.behind_by_bureau.items())[:10])
        more = "等" if len(c.behind_by_bureau) > 10 else ""
        line = f"滞后任务按牵头单位：{top}{more}。"
        text += ["", line]
        body.append(f"<p>{esc(line)}</p>")
    if c.who != CITY_ZH and len(c.behind):
        joint = not c.behind["is_primary"].all()
        head = "滞后于序时进度的任务" + ("（含联合牵头）" if joint else "") + "："
        text += ["", head]
        items = []
        for i, (_, r) in enumerate(c.behind.iterrows(), 1):
            ref = briefing.task_ref(r["table"], r["seq"])
            task = briefing.truncate(r["task"], 120) + ("（联合牵头）" if not r["is_primary"] else "")
            detail, ev = _behind_detail(r), _evidence(r)
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


# ---------------------------------------------------------------- messages

@dataclass
class Draft:
    """One message ready to write or send."""

    target: str
    label: str
    recipients: Recipients
    message: EmailMessage
    attachments: list[tuple[str, Path]]

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])


def _attach_pdf(msg: EmailMessage, data: bytes, name: str) -> None:
    msg.add_attachment(data, maintype="application", subtype="pdf", filename=name)
    # Clients that read the name from Content-Type rather than Content-Disposition find it there
    # too; the policy writes both as RFC 2231 (filename*=utf-8''…).
    msg.get_payload()[-1].set_param("name", name)


def build_message(item: Briefing, recipients: Recipients, content: Content, period: str, sender: str | Address,
                  city_pdf: Path | None = None) -> Draft:
    """The message for one briefing: headline as text and HTML, its PDF (and the city PDF) attached."""
    label = parse_code(period).label_zh
    files = [(attachment_name(label, item.label), item.pdf)]
    if city_pdf is not None and item.kind != CITY:
        files.append((attachment_name(label, CITY_ZH), city_pdf))
    text, doc = _bodies(content, label, [n for n, _ in files])
    msg = EmailMessage(policy=policy.SMTP)
    msg["Subject"] = subject(label, item.label)
    sender_addr = sender_address(sender)
    msg["From"] = sender_addr
    # The headers are the very Address objects the envelope is built from (Recipients.envelope).
    msg["To"] = recipients.to
    if recipients.cc:
        msg["Cc"] = recipients.cc
    msg["Date"] = formatdate(localtime=True)
    domain = sender_addr.domain or "localhost"
    msg["Message-ID"] = make_msgid("briefing", domain=domain)
    msg["X-Helpers-Period"] = period
    msg["X-Helpers-Target"] = item.target
    # base64 rather than 8bit: not every relay speaks 8BITMIME
    msg.set_content(text, subtype="plain", charset="utf-8", cte="base64")
    msg.add_alternative(doc, subtype="html", charset="utf-8", cte="base64")
    for name, pdf in files:
        _attach_pdf(msg, Path(pdf).read_bytes(), name)
    return Draft(item.target, item.label, recipients, msg, [(n, Path(p)) for n, p in files])


@dataclass
class Plan:
    """The messages of a period, and the briefings that have no recipients."""

    period: str
    drafts: list[Draft]
    no_recipients: list[str]
    warnings: list[str] = field(default_factory=list)


def plan_messages(
    period: str,
    *,
    manifest: Path | str | None = None,
    tasks: Path | str | pd.DataFrame | None = None,
    recipients: Path | str | None = None,
    root: Path | str | None = None,
    only: Sequence[str] | None = None,
    sender: str = DEFAULT_SENDER,
    attach_city: bool = True,
) -> Plan:
    """Check the run's outputs and build every message (or those of `only`) for `period`."""
    period = parse_code(period).code
    root = Path(root) if root is not None else paths.ROOT
    man = load_manifest(manifest if manifest is not None else paths.manifest_path(period), period, root)
    refuse_unfinished(man.path, period, root)
    if not man.briefings:
        raise MailError(f"{man.path}: lists no briefings; render with `python -m helpers run --period {period}`")
    chosen = list(man.briefings)
    if only:
        wanted = [CITY if o.strip() in (CITY, CITY_ZH) else norm(o) for o in only]
        known = {b.target for b in man.briefings}
        unknown = [w for w in wanted if w not in known]
        if unknown:
            raise MailError(f"--only: no briefing in {man.path} for {', '.join(unknown)} "
                            f"(known: {', '.join(sorted(known))})")
        chosen = [b for b in man.briefings if b.target in set(wanted)]
    city = next((b for b in man.briefings if b.kind == CITY), None)
    city_pdf = city.pdf if (attach_city and city is not None) else None
    check_ready(man, chosen + ([city] if city_pdf is not None and any(b.kind != CITY for b in chosen) else []))

    table = tasks if isinstance(tasks, pd.DataFrame) else read_table(
        Path(tasks) if tasks is not None else paths.tasks_path(period), TASKS_SCHEMA)
    periods = set(table["period"].dropna().unique())
    if periods and periods != {period}:
        raise MailError(f"task table is for period {', '.join(sorted(periods))}, not {period}")
    book = load_recipients(recipients if recipients is not None else paths.RECIPIENTS_CSV)
    label = parse_code(period).label_zh

    drafts, missing, warnings = [], [], []
    for b in chosen:
        rcpt = book.get(b.target)
        if rcpt is None:
            missing.append(b.label)
            continue
        content = message_content(table, label, None if b.kind == CITY else b.bureau)
        content = with_changes(content, period, tasks, None if b.kind == CITY else b.bureau)
        if content.headline.tasks == 0:
            warnings.append(f"{b.label}: leads no task in the task table; its message says 0 tasks")
        drafts.append(build_message(b, rcpt, content, period, sender, city_pdf))
    return Plan(period, drafts, missing, warnings)


# ---------------------------------------------------------------- dry run

def draft_filename(period: str, draft: Draft) -> str:
    return f"{period}-{CITY if draft.target == CITY else 'bureau-' + safe_slug(draft.target)}.eml"


def write_drafts(plan: Plan, out_dir: Path | str, prune: bool = True) -> list[Path]:
    """Write one .eml per message into `out_dir` atomically; with `prune`, drop this period's
    older drafts that no message of `plan` produced (so the folder never offers a stale one)."""
    out_dir = Path(out_dir)
    written: list[Path] = []
    used: set[str] = set()
    for d in plan.drafts:
        name = draft_filename(plan.period, d)
        if name in used:  # two names that map to the same safe form
            name = name[:-4] + "-" + hashlib.sha1(d.target.encode("utf-8")).hexdigest()[:6] + ".eml"
        used.add(name)
        path = out_dir / name
        write_bytes(path, d.message.as_bytes(policy=d.message.policy))
        written.append(path)
    if prune and out_dir.is_dir():
        for old in out_dir.glob(f"{plan.period}-*.eml"):
            if old.name not in used:
                old.unlink()
    return written


def _describe(d: Draft) -> list[str]:
    lines = [f"  {d.subject}", f"    to: {', '.join(map(str, d.recipients.to))}"]
    if d.recipients.cc:
        lines.append(f"    cc: {', '.join(map(str, d.recipients.cc))}")
    for name, p in d.attachments:
        lines.append(f"    attach: {name} ({p.stat().st_size:,} bytes)")
    return lines


# ---------------------------------------------------------------- sending

@dataclass
class SendReport:
    """What went and what did not, in order."""

    sent: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (target, error)
    not_attempted: list[str] = field(default_factory=list)
    partial: list[tuple[str, list[str]]] = field(default_factory=list)  # (target, refused addresses)

    @property
    def ok(self) -> bool:
        return not (self.failed or self.not_attempted or self.partial)

    @property
    def unsent(self) -> list[str]:
        return [t for t, _ in self.failed] + self.not_attempted


def _connection_lost(e: BaseException) -> bool:
    """True when the session is gone (later messages cannot go), False for a refused message."""
    if isinstance(e, smtplib.SMTPServerDisconnected):
        return True
    if isinstance(e, smtplib.SMTPResponseException):
        # smtplib closes the connection itself after a 421 reply
        return e.smtp_code == 421
    # SMTPException subclasses OSError: only a bare socket error means the link is down
    return not isinstance(e, smtplib.SMTPException)


def send_drafts(
    drafts: Sequence[Draft],
    host: str,
    port: int,
    *,
    starttls: bool = False,
    user: str | None = None,
    password: str | None = None,
    envelope_from: str | None = None,
    timeout: float = 30.0,
    ssl_context: ssl.SSLContext | None = None,
    log: Path | None = None,
) -> SendReport:
    """Deliver `drafts` over one SMTP connection; a refused message does not stop the others, a
    lost connection stops the run. Never raises for SMTP trouble: the report says what went."""
    report = SendReport()
    if not drafts:
        return report
    entries = [{"target": d.target, "subject": d.subject, "to": [str(a) for a in d.recipients.to],
                "cc": [str(a) for a in d.recipients.cc], "status": "pending"} for d in drafts]

    def record() -> None:
        if log is not None:
            write_json(log, {"host": host, "port": port, "user": user,
                             "time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                             "messages": entries})

    def abandon(start: int, why: str) -> None:
        for j in range(start, len(drafts)):
            report.not_attempted.append(drafts[j].target)
            entries[j].update(status="not sent", error=why)

    smtp: smtplib.SMTP | None = None
    try:
        try:
            smtp = smtplib.SMTP(host, port, timeout=timeout)
            smtp.ehlo()
            if starttls:
                smtp.starttls(context=ssl_context or ssl.create_default_context())
                smtp.ehlo()
            if user:
                if not (password or "").isascii() or not user.isascii():
                    # smtplib encodes AUTH as ASCII; its error would quote the offending character
                    raise smtplib.SMTPException("login: user or password has non-ASCII characters, which smtplib cannot send")
                smtp.login(user, password or "")
        except (smtplib.SMTPException, OSError) as e:
            abandon(0, f"connection: {_one_line(e)}")
            report.failed.append(("(connection)", _one_line(e)))
            return report
        from tqdm import tqdm

        # A bar in a terminal only: CI logs and pipes get the per-message lines of mail_command.
        quiet = not sys.stderr.isatty() or bool(os.environ.get("CI"))
        for i, d in enumerate(tqdm(drafts, desc="mail", unit="msg", disable=quiet, file=sys.stderr)):
            try:
                refused = smtp.send_message(d.message, from_addr=envelope_from or parseaddr(str(d.message["From"]))[1],
                                            to_addrs=d.recipients.envelope)
            except (smtplib.SMTPException, OSError) as e:
                err = _one_line(e)
                report.failed.append((d.target, err))
                entries[i].update(status="failed", error=err)
                if _connection_lost(e):
                    abandon(i + 1, "connection lost before this message")
                    break
                record()
                continue
            entries[i].update(status="sent", message_id=str(d.message["Message-ID"]))
            report.sent.append(d.target)
            if refused:
                report.partial.append((d.target, sorted(refused)))
                entries[i]["refused"] = sorted(refused)
            record()
    finally:
        record()
        if smtp is not None:
            try:
                smtp.quit()
            except (smtplib.SMTPException, OSError):
                smtp.close()
    return report


# ---------------------------------------------------------------- command

def _rerun_command(args: argparse.Namespace, targets: Sequence[str]) -> str:
    cmd = ["python", "-m", "helpers", "mail", "--period", args.period, "--send",
           "--smtp-host", args.smtp_host, "--smtp-port", str(args.smtp_port)]
    if args.starttls:
        cmd.append("--starttls")
    if getattr(args, "smtp_user", None):
        cmd += ["--smtp-user", args.smtp_user]
    if getattr(args, "out", None):
        cmd += ["--out", args.out]
    if getattr(args, "sender", None):
        cmd += ["--from", args.sender]
    # shlex.quote would wrap every Chinese name in quotes; only shell-special text needs them
    return " ".join(c if re.fullmatch(r"[\w@%+=:,./-]+", c) else shlex.quote(c) for c in cmd + ["--only", *targets])


def mail_command(args: argparse.Namespace, *, manifest: Path | None = None, tasks: Path | None = None,
                 recipients: Path | None = None, root: Path | None = None) -> int:
    """`python -m helpers mail`: drafts by default, SMTP with --send. 0 when every message was
    drafted or sent, 1 when some were not (each named, with the command that finishes the rest)."""
    period = parse_code(args.period).code
    sender = getattr(args, "sender", None) or os.environ.get(ENV_FROM) or DEFAULT_SENDER
    out_dir = Path(args.out) if getattr(args, "out", None) else paths.mail_dir(period)
    user = getattr(args, "smtp_user", None) or os.environ.get(ENV_USER) or None
    password = os.environ.get(ENV_PASSWORD) or None
    sender = str(sender_address(sender, "--from" if getattr(args, "sender", None) else
                                (ENV_FROM if os.environ.get(ENV_FROM) else "sender")))
    if args.send and user and not password:
        raise MailError(f"--smtp-user {user} given but {ENV_PASSWORD} is not set (the password is read only from there)")
    if args.send and user and not (password or "").isascii():
        raise MailError(f"{ENV_PASSWORD} has non-ASCII characters, which SMTP login (smtplib) cannot send")

    plan = plan_messages(period, manifest=manifest, tasks=tasks, recipients=recipients, root=root,
                         only=args.only, sender=sender)
    rc = 0
    for w in plan.warnings:
        print(f"warning: {w}", file=sys.stderr)
    if not args.send:
        files = write_drafts(plan, out_dir, prune=not args.only)
        print(f"dry run: would send {len(plan.drafts)} message(s); drafts in {out_dir}")
        for d, f in zip(plan.drafts, files):
            print("\n".join(_describe(d)) + f"\n    draft: {f.name}")
        print("add --send to deliver them over SMTP")
    elif not plan.drafts:
        print("nothing to send")
    else:
        if password and not user:
            print(f"warning: {ENV_PASSWORD} is set but no user; not logging in", file=sys.stderr)
        if user and not args.starttls and args.smtp_host not in ("localhost", "127.0.0.1", "::1"):
            print("warning: logging in without --starttls sends the password unencrypted", file=sys.stderr)
        log = out_dir / f"send-{datetime.now(timezone.utc).strftime('%Y%m%dT%H%M%SZ')}.json"
        report = send_drafts(plan.drafts, args.smtp_host, args.smtp_port, starttls=args.starttls,
                             user=user, password=password if user else None,
                             envelope_from=sender_address(sender).addr_spec, log=log)
        by_target = {d.target: d for d in plan.drafts}
        print(f"sent {len(report.sent)} of {len(plan.drafts)} message(s) via {args.smtp_host}:{args.smtp_port} (log: {log})")
        for t in report.sent:
            print(f"  sent: {by_target[t].subject} → {', '.join(by_target[t].recipients.envelope)}")
        for t, refused in report.partial:
            print(f"  partly refused: {by_target[t].label}: {', '.join(refused)}", file=sys.stderr)
        for t, err in report.failed:
            print(f"  NOT sent: {by_target[t].label if t in by_target else t}: {err}", file=sys.stderr)
        for t in report.not_attempted:
            print(f"  NOT sent: {by_target[t].label} (not attempted)", file=sys.stderr)
        if report.unsent:
            todo = [t for t in report.unsent if t in by_target]
            print(f"to send the rest: {_rerun_command(args, todo)}", file=sys.stderr)
        if not report.ok:
            rc = 1
    if plan.no_recipients:
        print(f"no recipients for {len(plan.no_recipients)} briefing(s), not sent: {', '.join(plan.no_recipients)}; "
              f"add rows to {recipients or paths.RECIPIENTS_CSV}, then rerun with --only", file=sys.stderr)
        rc = 1
    return rc
