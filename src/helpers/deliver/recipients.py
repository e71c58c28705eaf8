"""Who receives a period's briefings: `data/reference/recipients.csv`, addresses checked.

One row per target (the city, or a lead unit), `to` and `cc` cells holding any number of
addresses. An address at a placeholder domain (example.org, .invalid, .test, localhost …) can
be drafted and previewed but not sent unless the sender says it is a test
(`is_placeholder`).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.utils import getaddresses
from pathlib import Path
from typing import Iterable

from helpers import paths
from helpers.errors import MailError, ReferenceError_
from helpers.files import spreadsheet_text, write_text
from helpers.messages import say
from helpers.read.bureaus import norm
from helpers.reference_csv import read_reference

CITY = "city"
CITY_ZH = "全市"
RECIPIENT_COLUMNS = ("kind", "bureau", "to", "cc")
_ADDR = re.compile(r"^[^@\s<>;,]+@[^@\s<>;,]+\.[^@\s<>;,]+$")
#: Domains reserved for examples and tests (RFC 2606, RFC 6761): mail there reaches nobody real.
PLACEHOLDER_DOMAINS = ("example.org", "example.com", "example.net")
PLACEHOLDER_TLDS = ("invalid", "test", "example", "localhost")


def one_line(text: object, limit: int = 160) -> str:
    """`text` on one line, cut to `limit` characters."""
    s = " ".join(str(text).split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def is_placeholder(address: str) -> bool:
    """True for an address at a reserved example or test domain (or plain localhost)."""
    domain = address.rpartition("@")[2].strip().rstrip(".").lower()
    if domain == "localhost" or domain.rpartition(".")[2] in PLACEHOLDER_TLDS:
        return True
    return any(domain == d or domain.endswith("." + d) for d in PLACEHOLDER_DOMAINS)


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
        raise ReferenceError_(say("recipients.crlf", where=where, cell=one_line(cell, 60)))
    if not cell.strip():
        return ()
    pairs = getaddresses([_SEMICOLON_OUTSIDE_QUOTES.sub(",", cell)])
    out: list[Address] = []
    for name, addr in pairs:
        if not name and not addr:
            continue
        if not _ADDR.match(addr):
            raise ReferenceError_(say("recipients.not_address", where=where, cell=one_line(cell, 80),
                                      addr=one_line(name + ' ' + addr if name else addr, 80)))
        try:
            out.append(Address(display_name=name, addr_spec=addr))
        except (ValueError, IndexError, HeaderParseError) as e:
            raise ReferenceError_(say("recipients.bad_address", where=where, addr=addr, problem=e)) from None
    # getaddresses drops or merges what it cannot parse; an address lost that way must not pass
    unquoted = re.sub(r'"(?:[^"\\]|\\.)*"', "", cell)
    if unquoted.count("@") != len(out):
        raise ReferenceError_(say("recipients.unaccounted", where=where, cell=one_line(cell, 80), n=len(out),
                                  found="、".join(a.addr_spec for a in out) or "无"))
    return tuple(out)


def sender_address(sender: str | Address, where: str = "--from") -> Address:
    """The one sender address of `--from` (or HELPERS_MAIL_FROM); CR/LF or anything but exactly
    one valid address is refused (MailError)."""
    if isinstance(sender, Address):
        return sender
    if _CRLF.search(sender):  # a second header smuggled into From
        raise MailError(say("recipients.sender_crlf", where=where, cell=one_line(sender, 60)))
    try:
        found = parse_addresses(sender, where)
    except ReferenceError_ as e:
        raise MailError(str(e)) from None
    if len(found) != 1:
        raise MailError(say("recipients.one_sender", where=where, n=len(found), sender=one_line(sender, 80)))
    return found[0]


def load_recipients(path: Path | str = paths.RECIPIENTS_CSV) -> dict[str, Recipients]:
    """Recipients by target ('city' or bureau name); rows with an empty `to` are left out.

    Every address of a cell counts: separated by `;` or `,`, with or without display names
    (`Boss <a@b.org>; x@y.org`); anything the parser cannot account for is an error naming
    file and line. The file may be UTF-8 or GBK/GB18030 as Excel saves it.
    """
    path = Path(path)
    if not path.exists():
        raise ReferenceError_(say("recipients.missing", path=path, columns=",".join(RECIPIENT_COLUMNS)))
    ref = read_reference(path)
    header, rows = ref.header, ref.rows
    if not set(RECIPIENT_COLUMNS) <= set(header):
        raise ReferenceError_(say("recipients.header", path=path, columns=",".join(RECIPIENT_COLUMNS), header=",".join(header)))
    out: dict[str, Recipients] = {}
    seen: set[tuple[str, str]] = set()
    for line, row in rows:
        where = f"{path}:{line}"
        kind, bureau = row["kind"], norm(row["bureau"])
        if kind not in (CITY, "bureau"):
            raise ReferenceError_(say("recipients.kind", where=where, kind=kind))
        if kind == "bureau" and not bureau:
            raise ReferenceError_(say("recipients.no_bureau", where=where))
        key = (kind, "" if kind == CITY else bureau)
        if key in seen:
            raise ReferenceError_(say("recipients.twice", where=where, who=CITY_ZH if kind == CITY else bureau))
        seen.add(key)
        target = CITY if kind == CITY else bureau
        to, cc = parse_addresses(row["to"], f"{where} (to)"), parse_addresses(row["cc"], f"{where} (cc)")
        if cc and not to:
            raise ReferenceError_(say("recipients.cc_only", where=where))
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
    # a name such as =cmd <a@b.org> is text in Excel, never a formula (read back as typed)
    writer.writerows([spreadsheet_text(r[c]) for c in RECIPIENT_COLUMNS] for r in rows)
    write_text(path, buf.getvalue())
    return added

