#!/usr/bin/env bash
# Debian packages the test suite needs that a clean machine may lack: Chromium for the browser tests,
# poppler-utils for PDF fixtures. Runs as root (CI) or through sudo.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v pg_isready >/dev/null || need+=(postgresql-client)
[ ${#need[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
