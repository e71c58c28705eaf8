"""Find the system's CJK font and make matplotlib use it (Chinese labels, no empty boxes)."""

from __future__ import annotations

import functools
import shutil
import subprocess
from pathlib import Path

from helpers.errors import RenderError
from helpers.messages import say

#: Families tried in order; the first that fontconfig resolves to a Chinese-capable file wins.
PREFERRED_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "SimHei",
)



@functools.lru_cache(maxsize=None)
def _fc(*args: str) -> str:
    if shutil.which(args[0]) is None:
        return ""
    try:
        return subprocess.run(args, capture_output=True, text=True, timeout=30, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


@functools.lru_cache(maxsize=None)
def find_cjk_font_face() -> tuple[Path, int, str]:
    """(file, face index inside a .ttc, family) of the CJK font to use; RenderError if none."""
    for family in PREFERRED_FAMILIES:
        # fc-match always answers something (a fallback), so check the family it returned.
        out = _fc("fc-match", "-f", "%{file}|%{index}|%{family}\n", f"{family}:lang=zh-cn").strip()
        if not out:
            continue
        file, index, families = (out.split("|", 2) + ["", ""])[:3]
        if family in families.split(",") and Path(file).is_file():
            return Path(file), int(index or 0), family
    # Anything fontconfig says covers Chinese.
    for line in _fc("fc-list", ":lang=zh", "-f", "%{file}|%{index}|%{family}\n").splitlines():
        file, index, families = (line.split("|", 2) + ["", ""])[:3]
        if file and Path(file).is_file():
            return Path(file), int(index or 0), families.split(",")[0]
    raise RenderError(say("fonts.missing"))


def find_cjk_font() -> Path:
    """Path of a CJK font file (Noto Sans CJK SC preferred) via fontconfig; RenderError with an install hint if none."""
    return find_cjk_font_face()[0]


def use_cjk_font() -> str:
    """Register the CJK font with matplotlib and make it the default sans-serif; return its family.

    `addfont` registers the file directly, so a matplotlib font cache built before the font was
    installed does not hide it.
    """
    import matplotlib
    from matplotlib import font_manager

    path, _index, family = find_cjk_font_face()
    known = {f.name for f in font_manager.fontManager.ttflist}
    if family not in known:
        font_manager.fontManager.addfont(str(path))
        # The bold face lives in a sibling file (NotoSansCJK-Bold.ttc); register it for titles.
        bold = path.with_name(path.name.replace("Regular", "Bold"))
        if bold != path and bold.is_file():
            font_manager.fontManager.addfont(str(bold))
        known = {f.name for f in font_manager.fontManager.ttflist}
        if family not in known:  # the file names its family differently from fontconfig
            family = font_manager.FontProperties(fname=str(path)).get_name()
    matplotlib.rcParams["font.family"] = "sans-serif"
    rest = [f for f in matplotlib.rcParams["font.sans-serif"] if f != family]
    matplotlib.rcParams["font.sans-serif"] = [family, *rest]
    matplotlib.rcParams["axes.unicode_minus"] = False
    return family
