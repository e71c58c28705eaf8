#!/usr/bin/env bash
# Make sure a Chromium is installed for the browser tests (the front page, driven by Playwright).
# On Debian/Ubuntu as root it installs the distribution's chromium; elsewhere it says what to
# install and the browser tests are skipped with that reason. Playwright's own browser download
# is never used: the tests drive the system's browser.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "正在安装 chromium（首页的浏览器测试）……"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    exit 0
fi
echo "提示：PATH 中没有 chromium，首页的浏览器测试将跳过" \
     "（Debian/Ubuntu：apt-get install chromium）" >&2
