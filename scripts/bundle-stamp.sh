#!/usr/bin/env bash
# Prints what the wasm bundles are built from: a hash of every build input, and the toolchain.
# build-wasm.sh records it in scripts/bundles.stamp; check-committed-build.sh compares.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/env.sh
source scripts/env.sh

INPUTS=(
  Cargo.toml Cargo.lock
  crates/tuicalling-core/Cargo.toml crates/tuicalling-core/src
  crates/tuicalling-wasm/Cargo.toml crates/tuicalling-wasm/src
  js-glue/loader.js js-glue/engine-commands.js js-glue/text-codec.js js-glue/build js-glue/driver
  scripts/build-wasm.sh scripts/env.sh
)
sources="$(find "${INPUTS[@]}" -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)"
route="$(cat "$ROUTE_FILE" 2>/dev/null || echo none)"
case "$route" in
  debian) rustc_version="$("$DEBIAN_RUSTC" --version)" ;;
  *) rustc_version="$(rustc --version)" ;;
esac
echo "sources $sources"
echo "toolchain route=$route; $rustc_version; $(wasm-bindgen --version); binaryen $("$WASM_OPT" --version | awk '{print $3}'); node $(node --version)"
