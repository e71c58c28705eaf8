"""A row's cells: put into the table's columns (helpers.read.align), units written inside the task
cell, spanning cells carried down, a row cut off by the end of the file, what a 备注 column holds."""

from __future__ import annotations

import re

from helpers.read.align import CARRIED, align, is_status, is_unit, is_verdict, join, split_person
from helpers.read.bureaus import looks_like_unit, norm
from helpers.read.records import _INT, Parsed, RawRow, Table, _strip_pipe

#: Between the parts of a progress printed in several columns (a period's value, the text, a remark),
#: as the judge's labelled set joins them: a numeric first part stays readable as the value.
PART_SEP = " | "
_UNIT_IN_TASK = re.compile(r"\s*(?:责任单位|牵头单位|责任部门)[:：]\s*(?P<u>[^。]+?)\s*[。]?$")
_UNIT_IN_BRACKETS = re.compile(r"[(（](?P<u>[^()（）]{2,60})[)）]\s*$")


def _fill(table: Table, row: RawRow, items: list[tuple[int, str]], parsed: Parsed,
          carried: dict[str, str], eof_row: bool, one_line: bool = False) -> None:
    """Put a row's cells (items after its 序号) into the table's columns."""
    cols = tuple(table.roles[table.roles.index("seq") + 1:])
    texts = [_strip_pipe(t) for _, t in items]
    carry = any(r in CARRIED for r in table.roles[: table.roles.index("seq")]) or "group" in table.roles
    placed = None
    keep = len(texts)
    while placed is None and keep > 0:
        placed = align(texts[:keep], cols, carry=carry, last_at_eof=eof_row)
        if placed is None:
            keep -= 1
    for it in items[keep:]:
        parsed.unassigned_lines.append({"line": it[0], "text": it[1].strip()})
    for role, idxs in zip(cols, placed or [[] for _ in cols]):
        idxs = [i for i in idxs if texts[i].strip()]
        if role == "progress":
            # a bare page number inside a progress cell's paragraphs is page chrome
            pages = [i for i in idxs[1:] if _INT.match(norm(texts[i])) and len(norm(texts[i])) <= 3 and not one_line]
            for i in pages:
                parsed.chrome_lines.append({"line": items[i][0], "text": texts[i].strip(), "why": "page number"})
            idxs = [i for i in idxs if i not in pages]
        if not idxs:
            continue
        text = join(role, [texts[i] for i in idxs], one_line)
        _put(row, role, text, sorted({items[i][0] for i in idxs}))
    _finish_row(table, row, carried)


def _put(row: RawRow, role: str, text: str, lines: list[int]) -> None:
    if role in row.cells:  # two columns of one role (an unknown header twice): keep both
        row.cells[role] += "\n" + text
        row.lines[role] += lines
    else:
        row.cells[role], row.lines[role] = text, lines
    row.line_end = max([row.line_end] + lines)


def _finish_row(table: Table, row: RawRow, carried: dict[str, str]) -> None:
    """Units written inside the task cell, and spanning cells carried down to the rows below."""
    task = row.cells.get("task", "")
    if task and not row.cells.get("bureau"):
        m = _UNIT_IN_TASK.search(task)
        if m:
            row.cells["task"], row.cells["bureau"] = task[: m.start()].rstrip() , m["u"].strip()
            row.lines["bureau_in_task"] = list(row.lines.get("task", []))
        elif "bureau" not in table.roles:
            m = _UNIT_IN_BRACKETS.search(task)
            if m and is_unit(m["u"]):
                row.cells["task"], row.cells["bureau"] = task[: m.start()].rstrip(), m["u"].strip()
                row.lines["bureau_in_task"] = list(row.lines.get("task", []))
    carry = "group" in table.roles
    if row.cells.get("group") and carried.get("group") != row.cells["group"]:
        carried.clear()  # a new group: nothing printed for the last group spans into it
    for role in CARRIED:
        if role not in table.roles:
            continue
        if row.cells.get(role):
            carried[role] = row.cells[role]
        elif carry and role in carried:
            row.cells[role] = carried[role]
            row.carried.append(role)
    if row.cells.get("group"):
        row.section = row.cells["group"]
    tidy_row(table, row)


#: Labelled parts of a progress cell: 进展情况：… 存在问题：… 下一步打算：…
PART_LABEL = re.compile(
    r"(?:^|(?<=[\n。；;]))\s*(?:[一二三四五六七八九十]、|\d[.、．]|[(（][一二三四五六七八九十\d][)）])?\s*"
    r"(?P<label>进展情况|工作进展|落实情况|推进情况|完成情况|存在问题|存在的问题|困难和问题|主要问题|"
    r"下一步打算|下步打算|下一步工作|下步工作|下一步计划|下步计划|下一步工作打算|下步工作打算|下一步|下步)\s*[:：]\s*")
_PART_ROLE = {"存在问题": "problems", "存在的问题": "problems", "困难和问题": "problems", "主要问题": "problems"}


def split_parts(text: str) -> dict[str, str]:
    """A progress cell's labelled parts: progress, problems, next_steps (a part absent is left out)."""
    marks = list(PART_LABEL.finditer(text))
    if not marks or not any(_PART_ROLE.get(m["label"]) or m["label"].startswith(("下一步", "下步")) for m in marks):
        opening = marks[0] if marks and marks[0].start() == 0 else None  # 落实情况：… heading the cell
        return {"progress": text[opening.end():] if opening else text}
    out: dict[str, list[str]] = {}
    head = text[: marks[0].start()].strip()
    if head:
        out.setdefault("progress", []).append(head)
    for m, nxt in zip(marks, marks[1:] + [None]):
        label = m["label"]
        role = _PART_ROLE.get(label) or ("next_steps" if label.startswith(("下一步", "下步")) else "progress")
        body = text[m.end(): nxt.start() if nxt else len(text)].strip()
        if body:
            out.setdefault(role, []).append(body)
    return {r: "\n".join(v) for r, v in out.items()}


#: A cell that says "nothing here" (无法量化的填“—”).
DASH = re.compile(r"^[-—–－―/／\\]+$")
_BARE_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?$")


def fold_numbers(row: RawRow) -> None:
    """A numeric table's cells as the judge reads them: the period's value (1-6月完成) opens the
    progress, before any text of it; the 计量单位 goes after a bare target figure (68 → 68亿元);
    a dash says there is nothing (a rate of —)."""
    for role in ("actual", "rate", "target", "measure"):
        if DASH.match(norm(row.cells.get(role, "")) or "-"):
            row.cells.pop(role, None)
    measure = norm(row.cells.pop("measure", ""))
    if measure and _BARE_NUMBER.match(norm(row.cells.get("target", ""))):
        row.cells["target"] = norm(row.cells["target"]) + measure
    if row.cells.get("actual"):
        value, lines = row.cells.pop("actual"), row.lines.pop("actual", [])
        rest = row.cells.get("progress", "")
        row.cells["progress"] = value + (PART_SEP + rest if rest else "")
        row.lines["progress"] = lines + row.lines.get("progress", [])


def tidy_row(table: Table, row: RawRow) -> None:
    """Split labelled progress parts and unit+person cells; flag what does not fit its column."""
    fold_numbers(row)
    if row.cells.get("progress"):
        parts = split_parts(row.cells["progress"])
        for role, text in parts.items():
            row.cells[role] = text
        if "progress" not in parts:
            row.cells.pop("progress")
    for role in ("bureau", "co_bureau"):
        if row.cells.get(role):
            unit, person = split_person(row.cells[role])
            if person:
                row.cells[role] = unit
                row.cells["people"] = "、".join(filter(None, [row.cells.get("people"), person]))
    flag_row(table, row)


def flag_row(table: Table, row: RawRow) -> None:
    """Cells that do not fit their column: the row is kept, flagged with why (never glued silently)."""
    task, progress = row.cells.get("task", ""), row.cells.get("progress", "")
    if task and is_status(norm(task)):
        row.flags.append(f"重点工作栏是状态词“{norm(task)}”")
    first = norm(progress.split("\n")[0]) if progress else ""
    if first and is_unit(first):
        row.flags.append(f"落实情况以单位名称开头（“{first[:20]}”），疑为单位栏错位")
    if "bureau" in table.roles and not row.cells.get("bureau") and row.parent_seq is None:
        row.flags.append("未读到牵头单位（单位栏为空或无法识别）")
    bureau = norm(row.cells.get("bureau", ""))
    if bureau and (len(bureau) > 60 or not is_unit(bureau)):
        row.flags.append(f"牵头单位栏不像单位名称（“{bureau[:20]}…”）")


def flag_gaps(table: Table) -> None:
    """A row followed by a gap in 序号 (12, then 14) is where the missing row may have gone: a
    misprinted 序号 (l3, 13、) is no 序号, so its task, unit and progress run on in the row above.
    That row is flagged unless the missing numbers turn up further down (then the next row's 序号
    was the misprint, flagged where it is read)."""
    rows = [r for r in table.rows if r.parent_seq is None]
    later = [{r.seq for r in rows[k:]} for k in range(len(rows) + 1)]
    for k, (row, nxt) in enumerate(zip(rows, rows[1:])):
        missing = range(row.seq + 1, nxt.seq)
        if nxt.seq == 1 or not missing or nxt.section != row.section or later[k + 2] & set(missing):
            continue
        shown = "、".join(map(str, missing[:3])) + ("…" if len(missing) > 3 else "")
        row.flags.append(f"序号{row.seq}之后缺{shown}：缺的任务可能因序号印误并入了此行，请对照原文")


def _looks_truncated(row: RawRow, table: Table, closed: bool = False) -> bool:
    """The file ends inside the table: is its last row complete?"""
    cols = table.roles[table.roles.index("seq") + 1:]
    if "task" not in row.cells or not (row.cells.get("progress") or row.cells.get("status")):
        return True
    if "bureau" in cols and not is_unit(row.cells.get("bureau", "")):
        return True
    last_filled = max((i for i, r in enumerate(cols) if row.cells.get(r)), default=-1)
    last_text = norm(row.cells[cols[last_filled]]) if last_filled >= 0 else ""
    if cols[last_filled] == "progress" and not re.search(r"[。；;！!）)”\"]$", last_text):
        return True
    if table.declared is not None and len(table.rows) + 1 < table.declared:
        return True
    return not closed and last_filled < len(cols) - 1 and cols[last_filled] in ("progress", "task")


def _split_line_row(rest: str, pre: list[str], after: str = "progress") -> tuple[dict[str, str], str] | None:
    """Split the first line of a row into the cells before the progress, and the progress.
    `after` is the role of the column after `pre` (the progress, or none)."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", rest.replace("\u00a0", " ").replace("\u3000", " "))]
    tokens = [rest[a:b] for a, b in spans]
    if len(tokens) < 2:
        return None
    cells: dict[str, str] = {}
    t = 0
    for role in pre:
        if t >= len(tokens):
            break
        if role in ("bureau", "co_bureau"):
            # a unit name may itself be broken by spaces (市生态  环境局)
            for width in (1, 2, 3):
                cand = "".join(tokens[t:t + width])
                if is_unit(cand):
                    cells[role] = cand
                    t += width
                    break
            else:
                return None if role == "bureau" else (cells, rest[spans[t][0]:])
        elif role == "task":
            # the task runs until the first token that opens the next column
            nxt = pre[pre.index(role) + 1] if pre.index(role) + 1 < len(pre) else (after or "bureau")
            if nxt == "progress":  # no mark between a task and its progress: the task is one token
                u = t + 1 if t + 1 < len(tokens) else None
            else:
                u = next((i for i in range(t + 1, len(tokens)) if _opens(nxt, tokens, i)), None)
            if u is None:
                return None
            cells[role] = " ".join(tokens[t:u])
            t = u
        else:
            cells[role] = tokens[t]
            t += 1
    progress = rest[spans[t][0]:] if t < len(tokens) else ""
    return cells, progress


_FIGURE = re.compile(r"^[-+]?\d+(?:\.\d+)?\s*[\u4e00-\u9fff%‰]{0,4}$|^[-—–－]$")
_PERSON_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")


def _opens(role: str, tokens: list[str], i: int) -> bool:
    """Does token i open a column of this role on a space-separated row: a unit name, a person
    before a unit, a measure before a figure (% 6.5, 亿元 68), a figure?"""
    tok, nxt = tokens[i], (tokens[i + 1] if i + 1 < len(tokens) else "")
    if role == "people":
        return bool(_PERSON_NAME.match(tok)) and not looks_like_unit(tok) and \
            (looks_like_unit(nxt) or looks_like_unit(nxt + (tokens[i + 2] if i + 2 < len(tokens) else "")))
    if role == "measure":
        return (tok in ("%", "‰") or bool(re.fullmatch(r"[\u4e00-\u9fff]{1,3}", tok))) and bool(_FIGURE.match(nxt))
    if role in ("target", "actual", "rate"):
        return bool(_FIGURE.match(tok))
    return looks_like_unit(tok) or looks_like_unit(tok + nxt)


def _settle_columns(table: Table) -> None:
    """Decide what a 备注 / 说明 / second progress column holds, from its cells.

    A column whose cells are mostly verdicts (超额完成, 达序推进, 已完成年度投资计划) is the table's
    status column when the table has none: its verdict cells are the status, any other remark in it
    (因征收方案调整暂停实施) goes to the end of the progress; a note column of remarks goes there too.
    """
    for role in ("progress_other", "note"):
        texts = [r.cells[role] for r in table.rows if r.cells.get(role)]
        if not texts:
            continue
        verdicts = sum(is_verdict(t) for t in texts)
        if "status" not in table.roles and verdicts and verdicts * 2 >= len(texts):
            header = table.fields.get(role)
            table.roles = ["status" if r == role else r for r in table.roles]
            table.fields["status"] = header or role
            for r in table.rows:
                if role in r.cells:
                    _move(r, role, "status" if is_verdict(r.cells[role]) else "progress")
        elif role == "note":
            for r in table.rows:
                if r.cells.get("note"):
                    _move(r, "note", "progress")


def _move(row: RawRow, role: str, to: str) -> None:
    """A cell into another column; into a filled progress it is appended as one more part."""
    text, lines = row.cells.pop(role), row.lines.pop(role, [])
    if to == "progress" and row.cells.get("progress"):
        row.cells["progress"] = row.cells["progress"] + PART_SEP + text
        row.lines["progress"] = row.lines.get("progress", []) + lines
    else:
        row.cells[to], row.lines[to] = text, lines
