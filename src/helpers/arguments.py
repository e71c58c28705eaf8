"""argparse in Chinese: the command line's help and its refusals of a bad argument.

argparse writes its own words (usage:, options:, "the following arguments are required") through
gettext, with no Chinese catalogue shipped. The help's headings are set here; its refusals, which
reach `error()` already worded, are matched against Python's templates and said again from
helpers.messages. A refusal no template matches keeps argparse's text inside a Chinese line.
"""

from __future__ import annotations

import argparse
import re
import unicodedata
from typing import Any, NoReturn

from helpers.messages import say

#: argparse's refusals (Python 3.9–3.13 texts), most specific first → the helpers.messages key.
_REFUSALS = (
    (r"the following arguments are required: (?P<args>.+)", "arg.required"),
    (r"unrecognized arguments: (?P<args>.+)", "arg.unrecognized"),
    (r"one of the arguments (?P<args>.+) is required", "arg.one_of"),
    (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)", "arg.ambiguous"),
    (r"argument (?P<arg>[^:]+): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)", "arg.invalid_choice"),
    (r"argument (?P<arg>[^:]+): invalid \S+ value: (?P<value>.+)", "arg.invalid_value"),
    (r"argument (?P<arg>[^:]+): expected one argument", "arg.expected_one"),
    (r"argument (?P<arg>[^:]+): expected at least one argument", "arg.expected_some"),
    (r"argument (?P<arg>[^:]+): not allowed with argument (?P<other>.+)", "arg.not_with"),
    (r"argument (?P<arg>[^:]+): ignored explicit argument (?P<value>.+)", "arg.ignored_value"),
    # our own ArgumentTypeError texts (helpers.cli's --period, --jobs …), Chinese already
    (r"argument (?P<arg>[^:]+): (?P<text>.+)", "arg.bad"),
)
_COMPILED = tuple((re.compile(pattern, re.S), key) for pattern, key in _REFUSALS)


def refusal(message: str) -> str:
    """argparse's refusal `message` in Chinese (its own words, framed, when no template fits)."""
    for pattern, key in _COMPILED:
        m = pattern.fullmatch(message)
        if m:
            return say(key, **m.groupdict())
    return say("arg.other", text=message)


def width(text: str) -> int:
    """Columns `text` takes in a terminal: a Chinese character (East Asian wide or full-width) two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


#: Punctuation a Chinese line never starts with (it stays at the end of the line before).
_NO_LINE_START = set("，。、；：？！）」』”’》")


def wrap(text: str, columns: int) -> list[str]:
    """`text` in lines of at most `columns` terminal columns: Chinese breaks between any two
    characters, a run of ASCII (an option, a path, a code) is never cut."""
    lines, line = [], ""
    for token in re.findall(r"[\x21-\x7e]+|\s+|.", " ".join(text.split())):
        if line and width(line) + width(token) > columns and token not in _NO_LINE_START:
            lines.append(line.rstrip())
            line = "" if token.isspace() else token
        else:
            line += token
    return lines + [line.rstrip()] if line.strip() else lines


class Formatter(argparse.RawDescriptionHelpFormatter):
    """Help laid out as written (examples keep their lines), headed 用法：, its sections 选项：and
    命令：, its columns counted as a terminal shows them (argparse counts characters: Chinese
    options and help drift right)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._headings: set[str] = set()

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, say("help.usage") if prefix is None else prefix)

    def start_section(self, heading: str | None) -> None:
        super().start_section(heading)
        if heading:
            self._headings.add(heading)

    def format_help(self) -> str:
        # argparse ends every section heading with an ASCII colon of its own ("%s:"); after
        # Chinese the colon is full-width, as in 用法：and 示例：
        text = super().format_help()
        for heading in self._headings:
            text = re.sub(rf"^( *){re.escape(heading)}:$", rf"\g<1>{heading}：", text, flags=re.M)
        return text

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if action.help is not argparse.SUPPRESS:
            shown = [self._format_action_invocation(a) for a in [action, *self._iter_indented_subactions(action)]]
            self._action_max_length = max(self._action_max_length,
                                          max(map(width, shown)) + self._current_indent)

    def _split_lines(self, text: str, columns: int) -> list[str]:
        return wrap(text, columns)

    def _format_action(self, action: argparse.Action) -> str:
        position = min(self._action_max_length + 2, self._max_help_position)
        room = position - self._current_indent - 2
        header = self._format_action_invocation(action)
        indent = " " * self._current_indent
        if action.help and width(header) <= room:  # the help starts beside the option
            parts, first = [indent + header + " " * (room - width(header) + 2)], 0
        else:
            parts, first = [indent + header + "\n"], position
        text = self._expand_help(action) if action.help and action.help.strip() else ""
        lines = self._split_lines(text, max(self._width - position, 11)) if text else []
        parts += [" " * (first if n == 0 else position) + line + "\n" for n, line in enumerate(lines)]
        if not lines and not parts[0].endswith("\n"):
            parts.append("\n")
        parts += [self._format_action(sub) for sub in self._iter_indented_subactions(action)]
        return self._join_parts(parts)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose help and refusals are Chinese; a bad argument is one line on
    stderr (exit 2), like every other error of the command line."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, add_help=False, **kwargs)
        # argparse names its two default groups in English; the titles are plain attributes
        self._positionals.title = say("help.positionals")
        self._optionals.title = say("help.options")
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=say("help.help"))

    def error(self, message: str) -> NoReturn:
        self.exit(2, say("error", text=say("cli.usage", prog=self.prog, problem=refusal(message))) + "\n")
