#!/usr/bin/env bash
# Make sure a Chromium is installed for the browser tests (the front page, driven by Playwright).
# On Debian/Ubuntu as root it installs the distribution's chromium; elsewhere it says what to
# install and the browser tests are skipped with that reason. Playwright's own browser download
# is never used: the tests drive the system's browser.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "installing chromium (browser tests of the front page) ..."
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    exit 0
fi
echo "note: no chromium on PATH; the front page's browser tests will be skipped" \
     "(Debian/Ubuntu: apt-get install chromium)" >&2
