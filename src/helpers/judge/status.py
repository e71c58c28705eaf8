"""Pace status of every task: the rules of docs/judging.md applied to what helpers.judge.parts read.

Per part, in order: a verdict phrase about it; a completion ratio (stated, else computed from an
actual in the target's unit) against the pace; a rate, level or comparison target met or missed.
A task is behind when any part is (mixed when another part is on pace or better); else blocked if a
part is; else the least advanced measured part; else pending if a part is; else qualitative.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from helpers.judge.clauses import as_printed, fold_width, is_result
from helpers.judge import shown
from helpers.judge.confidence import decide, plausible
from helpers.judge.coverage import SHORT
from helpers.judge.parts import Part, Reading, read
from helpers.judge.lexicon import Lexicon, load_lexicon
from helpers.judge.quantities import fold_numerals, to_float
from helpers.judge.events import promised_later
from helpers.judge.whole import task_aim
from helpers.period import parse_code
from helpers.schema import INDICATOR_COLUMNS, TASK_COLUMNS
from helpers.statuses import (
    DEFAULT_AHEAD_MARGIN,
    MEASURED,
    NO,
    ON_PACE_OR_BETTER,
    REASON_SEP,
    STATUS_ZH,
    YES,
    official_words,
    _PRECISION,
    aggregate,
    by_role,
    ratio_status,
    review_reason,
)

_JUDGEMENT_COLS = ("status", "status_zh", "completion_pct", "pace", "lag_pts", "method", "evidence",
                   "is_mixed", "is_target_adjusted", "status_source", "official_status_code",
                   "needs_review", "review_reason", "note_reason")


@dataclass
class Judgement:
    tasks: pd.DataFrame
    indicators: pd.DataFrame
    review: list[dict]
    official_disagreements: list[dict]


def met_status(met: bool, is_year_end: bool) -> str:
    """A rate, level or comparison target: met → on_pace (completed at the year's end), missed → behind."""
    if not met:
        return "behind"
    return "completed" if is_year_end else "on_pace"


# 达到序时进度 beside a figure already at 100 %: both say at least the pace, the verdict is the report's
_COMPATIBLE = {"on_pace": ("on_pace", "ahead", "completed"), "ahead": ("ahead", "on_pace"), "completed": ("completed",),
               "behind": ("behind",)}


def _measured_status(part: Part, pace: float, ahead_margin: float, is_year_end: bool, due: bool = False) -> str | None:
    """Status from the part's figures alone (ratio, 过半, or a rate/level/comparison met or missed)."""
    r = part.stated_ratio if part.stated_ratio is not None else part.computed_ratio
    if r is not None and part.stated_ratio is None and part.target is not None and part.target.held:
        return met_status(round(r, _PRECISION) >= 1, is_year_end)  # a stock held, not a year's additions
    if r is not None and part.period_target:
        # a ratio of the quarter's own target: met is on pace, never the year's completion
        return met_status(round(r, _PRECISION) >= 1, False)
    if r is not None:
        return ratio_status(r, pace, ahead_margin)
    if part.half is not None:
        s = ratio_status(part.half, pace, ahead_margin)
        return "on_pace" if s == "completed" else s  # 过半 is more than half, never all of it
    if part.deliverable_missed:
        # a one-off deliverable not yet done: behind once the year is over or when promised for
        # after it, else not measured
        return "behind" if is_year_end or part.promised_later else None
    if due and part.target is not None and part.target.kind == "deliverable" and part.verdict is None:
        return "behind"  # the year is over and the deliverable is not reported done (nor awaited)
    if part.met is not None:
        return met_status(part.met, is_year_end)
    return None


def _other_reading(part: Part, measured: str | None, pace: float, ahead_margin: float) -> None:
    """The figures read another way — their sum or one item of it (helpers.judge.apart), or the target's own
    figure beside a ratio that names nothing of the target — reach another status: which reading holds is
    the researcher's call."""
    if part.other_ratio is None or measured is None or part.period_target \
            or (part.target is not None and part.target.held):
        return
    other = ratio_status(part.other_ratio, pace, ahead_margin)
    if other != measured:
        part.review.append(review_reason(part.other_reason, f"{part.other_text}（{STATUS_ZH[other]}）"))


def part_status(part: Part, pace: float, ahead_margin: float, is_year_end: bool, due: bool = False) -> str:
    """Status of one part: a verdict about it first, else its figures; qualitative when nothing decides.

    A verdict that the figures contradict (达到序时进度 beside 45%, 未完成 beside 100%) keeps the
    verdict and is flagged on the part: a conflict is never silently won.
    """
    plausible(part)
    measured = _measured_status(part, pace, ahead_margin, is_year_end, due)
    if measured is None and part.deliverable_missed and part.evidence is not None and part.evidence.status == SHORT:
        # 57家中已实行的50家 before the year's end: a coverage measured short, which no pace judges
        part.review.append(review_reason("coverage_short", part.evidence.text))
    _other_reading(part, measured, pace, ahead_margin)
    if part.share_range is not None and measured is not None and \
            (part.stated_ratio is not None or part.computed_ratio is not None):
        low, high = (ratio_status(float(x), pace, ahead_margin) for x in part.share_range)
        if low != high:  # 九成以上 at 1-11月: behind or on pace, the words do not say which
            part.review.append(review_reason("approximate", f"{STATUS_ZH[low]}或{STATUS_ZH[high]}"))
    if part.verdict:
        verdict = "completed" if part.verdict == "on_pace" and is_year_end else part.verdict
        if measured in ("on_pace", "ahead") and verdict in ("on_pace", "ahead"):
            return measured  # 快于序时进度5.6个百分点: whether that is ahead is the margin's call
        if measured and verdict in _COMPATIBLE and measured not in _COMPATIBLE[verdict]:
            reason = review_reason("verdict_conflict", f"结论为{STATUS_ZH[verdict]}，数据为{STATUS_ZH[measured]}")
            if reason not in part.review:
                part.review.append(reason)
        return verdict
    return measured or "qualitative"


def _promised_for_later(ev) -> bool:
    """The result promised, not reported, for after this year (预计次年3月形成成果报告): a forecast or an
    intention clause (a plan's own period in a title, 《…规划（2021—2035年）》, is reported, no promise)."""
    f = promised_later(None, ev)
    return f is not None and not is_result(ev.layout.modality_at(f.start))


def _done_in_words_only(parts: list[Part], statuses: list[str]) -> bool:
    """A completion said in words (a verdict or an event), no figure measuring it."""
    return all(p.stated_ratio is None and p.computed_ratio is None and p.method == "verdict_phrase"
               for p, s in zip(parts, statuses) if s == "completed")


def _awaited_after_done(parts: list[Part], statuses: list[str]) -> bool:
    """创建工作已全部完成，验收申请已报请省体育局: the work said done and, later in its sentence, the
    outside act on it awaited — the result is what waits (a completion by figures is no such work)."""
    done = [p.evidence for p, s in zip(parts, statuses) if s == "completed" and p.evidence is not None
            and p.stated_ratio is None and p.computed_ratio is None]
    waits = [p.evidence for p, s in zip(parts, statuses) if s == "pending" and p.evidence is not None]
    return bool(done) and all(any(w.sentence == d.sentence and w.end > d.end for w in waits) for d in done)


def official_code(official: str | None, field: str | None = None) -> str | None:
    """Map a printed official status to our code (the `official` words of the lexicon); None when
    empty or not recognised.

    A bare 是/否 only means something through its column's header (official_status_field):
    under 是否达序 / 是否达到序时进度 是 is on pace and 否 behind; under 是否完成 是 is completed.
    """
    if not official or not str(official).strip():
        return None
    text = fold_width(str(official)).strip()
    words = official_words()
    yes_no = words.exact(text)
    if yes_no in (YES, NO):
        if not field:
            return None
        if re.search(r"达序|序时|进度|时序", field):
            return "on_pace" if yes_no == YES else "behind"
        if "完成" in field:
            return "completed" if yes_no == YES else "behind"
        return None
    return words.status_in(text)


def _indicator_row(i: int, part: Part, status: str) -> dict:
    t = part.target
    ev = part.evidence
    kind = t.kind if t else ("deliverable" if status in ("completed", "blocked") else
                             "count" if part.stated_ratio is not None else "level")
    return {
        "part_no": i, "part": t.part if t else (ev.text if ev else ""),
        "kind": kind, "target_value": to_float(t.value) if t else None,
        "target_unit": t.unit if t else None,
        "direction": t.direction if t else "higher",
        "actual_value": to_float(part.actual_value), "actual_unit": part.actual_unit,
        "stated_ratio": part.stated_ratio, "computed_ratio": part.computed_ratio,
        "method": part.method if status != "qualitative" else "none", "status": status,
        "evidence": ev.text if ev else None,
        "evidence_start": ev.start if ev else None, "evidence_end": ev.end if ev else None,
    }


#: the aims of one act whose end the year's close makes due (组建…基金会, 实现…“零”的突破, 举办…大会, 启动…建设);
#: a title is granted by an outside body on its own calendar (and a county's title is a part): not due
_DUE_AIMS = ("entity", "state", "hold", "start")


def _aim_due(reading: Reading) -> bool:
    """A task of one act (whole.task_aim), with no figure of its own, of which nothing was read: at the year's
    end, not reported done is not done (behind), as a deliverable's is."""
    return not reading.parts and task_aim(reading.task) in _DUE_AIMS and not re.search(r"\d", reading.task) \
        and not any(sig.kind in _DONE_WORDS for sig in reading.signals)


#: residual words of a result (helpers.judge.signals): the act may be reported done in words no rule read
#: (…已于11月18日在深交所创业板挂牌上市，实现县域上市企业零的突破), so it is not due
_DONE_WORDS = ("done", "use", "event", "verdict_done", "attained", "share")


def _deciding(parts: list[Part], statuses: list[str], status: str) -> tuple[float | None, str, str | None]:
    """(completion, method, evidence) of the parts that set `status`: the deciding part is the first with
    the task's status (for behind: the first behind part); a behind task shows how far its lagging part
    is (a ratio of a quarter's own target says nothing of the year's completion: left out)."""
    decider = next((p for p, s in zip(parts, statuses) if s == status), None)
    ratios = [r for p, s in zip(parts, statuses) if s == status and s in MEASURED
              and not p.period_target
              for r in [p.stated_ratio if p.stated_ratio is not None else p.computed_ratio] if r is not None]
    completion = round(min(ratios), 6) if ratios else None
    method = decider.method if decider is not None and status != "qualitative" else "none"
    evidence = decider.evidence.text if decider is not None and decider.evidence else None
    return completion, method, evidence


def _lag(pace: float, completion: float | None) -> float | None:
    return round((pace - completion) * 100, 2) if completion is not None else None


def judge_reading(reading: Reading, progress: str, period: str, ahead_margin: float = DEFAULT_AHEAD_MARGIN,
                  official_status: str | None = None, official_status_field: str | None = None
                  ) -> tuple[dict, list[dict]]:
    """Judgement fields and indicator rows from a Reading (see judge_text)."""
    per = parse_code(period)
    pace = per.pace
    # at the year's end a deliverable not reported done is due (behind), unless a result is awaited
    due = per.is_year_end and not any(p.verdict == "pending" for p in reading.parts)
    statuses = [part_status(p, pace, ahead_margin, per.is_year_end, due) for p in reading.parts]
    status, mixed = aggregate(statuses)
    if any(p.whole_task and p.verdict == "blocked" for p in reading.parts):
        status, mixed = "blocked", False  # the task itself was halted: its earlier figures measure nothing
    if due and status == "qualitative" and _aim_due(reading):
        status = "behind"  # 组建…基金会 at FY: 登记审查中，年内未能完成注册登记
    if per.is_year_end and reading.evidence is not None \
            and ((status == "completed" and _done_in_words_only(reading.parts, statuses))
                 or (status == "qualitative" and task_aim(reading.task) is not None)) \
            and _promised_for_later(reading.evidence):
        status = "behind"  # 普查外业测量已全部完成…预计次年3月形成成果报告: the result is next year's
    if status == "completed" and _awaited_after_done(reading.parts, statuses):
        status = "pending"
    rows = [_indicator_row(i + 1, p, s) for i, (p, s) in enumerate(zip(reading.parts, statuses))]
    completion, method, evidence = _deciding(reading.parts, statuses, status)
    code = official_code(official_status, official_status_field)
    # a deliverable due at the year's end with nothing read of it (no evidence) is the weakest reading: the
    # report's own status column, when it says otherwise (受阻: 目前项目未继续推进), decides as for 定性推进
    due_only = status == "behind" and per.is_year_end and all(p.evidence is None for p in reading.parts)
    if (status == "qualitative" or due_only) and code is not None and code != status:
        # nothing in the text measures the task: the report's own status column decides
        status, method = code, "official_status"
        evidence = f"{official_status_field or '完成状态'}: {official_status.strip()}"
    fields = {
        "status": status, "status_zh": STATUS_ZH[status],
        "completion_pct": completion, "pace": pace, "lag_pts": _lag(pace, completion),
        "method": method, "evidence": evidence,
        "is_mixed": mixed, "is_target_adjusted": reading.is_target_adjusted,
        "status_source": "rule", "official_status_code": code,
    }
    return fields, rows


@dataclass
class TaskJudgement:
    fields: dict
    rows: list[dict]
    review_entry: dict | None
    ruled: str = ""  # the rules' own status, before a flagged task's shown status was chosen (helpers.judge.shown)
    candidates: dict = field(default_factory=dict)  # a flagged task's candidate readings: name → status


def judge_one(task: str, progress: str | None, period: str, *, ahead_margin: float = DEFAULT_AHEAD_MARGIN,
              official_status: str | None = None, official_status_field: str | None = None,
              target_text: str | None = None, rate_text: str | None = None,
              lex: Lexicon | None = None, truncated: bool = False, every_candidate: bool = False) -> TaskJudgement:
    """Read, judge and collect the review reasons of one task (judge_text without the extras).

    Every status passes through helpers.judge.confidence.decide, which says whether it is confident.
    """
    progress = progress or ""
    reading = read(task, progress, target_text=target_text, rate_text=rate_text, lex=lex,
                   year=parse_code(period).year)
    fields, rows = judge_reading(reading, progress, period, ahead_margin, official_status, official_status_field)
    reasons, entry = decide(reading, fields, rows, truncated, ahead_margin, official_status)
    review, notes = by_role(reasons)
    statuses = [r["status"] for r in rows]
    # a flagged task shows the rules' best measured guess (helpers.judge.shown); a confident one is untouched.
    # Judging reads only the candidates its reasons adopted; measuring them (`every_candidate`) reads all.
    found = shown.candidates(reading, fields, statuses, tuple(shown.CANDIDATES) if every_candidate
                             else shown.wanted(review)) if review else {}
    ruled = fields["status"]
    choice = shown.choose(review, found, ruled, statuses)
    if choice is not None:
        _show_choice(reading, fields, statuses, choice)
        review[choice.reason] = shown.annotate(review[choice.reason], choice)
    fields["needs_review"] = bool(review)
    fields["review_reason"] = REASON_SEP.join(review) or None
    fields["note_reason"] = REASON_SEP.join(notes) or None
    _show_as_printed(progress, fields, rows, entry)
    return TaskJudgement(fields, rows, entry, ruled, found)


def _show_choice(reading: Reading, fields: dict, statuses: list[str], choice: shown.Choice) -> None:
    """The judgement fields of a candidate shown in place of the rules' status (the task stays flagged)."""
    status, completion, evidence = choice.status, None, fields["evidence"]
    method = shown.METHOD.get(choice.name, "none")
    if choice.aside:  # the doubted deciding parts set aside: the others decide, as judge_reading would
        keep = [i for i in range(len(statuses)) if i not in choice.aside]
        completion, method, evidence = _deciding([reading.parts[i] for i in keep], [statuses[i] for i in keep], status)
        fields["is_mixed"] = aggregate([statuses[i] for i in keep])[1]
    fields.update(status=status, status_zh=STATUS_ZH[status], completion_pct=completion, method=method,
                  evidence=evidence, lag_pts=_lag(fields["pace"], completion))


def _show_as_printed(progress: str, fields: dict, rows: list[dict], entry: dict | None) -> None:
    """The rules read the folded text (１０座 → 10座, 1,790 → 01790); what a reader sees quotes the report."""
    folded = fold_numerals(fold_width(progress))
    if folded == progress:
        return
    fields["review_reason"] = as_printed(fields["review_reason"], folded, progress)
    fields["note_reason"] = as_printed(fields["note_reason"], folded, progress)
    fields["evidence"] = as_printed(fields.get("evidence"), folded, progress)
    for row in rows:
        row["evidence"] = as_printed(row["evidence"], folded, progress)
        row["part"] = as_printed(row["part"], folded, progress)
    if entry:
        entry["reason"] = as_printed(entry["reason"], folded, progress)
        entry["numbers"] = [as_printed(n, folded, progress) for n in entry["numbers"]]


def judge_text(task: str, progress: str | None, period: str, *, ahead_margin: float = DEFAULT_AHEAD_MARGIN,
               official_status: str | None = None, official_status_field: str | None = None,
               target_text: str | None = None, rate_text: str | None = None) -> tuple[dict, list[dict]]:
    """Judge one task → (judgement fields of TASK_COLUMNS, indicator rows without task_id).

    The fields include needs_review and review_reason; the table calls this for every row.
    """
    j = judge_one(task, progress, period, ahead_margin=ahead_margin, official_status=official_status,
                  official_status_field=official_status_field, target_text=target_text, rate_text=rate_text)
    return j.fields, j.rows


def _cell(rec, name: str) -> str | None:
    v = getattr(rec, name, None)
    return v if isinstance(v, str) and v.strip() else None


def judge(tasks: pd.DataFrame, ahead_margin: float = DEFAULT_AHEAD_MARGIN) -> Judgement:
    """Judge every task of a parsed table; add the judgement columns and build the indicator table."""
    out_rows, ind_rows, review, disagreements = [], [], [], []
    lex = load_lexicon()  # once per table, not once per row
    for rec in tasks.itertuples(index=False):
        official = _cell(rec, "official_status")
        j = judge_one(rec.task, _cell(rec, "progress"), rec.period, ahead_margin=ahead_margin,
                      official_status=official, official_status_field=_cell(rec, "official_status_field"),
                      target_text=_cell(rec, "target_text"), rate_text=_cell(rec, "rate_text"), lex=lex,
                      truncated=bool(getattr(rec, "is_truncated", False)))
        out_rows.append(j.fields)
        ind_rows.extend({"task_id": rec.task_id, **r} for r in j.rows)
        if j.fields["needs_review"]:
            # quality.json lists exactly the flagged tasks (the table's needs_review), with their reasons
            review.append({"task_id": rec.task_id, "status": j.fields["status"], "reason": j.fields["review_reason"],
                           "numbers": (j.review_entry or {}).get("numbers", [])})
        code = j.fields["official_status_code"]
        if code and code != j.fields["status"]:
            disagreements.append({"task_id": rec.task_id, "official_status": official,
                                  "official_status_code": code, "status": j.fields["status"]})
    judged = pd.DataFrame(out_rows, index=tasks.index, columns=list(_JUDGEMENT_COLS))
    base = tasks.drop(columns=[c for c in _JUDGEMENT_COLS if c in tasks.columns])
    merged = pd.concat([base, judged], axis=1)
    order = [c.name for c in TASK_COLUMNS if c.name in merged.columns]
    merged = merged[order + [c for c in merged.columns if c not in order]]
    ind_cols = [c.name for c in INDICATOR_COLUMNS]
    indicators = pd.DataFrame(ind_rows, columns=ind_cols)
    for c in INDICATOR_COLUMNS:
        if c.dtype == "Int64":
            indicators[c.name] = indicators[c.name].astype("Int64")
        elif c.dtype == "float64":
            indicators[c.name] = indicators[c.name].astype("float64")
        elif c.dtype == "string":
            indicators[c.name] = indicators[c.name].astype("string")
    merged["completion_pct"] = merged["completion_pct"].astype("float64")
    merged["lag_pts"] = merged["lag_pts"].astype("float64")
    merged["is_mixed"] = merged["is_mixed"].astype(bool)
    merged["is_target_adjusted"] = merged["is_target_adjusted"].astype(bool)
    merged["needs_review"] = merged["needs_review"].astype(bool)
    merged["review_reason"] = merged["review_reason"].astype("string")
    merged["note_reason"] = merged["note_reason"].astype("string")
    return Judgement(merged, indicators, review, disagreements)
