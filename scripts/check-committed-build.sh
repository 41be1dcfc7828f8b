#!/usr/bin/env bash
# CI guard, run after a fresh build (the test command builds): the committed bundles must be
# built from the committed sources.
# - sources changed but bundles not rebuilt          -> fail (stale build)
# - same sources, same toolchain, different bytes    -> fail (build not reproducible)
# - same sources, different toolchain (e.g. a newer Debian rustc on a fresh machine)
#                                                    -> pass with a warning; bytes not compared
set -euo pipefail
cd "$(dirname "$0")/.."
BUNDLES=(wxcomponents examples/debug/wasm)
STAMP=scripts/bundles.stamp

committed_stamp="$(git show "HEAD:$STAMP" 2>/dev/null || true)"
fresh_stamp="$(cat "$STAMP")"
line() { grep "^$1 " <<<"$2" || true; }

if [ "$(line sources "$committed_stamp")" != "$(line sources "$fresh_stamp")" ]; then
  echo "check-committed-build: STALE: the build inputs changed since the committed bundles were built." >&2
  echo "check-committed-build: run 'make build' and commit wxcomponents/, examples/debug/wasm/ and $STAMP" >&2
  exit 1
fi
if [ "$(line toolchain "$committed_stamp")" != "$(line toolchain "$fresh_stamp")" ]; then
  echo "check-committed-build: warning: toolchain differs, bytes not compared"
  echo "  committed: $(line toolchain "$committed_stamp")"
  echo "  here:      $(line toolchain "$fresh_stamp")"
  exit 0
fi
if [ -n "$(git status --porcelain -- "${BUNDLES[@]}")" ]; then
  echo "check-committed-build: same inputs and toolchain, but the fresh build differs (not reproducible):" >&2
  git status --short -- "${BUNDLES[@]}" >&2
  exit 1
fi
echo "check-committed-build: committed bundles match a fresh build of the committed sources"
