"""Email a period's briefings: a preview a person approves, then SMTP delivery of exactly that.

One message per briefing listed in `output/<period>/manifest.json`: the city briefing to the
leadership list, each unit's briefing to that unit (recipients from
`data/reference/recipients.csv`). `mail` (or `mail --preview`) writes the `.eml` drafts and a
preview page listing every message; `mail --send` sends only what that preview listed, and
refuses when anything changed since (helpers.deliver.approval). Nothing is sent, nor drafted,
while the run is unfinished, recorded a failed briefing or a PDF is missing. The SMTP password
is read from HELPERS_SMTP_PASSWORD only and never printed, logged or written.
"""

from __future__ import annotations

import hashlib
import os
import re
import shlex
import sys
from dataclasses import dataclass, field
from email.headerregistry import Address
from pathlib import Path
from typing import Iterable, Sequence

import pandas as pd

from helpers import paths
from helpers.deliver import approval, content
from helpers.deliver.message import Draft, build_message
from helpers.compare import chain
from helpers.deliver.recipients import (CITY, CITY_ZH, Recipients, load_recipients, one_line,
                                        sender_address)
from helpers.deliver.settings import MailSettings, load_settings
from helpers.deliver.smtp import CONNECTION, ENV_PASSWORD, LOG_NAME, SendReport, send_drafts
from helpers.errors import MailError
from helpers.files import safe_slug, write_bytes
from helpers.messages import say
from helpers.period import parse_code
from helpers.read.bureaus import norm
from helpers.report import warning_levels
from helpers.paths import resolve
from helpers.report.manifest import Manifest, ManifestError, in_progress, problems
from helpers.schema import TASKS_SCHEMA, read_table

ENV_USER, ENV_FROM = "HELPERS_SMTP_USER", "HELPERS_MAIL_FROM"


# ---------------------------------------------------------------- the run's briefings

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


def load_briefings(path: Path, period: str, root: Path) -> tuple[Manifest, list[Briefing]]:
    """The run's manifest and its briefings (research pages are not mailed)."""
    try:
        m = Manifest.read(path)
    except ManifestError as e:
        if not path.exists():
            raise MailError(f"{path}：" + say("mail.no_manifest", period=period)) from None
        raise MailError(str(e)) from None
    if m.period and m.period != period:
        raise MailError(f"{path}：" + say("mail.other_period", found=m.period, period=period))
    out: list[Briefing] = []
    for page in m.briefings:
        if not page.is_briefing:
            continue
        b = Briefing(page.kind, None if page.kind == CITY else norm(str(page.bureau)), resolve(page.pdf, root))
        if b.target in {x.target for x in out}:
            raise MailError(f"{path}：" + say("mail.listed_twice", who=b.label))
        out.append(b)
    return m, out


def refuse_unfinished(manifest: Path | str, period: str, root: Path | str = paths.ROOT) -> None:
    """Refuse (MailError) a run folder that is not one finished, consistent run
    (helpers.report.manifest.problems)."""
    manifest = Path(manifest)
    found = [in_progress(manifest.parent) or ""]
    if not found[0]:
        m = Manifest.read(manifest)
        found = problems(m, manifest.parent, Path(root), pages=m.briefings)
    if found:
        raise MailError(say("mail.unfinished", problem=found[0], period=period))


def check_ready(m: Manifest, path: Path, briefings: Iterable[Briefing]) -> None:
    """Refuse (MailError) when the run recorded failures or a PDF to attach is missing."""
    if m.failures:
        shown = "；".join(f"{f.bureau or CITY_ZH}（{f.notebook or f.kind or '?'}）：{one_line(f.error, 100)}"
                          for f in m.failures[:3])
        more = f"等{len(m.failures)}份" if len(m.failures) > 3 else ""
        raise MailError(say("mail.failures", path=path, n=len(m.failures), shown=shown, more=more, period=m.period))
    missing = []
    for b in briefings:
        if b.pdf is None:
            missing.append(say("mail.pdf_not_listed", who=b.label))
        elif not b.pdf.is_file():
            missing.append(f"{b.label}（{b.pdf}）")
        else:
            with b.pdf.open("rb") as fh:
                if fh.read(5) != b"%PDF-":
                    missing.append(say("mail.pdf_not_pdf", who=b.label, path=b.pdf))
    if missing:
        raise MailError(say("mail.pdf_missing", n=len(missing), which="、".join(missing), period=m.period))


# ---------------------------------------------------------------- the messages

@dataclass
class Plan:
    """The messages of a period, and the briefings that have no recipients."""

    period: str
    drafts: list[Draft]
    no_recipients: list[str]
    warnings: list[str] = field(default_factory=list)
    sender: str = ""  # the From of every message


def _chosen(briefings: list[Briefing], only: Sequence[str] | None, where: Path) -> list[Briefing]:
    if not only:
        return list(briefings)
    wanted = [CITY if o.strip() in (CITY, CITY_ZH) else norm(o) for o in only]
    known = {b.target for b in briefings}
    unknown = [w for w in wanted if w not in known]
    if unknown:
        raise MailError(say("mail.only_unknown", path=where, unknown="、".join(unknown), known="、".join(sorted(known))))
    return [b for b in briefings if b.target in set(wanted)]


def _task_table(period: str, tasks: Path | str | pd.DataFrame | None) -> pd.DataFrame:
    """The period's task table with the warning levels its pages show (reports running behind
    from the comparison beside it)."""
    if isinstance(tasks, pd.DataFrame):
        table, changes = tasks, None
    else:
        path = Path(tasks) if tasks is not None else paths.tasks_path(period)
        table, changes = read_table(path, TASKS_SCHEMA), chain.load_changes(period, path.parent)
    periods = set(table["period"].dropna().unique())
    if periods and periods != {period}:
        raise MailError(say("mail.table_period", found="、".join(sorted(periods)), period=period))
    return warning_levels.assign(table, changes) if warning_levels.COLUMN not in table else table


def _draft(b: Briefing, rcpt: Recipients, c: content.Content, period: str, office: MailSettings,
           sender: Address, city_pdf: Path | None) -> Draft:
    label = parse_code(period).label_zh
    files = [(content.attachment_name(label, b.label), b.pdf)]
    if city_pdf is not None and b.kind != CITY:
        files.append((content.attachment_name(label, CITY_ZH), city_pdf))
    text_html = content.bodies(c, label, [n for n, _ in files], office)
    reply = sender_address(office.reply_to, f"{office.path} [office] reply_to") if office.reply_to else None
    return build_message(b.target, b.label, rcpt, office.fill("subject", "template", c.blanks(label)),
                         sender, text_html, files, period, reply)


def plan_messages(period: str, *, manifest: Path | str | None = None,
                  tasks: Path | str | pd.DataFrame | None = None, recipients: Path | str | None = None,
                  root: Path | str | None = None, only: Sequence[str] | None = None,
                  sender: str | None = None, attach_city: bool = True,
                  settings: Path | str | None = None) -> Plan:
    """Check the run's outputs and build every message (or those of `only`) for `period`, in the
    words of the office's settings file; `sender` None is the settings' sender."""
    period = parse_code(period).code
    root = Path(root) if root is not None else paths.ROOT
    path = Path(manifest) if manifest is not None else paths.manifest_path(period)
    if in_progress(path.parent):
        refuse_unfinished(path, period, root)
    m, briefings = load_briefings(path, period, root)
    refuse_unfinished(path, period, root)
    if not briefings:
        raise MailError(say("mail.no_briefings", path=path, period=period))
    chosen = _chosen(briefings, only, path)
    city = next((b for b in briefings if b.kind == CITY), None)
    city_pdf = city.pdf if (attach_city and city is not None) else None
    check_ready(m, path, chosen + ([city] if city_pdf is not None and any(b.kind != CITY for b in chosen) else []))
    office = load_settings(settings)
    sender_addr = sender_address(sender or office.sender, "--from" if sender else f"{office.path} [office] sender")
    table = _task_table(period, tasks)
    book = load_recipients(recipients if recipients is not None else paths.RECIPIENTS_CSV)
    drafts, missing, warnings = [], [], []
    for b in chosen:
        rcpt = book.get(b.target)
        if rcpt is None:
            missing.append(b.label)
            continue
        bureau = None if b.kind == CITY else b.bureau
        c = content.message_content(table, parse_code(period).label_zh, bureau)
        if c.headline.tasks == 0:
            warnings.append(say("mail.leads_nothing", who=b.label))
        c = content.with_changes(c, period, tasks, bureau)
        drafts.append(_draft(b, rcpt, c, period, office, sender_addr, city_pdf))
    return Plan(period, drafts, missing, warnings, str(sender_addr))


# ---------------------------------------------------------------- drafts and preview

def draft_filename(period: str, draft: Draft) -> str:
    return f"{period}-{CITY if draft.target == CITY else 'bureau-' + safe_slug(draft.target)}.eml"


def write_drafts(plan: Plan, out_dir: Path | str, owned: Iterable[str] = ()) -> list[Path]:
    """Write one .eml per message into `out_dir` atomically; then remove the drafts of `owned`
    (those an earlier preview wrote, as its record lists them) that no message of `plan`
    produced. A file the command did not write is never touched."""
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
    for old in owned:
        if old not in used and Path(old).name == old and old.endswith(".eml"):
            (out_dir / old).unlink(missing_ok=True)
    return written


def _describe(d: Draft) -> list[str]:
    lines = [f"  {d.subject}", f"    to: {', '.join(map(str, d.recipients.to))}"]
    if d.recipients.cc:
        lines.append(f"    cc: {', '.join(map(str, d.recipients.cc))}")
    for a in d.listing["attachments"]:
        lines.append(f"    attach: {a['name']} ({a['bytes']:,} bytes, sha256 {a['sha256'][:12]}…)")
    return lines


def preview(plan: Plan, out_dir: Path, only: Sequence[str] | None, recipients: Path | str | None = None) -> int:
    """Write the drafts and the preview page; 1 when a briefing has no recipients."""
    before = approval.Preview.read(out_dir)
    owned = before.drafts if before is not None else []
    files = write_drafts(plan, out_dir, owned=[] if only else owned)
    names = sorted({f.name for f in files} | (set(owned) if only else set()))
    record = approval.Preview(plan.period, approval.listings(plan.drafts), list(only) if only else None,
                              list(plan.no_recipients), [n for n in names if (out_dir / n).exists()])
    page = approval.write_preview(record, out_dir, plan.sender)
    print(say("mail.previewed", n=len(plan.drafts), folder=out_dir))
    for d, f in zip(plan.drafts, files):
        print("\n".join(_describe(d)) + "\n" + say("mail.draft", name=f.name))
    print(say("preview.written", page=page))
    return _no_recipients(plan, recipients)


def _no_recipients(plan: Plan, recipients: Path | str | None = None) -> int:
    if not plan.no_recipients:
        return 0
    print(say("mail.no_recipients", n=len(plan.no_recipients), units="、".join(plan.no_recipients),
              csv=recipients or paths.RECIPIENTS_CSV), file=sys.stderr)
    return 1


# ---------------------------------------------------------------- sending

@dataclass(frozen=True)
class Smtp:
    """Where and how to send."""

    host: str = "localhost"
    port: int = 25
    starttls: bool = False
    user: str | None = None
    password: str | None = None

    def check(self, sending: bool) -> None:
        """Refuse (MailError) a port that cannot exist and, when sending, a login without password."""
        if not 1 <= self.port <= 65535:
            raise MailError(say("mail.bad_port", port=self.port))
        if not sending:
            return
        if self.user and not self.password:
            raise MailError(say("mail.user_without_password", user=self.user, env=ENV_PASSWORD))
        if self.user and not (self.password or "").isascii():
            raise MailError(say("mail.password_not_ascii", env=ENV_PASSWORD))


def _rerun_command(period: str, smtp: Smtp, out: str | None, sender: str | None, allow_test: bool,
                   targets: Sequence[str]) -> str:
    cmd = ["python", "-m", "helpers", "mail", "--period", period, "--send",
           "--smtp-host", smtp.host, "--smtp-port", str(smtp.port)]
    cmd += ["--starttls"] if smtp.starttls else []
    cmd += ["--smtp-user", smtp.user] if smtp.user else []
    cmd += ["--out", out] if out else []
    cmd += ["--from", sender] if sender else []
    cmd += ["--allow-test-addresses"] if allow_test else []
    # shlex.quote would wrap every Chinese name in quotes; only shell-special text needs them
    return " ".join(c if re.fullmatch(r"[\w@%+=:,./-]+", c) else shlex.quote(c) for c in cmd + ["--only", *targets])


def _report(report: SendReport, drafts: Sequence[Draft], smtp: Smtp, log: Path) -> None:
    by_target = {d.target: d for d in drafts}
    went = len(report.sent) + len(report.refused) - sum(1 for t, _ in report.refused if not report.accepted.get(t))
    print(say("mail.sent", went=went, total=len(drafts) - len(report.skipped), host=smtp.host, port=smtp.port, log=log))
    for t in report.skipped:
        print(say("mail.skipped", subject=by_target[t].subject))
    for t, accepted in report.accepted.items():
        if accepted:
            print(say("mail.sent_one", subject=by_target[t].subject, to=", ".join(accepted)))
    for t, refused in report.refused:
        for addr, why in refused.items():
            print(say("mail.refused", unit=by_target[t].label, addr=addr, why=why), file=sys.stderr)
    for t, err in report.failed:
        unit = by_target[t].label if t in by_target else say("mail.connection") if t == CONNECTION else t
        print(say("mail.not_sent", unit=unit, err=err), file=sys.stderr)
    for t in report.not_attempted:
        print(say("mail.not_attempted", unit=by_target[t].label), file=sys.stderr)


def send(plan: Plan, approved: approval.Preview, out_dir: Path, only: Sequence[str] | None, smtp: Smtp,
         allow_test: bool) -> SendReport:
    """Send the messages the last preview listed (those of `only` among them), after checking
    they are exactly what it listed and reach no placeholder address unless `allow_test`."""
    approval.changes_since(approved, plan.drafts, plan.no_recipients, out_dir)
    drafts = plan.drafts
    if only:
        wanted = {CITY if o.strip() in (CITY, CITY_ZH) else norm(o) for o in only}
        drafts = [d for d in drafts if d.target in wanted]
        unknown = wanted - {d.target for d in drafts}
        if unknown:
            raise MailError(say("mail.only_not_previewed", unknown="、".join(sorted(unknown))))
    fake = approval.placeholders(drafts)
    if fake and not allow_test:
        raise MailError(say("mail.placeholders", n=len(fake), shown="、".join(fake[:3]), csv=paths.RECIPIENTS_CSV.name,
                            more=say("mail.placeholders_more") if len(fake) > 3 else ""))
    log = out_dir / LOG_NAME
    report = send_drafts(drafts, smtp.host, smtp.port, starttls=smtp.starttls, user=smtp.user,
                         password=smtp.password if smtp.user else None,
                         envelope_from=sender_address(plan.sender).addr_spec, log=log)
    _report(report, drafts, smtp, log)
    return report


def mail(period: str, *, out: str | Path | None = None, send_now: bool = False, smtp: Smtp = Smtp(),
         only: Sequence[str] | None = None, sender: str | None = None, allow_test_addresses: bool = False,
         manifest: Path | None = None, tasks: Path | None = None, recipients: Path | None = None,
         settings: Path | None = None, root: Path | None = None) -> int:
    """`python -m helpers mail`: drafts and the preview page by default, SMTP with `send_now`.
    0 when every message was previewed or sent, 1 when some were not (each named, with the
    command that finishes the rest)."""
    period = parse_code(period).code
    smtp.check(send_now)
    chosen = sender or os.environ.get(ENV_FROM)  # else the office's settings
    address = str(sender_address(chosen, "--from" if sender else ENV_FROM)) if chosen else None
    out_dir = Path(out) if out else paths.mail_dir(period)
    approved = approval.approved(out_dir, period) if send_now else None
    plan = plan_messages(period, manifest=manifest, tasks=tasks, recipients=recipients, root=root,
                         only=approved.only if approved is not None else only, sender=address,
                         settings=settings)
    for w in plan.warnings:
        print(say("warning", text=w), file=sys.stderr)
    if approved is None:
        return preview(plan, out_dir, only, recipients)
    if smtp.password and not smtp.user:
        print(say("warning", text=say("mail.no_user", env=ENV_PASSWORD)), file=sys.stderr)
    if smtp.user and not smtp.starttls and smtp.host not in ("localhost", "127.0.0.1", "::1"):
        print(say("warning", text=say("mail.plain_login")), file=sys.stderr)
    report = send(plan, approved, out_dir, only, smtp, allow_test_addresses)
    if report.unsent:
        todo = list(dict.fromkeys(t for t in report.unsent if t in {d.target for d in plan.drafts}))
        again = _rerun_command(period, smtp, str(out) if out else None, sender, allow_test_addresses, todo)
        print(say("mail.rerun", command=again), file=sys.stderr)
    return max(0 if report.ok else 1, _no_recipients(plan, recipients))


def mail_command(period: str, *, out: Path | str | None = None, send: bool = False, smtp_host: str = "localhost",
                 smtp_port: int = 25, starttls: bool = False, smtp_user: str | None = None,
                 only: Sequence[str] | None = None, sender: str | None = None, allow_test_addresses: bool = False,
                 manifest: Path | None = None, tasks: Path | None = None, recipients: Path | None = None,
                 settings: Path | None = None, root: Path | None = None) -> int:
    """The `mail` command: `mail` with the SMTP account of the options and the environment (the
    password only from the environment, never an option)."""
    user = smtp_user or os.environ.get(ENV_USER) or None
    smtp = Smtp(smtp_host, smtp_port, starttls, user, os.environ.get(ENV_PASSWORD) or None)
    return mail(period, out=out, send_now=send, smtp=smtp, only=only, sender=sender,
                allow_test_addresses=allow_test_addresses, manifest=manifest, tasks=tasks, recipients=recipients,
                settings=settings, root=root)
