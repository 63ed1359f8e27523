//! `ward-import FILE [--json] [--sheet NAME] [--convert-legacy] [--period ID]
//! [--title TEXT] [--unit TEXT] [--lower-is-better] [--lang vi|en]`
//!
//! Checks a file of ward figures the way the dashboard reads it (see the
//! library's docs for the JSON output). Exit status: 0 when the app can
//! show the file, 1 when it cannot, 2 for a usage error (unknown flag,
//! missing or unreadable file; the message goes to stderr).
//!
//! Native only: for wasm32 (see Cargo.toml) `main` does nothing.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
