"""Deliver drafts over SMTP, remembering every delivery in a send log.

The send log (`send-log.json` beside the drafts) records, per message fingerprint, the
addresses the server accepted and those it refused. A second `--send` skips a message every
address of which has it already, and sends a partly refused one to the refused addresses only:
nothing is delivered twice, and a refused address is never reported as sent.
"""

from __future__ import annotations

import json
import os
import smtplib
import socket
import ssl
import sys
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parseaddr
from pathlib import Path
from typing import Any, Sequence

from helpers.deliver.message import Draft
from helpers.deliver.recipients import one_line
from helpers.errors import MailError, os_problem
from helpers.messages import say
from helpers.files import write_json

LOG_NAME = "send-log.json"
#: The target of a failure to reach the server at all (no message was attempted).
CONNECTION = "(connection)"
#: The environment variable the SMTP password is read from (never an option, never printed).
ENV_PASSWORD = "HELPERS_SMTP_PASSWORD"


@dataclass
class SendReport:
    """What went and what did not, in order."""

    sent: list[str] = field(default_factory=list)  # delivered to every address it had to reach
    failed: list[tuple[str, str]] = field(default_factory=list)  # (target, error)
    not_attempted: list[str] = field(default_factory=list)
    refused: list[tuple[str, dict[str, str]]] = field(default_factory=list)  # (target, address → reply)
    skipped: list[str] = field(default_factory=list)  # delivered by an earlier --send (send log)
    accepted: dict[str, list[str]] = field(default_factory=dict)  # target → addresses accepted now

    @property
    def ok(self) -> bool:
        return not (self.failed or self.not_attempted or self.refused)

    @property
    def unsent(self) -> list[str]:
        return [t for t, _ in self.failed] + [t for t, _ in self.refused] + self.not_attempted


class SendLog:
    """Every delivery attempt of a mail folder, by message fingerprint (read, appended, rewritten
    atomically after each message)."""

    def __init__(self, path: Path | None):
        self.path = path
        self.entries: list[dict[str, Any]] = []
        if path is not None and path.exists():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                self.entries = [e for e in data.get("messages", []) if isinstance(e, dict)]
            except (OSError, ValueError, AttributeError):
                raise MailError(say("sendlog.unreadable", path=path)) from None

    def delivered(self, fp: str) -> set[str]:
        """Addresses that already have the message of fingerprint `fp`."""
        return {a for e in self.entries if e.get("fingerprint") == fp for a in e.get("accepted", [])}

    def add(self, entry: dict[str, Any]) -> None:
        self.entries.append({**entry, "time": datetime.now(timezone.utc).isoformat(timespec="seconds")})
        if self.path is not None:
            write_json(self.path, {"messages": self.entries})


def _connection_lost(e: BaseException) -> bool:
    """True when the session is gone (later messages cannot go), False for a refused message."""
    if isinstance(e, smtplib.SMTPServerDisconnected):
        return True
    if isinstance(e, smtplib.SMTPResponseException):
        # smtplib closes the connection itself after a 421 reply
        return e.smtp_code == 421
    if isinstance(e, smtplib.SMTPRecipientsRefused):
        return False
    # SMTPException subclasses OSError: only a bare socket error means the link is down
    return not isinstance(e, smtplib.SMTPException)


def _reply(code_msg: Any) -> str:
    code, msg = code_msg if isinstance(code_msg, tuple) else (code_msg, b"")
    text = msg.decode("utf-8", "replace") if isinstance(msg, bytes) else str(msg)
    return one_line(f"{code} {text}", 120)


def _response(e: smtplib.SMTPResponseException) -> str:
    """The reply a server refused with, in Chinese words for the kinds a researcher can act on."""
    reply = _reply((e.smtp_code, e.smtp_error))
    if isinstance(e, smtplib.SMTPAuthenticationError):
        return say("smtp.auth", reply=reply, env=ENV_PASSWORD)
    if e.smtp_code == 530:  # "must issue STARTTLS first" / "authentication required", at any command
        return say("smtp.needs_login", reply=reply)
    if isinstance(e, smtplib.SMTPSenderRefused):
        return say("smtp.sender_refused", addr=e.sender, reply=reply)
    if e.smtp_code == 421:  # the server closes the session
        return say("smtp.disconnected", reply=reply)
    if isinstance(e, smtplib.SMTPDataError):
        return say("smtp.data_refused", reply=reply)
    return say("smtp.reply", reply=reply)


def smtp_problem(e: BaseException, host: str, port: int) -> str:
    """One Chinese line for what went wrong talking to the mail server (never its traceback)."""
    if isinstance(e, smtplib.SMTPResponseException):
        return _response(e)
    if isinstance(e, smtplib.SMTPNotSupportedError):
        return say("smtp.no_starttls" if "STARTTLS" in str(e).upper() else "smtp.no_auth")
    if isinstance(e, smtplib.SMTPServerDisconnected):
        return say("smtp.disconnected", reply=one_line(e, 120) or "-")
    if isinstance(e, ssl.SSLCertVerificationError):
        return say("smtp.tls", problem=say("smtp.cert", why=one_line(e.verify_message or e.reason, 120)))
    if isinstance(e, ssl.SSLError):
        return say("smtp.tls", problem=one_line(e.reason or e, 120))
    if isinstance(e, smtplib.SMTPException):  # raised by smtplib with its own words
        return say("smtp.other", problem=one_line(e, 120))
    if isinstance(e, ConnectionRefusedError):
        problem = say("smtp.refused_connection")
    elif isinstance(e, socket.gaierror):
        problem = say("smtp.no_host")
    elif isinstance(e, TimeoutError):
        problem = say("smtp.timed_out")
    else:
        problem = os_problem(e) if isinstance(e, OSError) else one_line(e, 120)
    return say("smtp.connect", host=host, port=port, problem=problem)


def _connect(host: str, port: int, starttls: bool, user: str | None, password: str | None,
             timeout: float, ssl_context: ssl.SSLContext | None) -> smtplib.SMTP:
    smtp = smtplib.SMTP(host, port, timeout=timeout)
    try:
        smtp.ehlo()
        if starttls:
            smtp.starttls(context=ssl_context or ssl.create_default_context())
            smtp.ehlo()
        if user:
            if not (password or "").isascii() or not user.isascii():
                # smtplib encodes AUTH as ASCII; its error would quote the offending character
                raise smtplib.SMTPException(say("smtp.non_ascii_login"))
            smtp.login(user, password or "")
    except BaseException:
        smtp.close()
        raise
    return smtp


def _send_one(smtp: smtplib.SMTP, server: tuple[str, int], d: Draft, to: list[str], sender: str | None,
              report: SendReport, log: SendLog) -> bool:
    """Send one message to `to` over `smtp`, connected to `server` (host, port); False when the
    connection is lost."""
    entry: dict[str, Any] = {"fingerprint": d.fingerprint, "target": d.target, "subject": d.subject}
    try:
        refused = smtp.send_message(d.message, from_addr=sender or parseaddr(str(d.message["From"]))[1],
                                    to_addrs=to)
    except smtplib.SMTPRecipientsRefused as e:  # every address refused
        reasons = {str(a): _reply(r) for a, r in e.recipients.items()}
        report.refused.append((d.target, reasons))
        log.add({**entry, "status": "refused", "accepted": [], "refused": reasons})
        return True
    except (smtplib.SMTPException, OSError) as e:
        problem = smtp_problem(e, *server)
        report.failed.append((d.target, problem))
        log.add({**entry, "status": "failed", "accepted": [], "error": problem})
        return not _connection_lost(e)
    reasons = {str(a): _reply(r) for a, r in (refused or {}).items()}
    accepted = [a for a in to if a not in reasons]
    report.accepted[d.target] = accepted
    if reasons:
        report.refused.append((d.target, reasons))
    else:
        report.sent.append(d.target)
    log.add({**entry, "status": "partly refused" if reasons else "sent", "accepted": accepted,
             "refused": reasons, "message_id": str(d.message["Message-ID"])})
    return True


def send_drafts(drafts: Sequence[Draft], host: str, port: int, *, starttls: bool = False,
                user: str | None = None, password: str | None = None, envelope_from: str | None = None,
                timeout: float = 30.0, ssl_context: ssl.SSLContext | None = None,
                log: Path | None = None) -> SendReport:
    """Deliver `drafts` over one SMTP connection, each to the addresses of its envelope the send
    log does not show as delivered; a refused message does not stop the others, a lost
    connection stops the run. Never raises for SMTP trouble: the report says what went."""
    report, book = SendReport(), SendLog(log)
    todo: list[tuple[Draft, list[str]]] = []
    for d in drafts:
        have = book.delivered(d.fingerprint)
        rest = [a for a in d.recipients.envelope if a not in have]
        if rest:
            todo.append((d, rest))
        else:
            report.skipped.append(d.target)
    if not todo:
        return report
    try:
        smtp = _connect(host, port, starttls, user, password, timeout, ssl_context)
    except (smtplib.SMTPException, OSError) as e:
        report.failed.append((CONNECTION, smtp_problem(e, host, port)))
        report.not_attempted += [d.target for d, _ in todo]
        return report
    from tqdm import tqdm

    # A bar in a terminal only: CI logs and pipes get the per-message lines of the command.
    quiet = not sys.stderr.isatty() or bool(os.environ.get("CI"))
    try:
        for i, (d, to) in enumerate(tqdm(todo, desc=say("progress.mail"), unit=say("progress.mail_unit"), disable=quiet,
                                         file=sys.stderr)):
            if not _send_one(smtp, (host, port), d, to, envelope_from, report, book):
                report.not_attempted += [t.target for t, _ in todo[i + 1:]]
                break
    finally:
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()
    return report
