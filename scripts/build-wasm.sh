#!/usr/bin/env bash
# Builds the two wasm bundles and their CommonJS glue:
#   production -> wxcomponents/TUICalling/wasm/   (no UserSig signing code)
#   debug      -> examples/debug/wasm/            (adds genUserSig & co. for GenerateTestUserSig.js)
# Pipeline: cargo (MVP, opt-level z, lto, panic immediate-abort) -> wasm-bindgen --target web ->
# wasm-opt (remove the two exported Globals, -Oz) -> validate (MVP only, no Globals) ->
# brotli q11 (.wasm.br) -> make-glue (CommonJS, ES2016, WXWebAssembly loader, comments
# stripped); the text codec ships without comments too (compact.js).
# Then the JS driver (js-glue/driver/*.js) is copied next to the component:
#   wxcomponents/TUICalling/driver/
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/env.sh
source scripts/env.sh

ROUTE="$(cat "$ROUTE_FILE" 2>/dev/null || true)"
[ -n "$ROUTE" ] || { echo "build-wasm: run scripts/setup.sh first" >&2; exit 2; }
TARGET_DIR="target/wasm-$ROUTE"
# Deterministic paths in the binary, whoever builds it and wherever the clone is.
REMAP="--remap-path-prefix=$HOME/.cargo/registry/src=/cargo-registry --remap-path-prefix=$PWD=/tuicalling-rs"

cargo_build() {
  local features=$1
  case "$ROUTE" in
    debian)
      RUSTC="$DEBIAN_RUSTC" RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR="$TARGET_DIR" \
        RUSTFLAGS="$WASM_RUSTFLAGS_SYSROOT -Zunstable-options -Cpanic=immediate-abort $REMAP" \
        "$DEBIAN_CARGO" build --quiet --release --target wasm32-unknown-unknown \
        -p tuicalling-wasm $features -Zbuild-std=std,panic_abort
      ;;
    rustup)
      # std comes prebuilt with post-MVP features; our crates are built without them and
      # wasm-opt lowers what std brings (lower_post_mvp below).
      CARGO_TARGET_DIR="$TARGET_DIR" \
        RUSTFLAGS="-Ctarget-feature=-reference-types,-multivalue,-bulk-memory,-nontrapping-fptoint,-sign-ext $REMAP" \
        cargo build --quiet --release --target wasm32-unknown-unknown -p tuicalling-wasm $features
      ;;
  esac
}

lower_post_mvp() {
  local input=$1 output=$2
  if [ "$ROUTE" = rustup ]; then
    "$WASM_OPT" "$input" --enable-bulk-memory --enable-bulk-memory-opt --enable-sign-ext \
      --enable-nontrapping-float-to-int --enable-mutable-globals --llvm-memory-copy-fill-lowering \
      --signext-lowering --llvm-nontrapping-fptoint-lowering -o "$output"
  else
    cp "$input" "$output"
  fi
}

build_variant() {
  local name=$1 features=$2 out_dir=$3 package_path=$4 minify=${5:-}
  local work="$TARGET_DIR/pipeline/$name"
  rm -rf "$work" && mkdir -p "$work" "$out_dir"
  cargo_build "$features"
  # Hide std's feature section from wasm-bindgen so it picks the legacy (non-externref) ABI.
  "$WASM_OPT" "$TARGET_DIR/wasm32-unknown-unknown/release/tuicalling_wasm.wasm" \
    --all-features --disable-compact-imports --strip-target-features --strip-debug -o "$work/nofeat.wasm"
  wasm-bindgen "$work/nofeat.wasm" --target web --omit-default-module-path --no-typescript \
    --out-name tuicalling --out-dir "$work/pkg"
  lower_post_mvp "$work/pkg/tuicalling_bg.wasm" "$work/lowered.wasm"
  # wasm-bindgen exports two Globals the panic=abort glue never reads; iOS rejects them.
  "$WASM_OPT" "$work/lowered.wasm" --mvp-features --remove-exports \
    --pass-arg=remove-exports@__abort_handler -o "$work/noglobal1.wasm"
  "$WASM_OPT" "$work/noglobal1.wasm" --mvp-features --remove-exports \
    --pass-arg=remove-exports@__instance_terminated -o "$work/noglobal2.wasm"
  # --converge repeats -Oz until it stops shrinking (measured: about 300 B of brotli).
  "$WASM_OPT" "$work/noglobal2.wasm" --mvp-features -Oz --converge --strip-debug \
    --strip-producers -o "$work/optimized.wasm"
  local name_map=()
  if [ "$minify" = minify ]; then
    # One-letter import, export and module names (measured: about 400 B of brotli in the wasm
    # and more in the glue); make-glue renames the glue's side from the printed map.
    "$WASM_OPT" "$work/optimized.wasm" --mvp-features --minify-imports-and-exports-and-modules \
      -o "$work/tuicalling_bg.wasm" >"$work/names.json"
    name_map=("$work/names.json" "$work/tuicalling_bg.wasm")
  else
    cp "$work/optimized.wasm" "$work/tuicalling_bg.wasm"
  fi
  node js-glue/build/validate-wasm.js "$work/tuicalling_bg.wasm"
  node js-glue/build/brotli.js "$work/tuicalling_bg.wasm" "$out_dir/tuicalling_bg.wasm.br"
  node js-glue/build/make-glue.js "$work/pkg/tuicalling.js" "$out_dir/tuicalling.js" "$package_path" "${name_map[@]}"
  node js-glue/build/compact.js js-glue/text-codec.js "$out_dir/text-codec.js" \
    'js-glue/text-codec.js without comments (js-glue/build/compact.js). Do not edit.'
  printf 'build-wasm: %s: %s bytes wasm, %s bytes .wasm.br\n' "$name" \
    "$(stat -c %s "$work/tuicalling_bg.wasm")" "$(stat -c %s "$out_dir/tuicalling_bg.wasm.br")"
}

# The production module gets minified wasm import/export names; the debug one keeps its
# readable names (tests/wasm-glue.test.js checks its signing exports by name).
build_variant production "" wxcomponents/TUICalling/wasm /wxcomponents/TUICalling/wasm/tuicalling_bg.wasm.br minify
build_variant debug "--features debug-usersig" examples/debug/wasm /debug/wasm/tuicalling_bg.wasm.br
# The component requires './driver/call-driver.js': ship the driver files with it.
ship_driver() {
  local out_dir=wxcomponents/TUICalling/driver
  rm -rf "$out_dir" && mkdir -p "$out_dir"
  local file
  for file in call-driver im-adapter timer binder events; do
    cp "js-glue/driver/$file.js" "$out_dir/$file.js"
  done
  printf 'build-wasm: driver: %s files -> %s\n' "$(find "$out_dir" -name '*.js' | wc -l)" "$out_dir"
}
ship_driver
bash scripts/bundle-stamp.sh >scripts/bundles.stamp
