"""What the office's mail says around the figures: `data/reference/mail_settings.toml`.

The office edits its name, sender, reply-to address, the subject, a greeting and an opening
for the city's message and for a unit's, a closing and a signature. Each text is a template
with named blanks (`{unit}`, `{behind}` …, listed in the file's comments and in `FIELDS`); a
blank that does not exist is refused with the names that do, before any message is built.
"""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from helpers import paths
from helpers.errors import MailError
from helpers.messages import say

#: The blanks a template may name, and what fills them.
FIELDS = {
    "unit": "收件单位名称（城市简报为“全市”）",
    "period": "期间，如“2024年上半年”",
    "office": "办公室名称",
    "headline": "简报的总体情况句",
    "tasks": "重点工作项数",
    "behind": "滞后的项数",
    "behind_word": "滞后的说法",
    "on_pace": "达到或超过序时进度（含已完成）的项数",
    "completed": "已完成的项数",
    "warnings": "预警情况",
}
#: (table, key) of every template the file must hold.
TEMPLATES = (("subject", "template"), ("city", "greeting"), ("city", "opening"), ("bureau", "greeting"),
             ("bureau", "opening"), ("closing", "text"), ("closing", "signature"))


@dataclass(frozen=True)
class MailSettings:
    """The office's texts and addresses, as read from the settings file."""

    path: Path
    office: str
    sender: str
    reply_to: str | None
    texts: dict[tuple[str, str], str]

    def fill(self, table: str, key: str, values: Mapping[str, Any]) -> str:
        """The template `[table] key` with its blanks filled from `values` (and the office's name)."""
        return self.texts[(table, key)].format_map({"office": self.office, **values}).strip("\n")


def _check(path: Path, where: str, template: str) -> None:
    try:
        names = [f for _, f, _, _ in string.Formatter().parse(template) if f is not None]
    except ValueError as e:
        raise MailError(say("settings.bad_template", path=path, where=where, problem=e)) from None
    for name in names:
        if name not in FIELDS:
            raise MailError(say("settings.unknown_name", path=path, where=where, name=name,
                                names="、".join("{" + f + "}" for f in FIELDS)))


def load_settings(path: Path | str | None = None) -> MailSettings:
    """Read and check the settings file; MailError (one line, the file named) when it cannot be used."""
    path = Path(path or paths.MAIL_SETTINGS_TOML)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise MailError(say("settings.missing", path=path)) from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise MailError(say("settings.unreadable", path=path, problem=" ".join(str(e).split()))) from None
    texts: dict[tuple[str, str], str] = {}
    for table, key in TEMPLATES:
        value = data.get(table, {}).get(key) if isinstance(data.get(table), dict) else None
        if not isinstance(value, str):
            raise MailError(say("settings.no_text", path=path, table=table, key=key))
        _check(path, f"[{table}] {key}", value)
        texts[(table, key)] = value
    office = data.get("office") if isinstance(data.get("office"), dict) else {}
    name, sender = office.get("name"), office.get("sender")
    if not isinstance(name, str) or not name.strip() or not isinstance(sender, str) or not sender.strip():
        raise MailError(say("settings.no_office", path=path))
    reply = office.get("reply_to")
    return MailSettings(path, name.strip(), sender.strip(), reply.strip() if isinstance(reply, str) and reply.strip()
                        else None, texts)
