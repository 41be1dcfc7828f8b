#!/usr/bin/env bash
# The main job: three phones (alice, bob, carol), each a rendered <tuicalling> component with the
# built wasm, calling each other over a local IM hub and a simulated TRTC room on virtual time
# (examples/demo/). Flags: --scenario <name>, --verbose, --list, --interactive; --usersig runs
# the UserSig demo instead (examples/usersig-demo.js). Uses the committed bundles (no Rust
# build); on a fresh clone it only runs `npm ci` once.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules/miniprogram-simulate ]; then
  echo "demo: node_modules missing, running npm ci once" >&2
  npm ci --no-audit --no-fund >&2
fi
if [ "${1:-}" = "--usersig" ]; then
  shift
  # shellcheck source=scripts/env.sh
  source scripts/env.sh
  exec node examples/usersig-demo.js "$@"
fi
exec node examples/demo/main.js "$@"
