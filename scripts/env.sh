# Shared settings for the scripts (sourced, not run).
# shellcheck shell=bash
export PATH="$HOME/.cargo/bin:$PATH"
ROUTE_FILE=".tools/wasm-route"
DEBIAN_RUSTC=/usr/bin/rustc
DEBIAN_CARGO=/usr/bin/cargo
# MVP only: WeChat's iOS WXWebAssembly is reported to reject post-MVP features.
WASM_RUSTFLAGS_SYSROOT="-Ctarget-cpu=mvp"
WASM_OPT="node_modules/.bin/wasm-opt"
