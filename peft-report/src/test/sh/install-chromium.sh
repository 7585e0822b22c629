#!/usr/bin/env bash
# Installs Debian's chromium for HtmlReportTest, which opens report.html in headless Chromium and
# skips itself when no chromium is on the PATH. Installs only when chromium is missing, as root, and
# only in CI (CI=true) or when asked with PEFT_CHROMIUM_INSTALL=1: nothing is installed on a user's
# machine by default. Always exits 0; when it installs nothing it says why on stderr.
set -uo pipefail
skip() { echo "install-chromium: $1; HtmlReportTest will be skipped" >&2; exit 0; }
if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
    exit 0
fi
[ "${CI:-}" = true ] || [ "${PEFT_CHROMIUM_INSTALL:-}" = 1 ] \
    || skip "chromium is not installed; this script installs it only in CI (CI=true) or with PEFT_CHROMIUM_INSTALL=1"
[ "$(id -u)" = 0 ] || skip "chromium is not installed and this user is not root (cannot apt-get install it)"
command -v apt-get >/dev/null 2>&1 || skip "chromium is not installed and there is no apt-get"
{ apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium; } >&2 \
    || skip "apt-get install chromium failed (see above)"
