#!/usr/bin/env bash
# `make chaos`: seeded chaos sessions through rendered <tuicalling> phones (scripts/chaos.js,
# test-support/chaos/). Uses the committed bundles (no Rust build); on a fresh clone it only runs
# `npm ci` once. Arguments go to scripts/chaos.js (--seeds N, --from S, --seed S, --timelines).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules/miniprogram-simulate ]; then
  echo "chaos: node_modules missing, running npm ci once" >&2
  npm ci --no-audit --no-fund >&2
fi
exec node scripts/chaos.js "$@"
