#!/usr/bin/env bash
# The main job: a debug UserSig made by the built wasm, checked three ways (no Tencent account).
# Uses the committed bundles in wxcomponents/ and examples/debug/; `make build` rebuilds them.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/env.sh
source scripts/env.sh
node examples/usersig-demo.js "$@"
