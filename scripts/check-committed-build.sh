#!/usr/bin/env bash
# CI guard: the committed bundles must equal a fresh build of the committed sources.
# Run after scripts/build-wasm.sh (the test command runs it).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! git diff --quiet -- wxcomponents examples/debug/wasm || [ -n "$(git status --porcelain -- wxcomponents examples/debug/wasm)" ]; then
  echo "check-committed-build: the committed wasm bundles differ from a fresh build:" >&2
  git status --short -- wxcomponents examples/debug/wasm >&2
  echo "check-committed-build: run 'make build' and commit wxcomponents/ and examples/debug/wasm/" >&2
  exit 1
fi
echo "check-committed-build: committed bundles match a fresh build"
