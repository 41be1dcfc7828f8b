//! wasm-bindgen binding of `tuicalling-core` for the WeChat mini-program runtime.
//!
//! This crate holds newtypes and conversions only; all behaviour lives in the core. Its rules,
//! which keep it loadable by `WXWebAssembly` on phones:
//! - no `u64`/`i64` across the boundary (BigInt is not safe there): times and ids travel as
//!   JS numbers (`f64`) and are range-checked on the way in;
//! - outputs are plain JSON-compatible objects;
//! - every core error becomes a JS `Error` with a stable `code` and a `message`.
//!
//! Production API: `version`, the signal decoder (`decodeSignal`, `decodeElement`) and the call
//! `Engine` class.
//!
//! The `tools` feature adds `inspectUserSig`, `encodeSignal` and `offlinePushInfo`; the
//! `debug-usersig` feature adds those and UserSig signing, for the debug build only. The
//! production component is built with neither and exposes no signing entry point.

mod engine;
mod engine_view;
mod error;
mod numbers;
mod plain;
mod signal;
#[cfg(feature = "tools")]
mod usersig;

use wasm_bindgen::prelude::wasm_bindgen;

pub use engine::Engine;
pub use signal::{decode_element, decode_signal};
#[cfg(feature = "tools")]
pub use signal::{encode_signal, offline_push_info};
#[cfg(feature = "tools")]
pub use usersig::inspect_user_sig;
#[cfg(feature = "debug-usersig")]
pub use usersig::{gen_private_map_key, gen_user_sig, verify_user_sig};

/// The wasm heap: lol_alloc's free list (smaller than std's dlmalloc), behind a spin lock so
/// that the static is `Sync` without `unsafe` (the module is single-threaded; the lock is never
/// contended).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::LockedAllocator<lol_alloc::FreeListAllocator> =
    lol_alloc::LockedAllocator::new(lol_alloc::FreeListAllocator::new());

/// The package version of this build (e.g. "0.1.0").
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
