#!/usr/bin/env bash
# Installs everything the build and the tests need. Idempotent: each step checks its result
# first, so a second run takes seconds. Prints which route it took:
#   debian  - Debian 12 with rustup but no wasm32 std and no route to the rustup server
#             (these CI machines): Debian's rustc-web + a wasm32 std built from source for the
#             MVP feature set (see README "Toolchain").
#   rustup  - a normal developer machine: `rustup target add wasm32-unknown-unknown`; the
#             post-MVP code std brings is lowered by wasm-opt during the build.
# Force one with TUICALLING_WASM_ROUTE=debian|rustup.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/env.sh
source scripts/env.sh

log() { printf 'setup: %s\n' "$*"; }

wasm_bindgen_version() {
  # The CLI must match the wasm-bindgen crate in Cargo.lock exactly.
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock
}

rustup_has_wasm_std() {
  command -v rustup >/dev/null 2>&1 &&
    rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown
}

debian_route_possible() {
  [ -r /etc/debian_version ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1
}

choose_route() {
  if [ -n "${TUICALLING_WASM_ROUTE:-}" ]; then echo "$TUICALLING_WASM_ROUTE"; return; fi
  if [ -f "$ROUTE_FILE" ]; then cat "$ROUTE_FILE"; return; fi
  if rustup_has_wasm_std; then echo rustup; return; fi
  if debian_route_possible; then echo debian; return; fi
  echo rustup
}

setup_debian_packages() {
  local wanted=(rustc-web cargo-web rust-web-src rust-web-llvm lld-22)
  if dpkg -s "${wanted[@]}" >/dev/null 2>&1 && [ -x "$DEBIAN_RUSTC" ]; then
    log "Debian rust-web packages present ($("$DEBIAN_RUSTC" --version))"
    return
  fi
  log "installing Debian packages: ${wanted[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${wanted[@]}" >/dev/null
}

# Builds std (with proc_macro and test, for wasm-pack test) for wasm32 from source with the
# MVP feature set, and installs the rlibs into Debian rustc's sysroot.
setup_debian_sysroot() {
  local sysroot="/usr/lib/rustlib/wasm32-unknown-unknown/lib"
  local stamp="$sysroot/.tuicalling-sysroot"
  local want
  want="$("$DEBIAN_RUSTC" --version) $WASM_RUSTFLAGS_SYSROOT"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    log "wasm32 MVP sysroot present"
    return
  fi
  log "building the wasm32 std from source (MVP, ~1 min)"
  local scratch
  scratch="$(mktemp -d)"
  mkdir -p "$scratch/src"
  printf '[package]\nname = "sysroot-probe"\nversion = "0.0.0"\nedition = "2021"\n[lib]\npath = "src/lib.rs"\n' >"$scratch/Cargo.toml"
  printf '#![no_std]\n' >"$scratch/src/lib.rs"
  (cd "$scratch" && RUSTC="$DEBIAN_RUSTC" RUSTC_BOOTSTRAP=1 RUSTFLAGS="$WASM_RUSTFLAGS_SYSROOT" \
    "$DEBIAN_CARGO" build --quiet --release --target wasm32-unknown-unknown \
    -Zbuild-std=std,panic_abort,proc_macro,test)
  mkdir -p "$sysroot"
  rm -f "$sysroot"/lib*.rlib
  find "$scratch/target/wasm32-unknown-unknown/release/deps" -name 'lib*.rlib' ! -name 'libsysroot_probe-*' \
    -exec cp {} "$sysroot/" \;
  echo "$want" >"$stamp"
  rm -rf "$scratch"
}

setup_rustup_target() {
  if rustup_has_wasm_std; then
    log "rustup wasm32-unknown-unknown target present"
  else
    log "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
}

setup_cargo_tool() {
  local binary=$1 crate=$2 version=$3
  shift 3
  if command -v "$binary" >/dev/null 2>&1 && "$binary" --version 2>/dev/null | grep -q " $version"; then
    log "$binary $version present"
    return
  fi
  log "cargo install $crate $version (a few minutes)"
  cargo install --quiet "$crate" --version "$version" "$@"
}

setup_npm() {
  local stamp=node_modules/.tuicalling-lock-hash
  local want
  want="$(sha256sum package-lock.json | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    log "npm dev dependencies present"
    return
  fi
  log "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" >"$stamp"
}

# The simulator's browser test (tests/sim-browser.test.js) drives Debian's Chromium; under
# CI=true it fails without it, so CI (root on Debian) installs it here. Elsewhere without root
# the test skips and says how to install it.
setup_chromium() {
  if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi 'noto.*cjk'; then
    log "chromium present ($(/usr/bin/chromium --version 2>/dev/null | head -1))"
    return
  fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing Debian's chromium for the browser tests (scripts/setup-chromium.sh)"
    bash scripts/setup-chromium.sh >/dev/null
    return
  fi
  log "no chromium: tests/sim-browser.test.js will skip (bash scripts/setup-chromium.sh installs it)"
}

main() {
  local route
  route="$(choose_route)"
  case "$route" in
    debian)
      log "route: debian (rustc-web + MVP std built from source; rustup has no wasm32 std here)"
      setup_debian_packages
      setup_debian_sysroot
      ;;
    rustup)
      log "route: rustup (rustup target add wasm32-unknown-unknown; wasm-opt lowers post-MVP code)"
      setup_rustup_target
      ;;
    *)
      echo "setup: unknown route '$route' (use debian or rustup)" >&2
      exit 2
      ;;
  esac
  mkdir -p "$(dirname "$ROUTE_FILE")"
  echo "$route" >"$ROUTE_FILE"
  # wasm-bindgen-cli's own lock file pins a crate the registry no longer serves, so no --locked.
  setup_cargo_tool wasm-bindgen wasm-bindgen-cli "$(wasm_bindgen_version)"
  setup_cargo_tool wasm-pack wasm-pack 0.15.1 --locked
  setup_npm
  setup_chromium
  log "done"
}

main "$@"
