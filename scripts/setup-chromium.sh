#!/usr/bin/env bash
# Headless Chromium for `make screenshots` (scripts/screenshots.js) and the simulator's browser
# test (tests/sim-browser.test.js). Idempotent: does nothing when /usr/bin/chromium and the CJK
# fonts are already there. Debian's package is used because playwright's own browser download
# does not work on these machines (../shared/toolchain.md). scripts/setup.sh runs it when it
# runs as root (CI); elsewhere run it once yourself.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends chromium fonts-noto-cjk
fi
# CJK glyphs for the zh-CN strings (the component's default locale).
if ! fc-list 2>/dev/null | grep -qi 'noto.*cjk'; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends fonts-noto-cjk
fi
# playwright-core is a pinned devDependency (package.json); install it if node_modules lacks it.
if [ ! -d node_modules/playwright-core ]; then
  npm install --no-audit --no-fund
fi
/usr/bin/chromium --version
