"""One message of a period's mail: headers, bodies, attachments, and what a person approves of it.

`Draft.listing` is the message as the preview page shows it — unit, sender, to, cc, subject,
each attachment with the sha256 of its data, the bodies' checksum — and `Draft.fingerprint`
its hash: `--send` sends a message only when its fingerprint is one the last preview listed,
and the send log remembers deliveries by it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import Any, Sequence

from helpers.deliver.recipients import Recipients


@dataclass
class Draft:
    """One message ready to write or send."""

    target: str  # "city" or the unit
    label: str  # 全市 or the unit
    recipients: Recipients
    message: EmailMessage
    attachments: list[tuple[str, Path]]
    listing: dict[str, Any]

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.listing)


def fingerprint(listing: dict[str, Any]) -> str:
    """sha256 of a message's listing (everything a person approved of it)."""
    text = json.dumps(listing, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _attach_pdf(msg: EmailMessage, data: bytes, name: str) -> None:
    msg.add_attachment(data, maintype="application", subtype="pdf", filename=name)
    # Clients that read the name from Content-Type rather than Content-Disposition find it there
    # too; the policy writes both as RFC 2231 (filename*=utf-8''…).
    msg.get_payload()[-1].set_param("name", name)


def build_message(target: str, label: str, recipients: Recipients, subject: str, sender: Address,
                  bodies: tuple[str, str], files: Sequence[tuple[str, Path]], period: str,
                  reply_to: Address | None = None) -> Draft:
    """The message: text and HTML bodies, the PDFs attached under the given names."""
    text, doc = bodies
    msg = EmailMessage(policy=policy.SMTP)
    msg["Subject"] = subject
    msg["From"] = sender
    if reply_to is not None:
        msg["Reply-To"] = reply_to
    # The headers are the very Address objects the envelope is built from (Recipients.envelope).
    msg["To"] = recipients.to
    if recipients.cc:
        msg["Cc"] = recipients.cc
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid("briefing", domain=sender.domain or "localhost")
    msg["X-Helpers-Period"] = period
    msg["X-Helpers-Target"] = target
    # base64 rather than 8bit: not every relay speaks 8BITMIME
    msg.set_content(text, subtype="plain", charset="utf-8", cte="base64")
    msg.add_alternative(doc, subtype="html", charset="utf-8", cte="base64")
    attached = []
    for name, pdf in files:
        data = Path(pdf).read_bytes()
        _attach_pdf(msg, data, name)
        attached.append({"name": name, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)})
    listing = {
        "target": target, "label": label, "subject": subject, "from": str(sender),
        "reply_to": str(reply_to) if reply_to is not None else None,
        "to": [str(a) for a in recipients.to], "cc": [str(a) for a in recipients.cc],
        "envelope": recipients.envelope, "attachments": attached,
        "body_sha256": hashlib.sha256((text + "\0" + doc).encode("utf-8")).hexdigest(),
        "text": text,
    }
    return Draft(target, label, recipients, msg, [(n, Path(p)) for n, p in files], listing)

