#!/usr/bin/env bash
# System packages the test suite needs: Debian's Chromium for the browser tests,
# PostgreSQL for the thread-store integration tests and npm (Node.js) to install axe-core
# for the accessibility tests. Installed through apt-get when we are
# root (CI, fresh machines); otherwise a hint, and those tests are skipped.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || command -v initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages for the tests: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "note: ${missing[*]} not installed and this user cannot apt-get them;" \
       "the tests that need them will be skipped (sudo apt-get install ${missing[*]})." >&2
fi
