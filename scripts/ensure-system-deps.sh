#!/usr/bin/env bash
# System packages the test suite needs: Debian's Chromium for the browser tests.
# Installed through apt-get when we are root (CI, fresh machines); otherwise a hint.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
else
  echo "note: chromium is not installed and this user cannot apt-get it;" \
       "browser tests will be skipped (sudo apt-get install chromium)." >&2
fi
