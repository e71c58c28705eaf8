#!/usr/bin/env bash
# Make sure a CJK font (for matplotlib and the PDF engine) and poppler (pdftotext, used by the tests)
# are installed. On Debian/Ubuntu as root it installs them; elsewhere it says what to install.
set -euo pipefail
have_font() { fc-list :lang=zh family 2>/dev/null | grep -q .; }
have_poppler() { command -v pdftotext >/dev/null 2>&1; }
if have_font && have_poppler; then exit 0; fi
pkgs=()
have_font || pkgs+=(fonts-noto-cjk)
have_poppler || pkgs+=(poppler-utils)
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "installing ${pkgs[*]} (Chinese font / PDF tools) ..."
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}" >/dev/null
    have_font || { echo "error: fonts-noto-cjk installed but fontconfig lists no Chinese font" >&2; exit 1; }
    exit 0
fi
echo "error: missing ${pkgs[*]}. Install a CJK font (Debian/Ubuntu: apt-get install fonts-noto-cjk;" \
     "macOS: brew install --cask font-noto-sans-cjk-sc) and poppler (pdftotext), then rerun." >&2
exit 1
