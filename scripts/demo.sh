#!/usr/bin/env bash
# The main job: three phones (alice, bob, carol), each a rendered <tuicalling> component with the
# built wasm, calling each other over a local IM hub and a simulated TRTC room on virtual time
# (examples/demo/). Flags: --scenario <name>, --verbose, --list, --interactive; --usersig runs
# the UserSig demo instead (examples/usersig-demo.js). Uses the committed bundles (no Rust
# build); on a fresh clone it only runs `npm ci` once.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/node-deps.sh
source scripts/node-deps.sh
if [ "${1:-}" = "--usersig" ]; then
  shift
  # shellcheck source=scripts/env.sh
  source scripts/env.sh
  exec node examples/usersig-demo.js "$@"
fi
exec node examples/demo/main.js "$@"
