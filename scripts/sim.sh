#!/usr/bin/env bash
# `make sim`: the call simulator in the browser (examples/sim/). Serves the page on 127.0.0.1
# only, prints the URL and opens nothing; Ctrl-C stops it. Flags: --port <n> (default 8018,
# 0 = a free one), --phones <n> (3 to 5). Uses the committed bundles (no Rust build); on a
# fresh clone it only runs `npm ci` once, as `make demo` does.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/node-deps.sh
source scripts/node-deps.sh
exec node examples/sim/main.js "$@"
