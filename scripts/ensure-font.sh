#!/usr/bin/env bash
# Make sure a CJK font (for matplotlib and the PDF engine), poppler (pdftotext, used by the tests)
# and HarfBuzz's subsetter (WeasyPrint's font subsetting; it warns and falls back without it) are
# installed. On Debian/Ubuntu as root it installs what is missing; elsewhere it says what to install.
set -euo pipefail
# Each check captures the command's whole output before testing it: `cmd | grep -q` under
# pipefail fails at random when grep exits at the first match and cmd dies of SIGPIPE;
# a here-string is written whole before grep starts.
have_font() { local out; out=$(fc-list :lang=zh family 2>/dev/null) || true; grep -q . <<<"$out"; }
have_poppler() { command -v pdftotext >/dev/null 2>&1; }
have_hb_subset() { local out; out=$(ldconfig -p 2>/dev/null) || true; grep -q 'libharfbuzz-subset\.so' <<<"$out"; }
if have_font && have_poppler && have_hb_subset; then exit 0; fi
pkgs=()
have_font || pkgs+=(fonts-noto-cjk)
have_poppler || pkgs+=(poppler-utils)
have_hb_subset || pkgs+=(libharfbuzz-subset0)
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "正在安装 ${pkgs[*]}（中文字体 / PDF 工具）……"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}" >/dev/null
    have_font || { echo "错误：已安装 fonts-noto-cjk，但 fontconfig 中仍没有中文字体（请运行 fc-cache -f 后重试）" >&2; exit 1; }
    exit 0
fi
if have_font && have_poppler; then
    echo "提示：缺少 HarfBuzz 的字体子集库（libharfbuzz-subset0）；PDF 仍可生成，只是较慢" >&2
    exit 0
fi
echo "错误：缺少 ${pkgs[*]}。请安装中文字体（Debian/Ubuntu：apt-get install fonts-noto-cjk；" \
     "macOS：brew install --cask font-noto-sans-cjk-sc）和 poppler（pdftotext），然后重新运行。" >&2
exit 1
