"""Synthetic reports of one year (Q1 → H1 → Q3 → FY) derived from the seed, for the chain tests.

CLEARLY SYNTHETIC: the task texts and lead units are the seed's (2024 H1), the progress texts are
written here so that each task's status follows a planned path; they live in tests only, never in
data/raw/. Between periods tasks are renumbered (rows reordered), reworded, split, merged, dropped
and added, as the office's real reports do. PLAN records what every task was built to do.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PERIODS = ("2024Q1", "2024H1", "2024Q3", "2024FY")
LABEL = {"2024Q1": "一季度", "2024H1": "上半年", "2024Q3": "前三季度", "2024FY": "全年"}

# Seed texts (data/raw/luan_2024H1.txt) and their lead units.
A = ("新开工亿元以上项目170个以上、竣工120个以上。", "市发改委")  # Q01, split at FY
A1 = ("新开工亿元以上项目170个以上。", "市发改委")
A2 = ("竣工亿元以上项目120个以上。", "市发改委")
C = ("力争实施技改项目400个。", "市工信局")  # Q02, reworded from H1 on
C2 = ("实施技改项目400个以上。", "市工信局")
B16 = ("城镇常住居民人均可支配收入增幅高于全省平均水平、位次靠前。", "市人社局")  # Q16
B25 = ("农村常住居民人均可支配收入增幅高于全省平均水平、位次靠前。", "市农业农村局")  # Q25: 2 characters apart
D = ("加快实施农村供水保障三年行动计划,以县域为单元推进农村供水工程统一运营。", "市水利局")  # G100, dropped at Q3
E = ("加快海绵城市建设,开展城市污水管网整治攻坚行动,提升“水管家”运营质效。", "市住建局")  # G112, new at H1
F = ("支持金寨开展传统村落集中连片保护利用示范建设", "市住建局")  # G009, completed at H1
G = ("优化房地产政策,满足刚性和改善性住房需求,全力做好“保交楼”工作,促进房地产市场平稳健康发展。", "市住建局")  # G114
M1 = ("深化河湖长制改革。", "市水利局")  # G101 ┐ merged at Q3
M2 = ("规范河道采砂管理。", "市水利局")  # G105 ┘
M = ("深化河湖长制改革，规范河道采砂管理。", "市水利局")

QUAL = "持续推进，召开专题会议部署相关工作。"


def pct(p: int) -> str:
    """A progress text the judge reads as a stated completion ratio of p %."""
    return f"截至目前，相关工作有序推进，占年度计划的{p}%。"


@dataclass(frozen=True)
class Row:
    task: tuple[str, str]
    progress: str


# Quantified table, general table; order as printed (renumbered between periods).
REPORTS: dict[str, tuple[list[Row], list[Row]]] = {
    "2024Q1": (
        [Row(A, pct(20)), Row(C, pct(27)), Row(B16, pct(27)), Row(B25, pct(27))],
        [Row(D, pct(27)), Row(F, pct(27)), Row(G, QUAL), Row(M1, pct(20)), Row(M2, pct(27))],
    ),
    "2024H1": (
        [Row(B25, pct(52)), Row(B16, pct(52)), Row(C2, pct(40)), Row(A, pct(40))],
        [Row(M2, pct(52)), Row(M1, pct(40)), Row(G, QUAL), Row(F, pct(100)), Row(E, pct(52)), Row(D, pct(40))],
    ),
    "2024Q3": (
        [Row(C2, pct(60)), Row(A, pct(60)), Row(B16, pct(77)), Row(B25, pct(77))],
        [Row(E, pct(60)), Row(F, pct(100)), Row(G, QUAL), Row(M, pct(60))],
    ),
    "2024FY": (
        [Row(A1, pct(100)), Row(A2, pct(90)), Row(C2, pct(100)), Row(B16, pct(100)), Row(B25, pct(100))],
        [Row(F, pct(100)), Row(G, QUAL), Row(M, pct(100)), Row(E, pct(100))],
    ),
}

# What each task was built to do: period → text → (status, change class, behind_reports).
PLAN: dict[str, dict[str, tuple[str, str, int]]] = {
    "2024Q1": {
        A[0]: ("behind", "", 1), C[0]: ("on_pace", "", 0), B16[0]: ("on_pace", "", 0),
        B25[0]: ("on_pace", "", 0), D[0]: ("on_pace", "", 0), F[0]: ("on_pace", "", 0),
        G[0]: ("qualitative", "", 0), M1[0]: ("behind", "", 1), M2[0]: ("on_pace", "", 0),
    },
    "2024H1": {
        A[0]: ("behind", "still_behind", 2), C2[0]: ("behind", "newly_behind", 1),
        B16[0]: ("on_pace", "unchanged", 0), B25[0]: ("on_pace", "unchanged", 0),
        D[0]: ("behind", "newly_behind", 1), E[0]: ("on_pace", "new", 0), F[0]: ("completed", "completed_since", 0),
        G[0]: ("qualitative", "unchanged", 0), M1[0]: ("behind", "still_behind", 2), M2[0]: ("on_pace", "unchanged", 0),
    },
    "2024Q3": {
        A[0]: ("behind", "still_behind", 3), C2[0]: ("behind", "still_behind", 2),
        B16[0]: ("on_pace", "unchanged", 0), B25[0]: ("on_pace", "unchanged", 0),
        E[0]: ("behind", "newly_behind", 1), F[0]: ("completed", "unchanged", 0),
        G[0]: ("qualitative", "unchanged", 0), M[0]: ("behind", "still_behind", 3),
    },
    "2024FY": {
        A1[0]: ("completed", "recovered", 0), A2[0]: ("behind", "still_behind", 4),
        C2[0]: ("completed", "recovered", 0), B16[0]: ("completed", "completed_since", 0),
        B25[0]: ("completed", "completed_since", 0), E[0]: ("completed", "recovered", 0),
        F[0]: ("completed", "unchanged", 0), G[0]: ("qualitative", "unchanged", 0),
        M[0]: ("completed", "recovered", 0),
    },
}
# Earlier tasks that no later task continues.
DROPPED = {"2024Q3": [D[0]]}


def report_text(period: str, label: str | None = None, quantified: bool = True, declare: bool = True,
                progress: str | None = None) -> str:
    """The period's report in the seed's layout: every cell on its own line, blank lines between.

    `label` prints another period name (e.g. 1-11月) over the rows of `period`; `quantified=False`
    prints only the general table (its rows and the quantified ones, in one table), `declare=False`
    drops the declared count (…汇总表 with no 项数), `progress` replaces every progress text.
    """
    label = label or LABEL[period]
    q_rows, g_rows = REPORTS[period]
    if progress is not None:
        q_rows, g_rows = ([Row(r.task, progress) for r in rows] for rows in (q_rows, g_rows))
    tables = [("量化重点工作", q_rows), ("重点工作", g_rows)] if quantified else [("重点工作", q_rows + g_rows)]
    lines = [f"2024年{label}市政府重点工作落实情况（合成测试数据）", ""] + (["附件1", ""] if quantified else [])
    for name, rows in tables:
        heading = f"({name}{len(rows)}项)" if declare else ""
        lines += [f"2024年重点工作及责任清单落实情况汇总表{heading}", "", "序号", "", "重点工作", "",
                  "牵头责任单位", "", f"{label}落实情况", ""]
        for n, row in enumerate(rows, 1):
            lines += [str(n), "", row.task[0], "", row.task[1], "", row.progress, ""]
    return "\n".join(lines) + "\n"


def build_year(root: Path, periods: tuple[str, ...] = PERIODS) -> dict[str, Path]:
    """Write the reports under root/raw and build each period's tables under root/processed/<P>."""
    from helpers.table import build_table

    (root / "raw").mkdir(parents=True, exist_ok=True)
    out = {}
    for p in periods:
        raw = root / "raw" / f"synthetic_{p}.txt"
        raw.write_text(report_text(p), encoding="utf-8")
        build_table(raw, period=p, out=root / "processed" / p)
        out[p] = root / "processed" / p
    return out
