#!/usr/bin/env bash
# Runs every check and test of the project. Installs whatever is missing first
# (see scripts/setup.sh). This is what CI runs (.ci/run).
#
# Steps: formatting, clippy (native and wasm32), data regeneration and schema
# checks, Frictionless validation, native tests (with the import pipeline, the
# ward-import checker on the import corpus and its benchmark), the release
# build, wasm tests
# in headless Chromium, end-to-end tests in headless Chromium, the serve
# command from a clean copy, size budget.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"

SUMMARY=()
step() {
  local name="$1"; shift
  log "$name"
  local start=$SECONDS
  "$@"
  SUMMARY+=("$(printf '%5ss  %s' "$((SECONDS - start))" "$name")")
}

step "set-up (installs only what is missing)" setup_test
PY="$ROOT/.venv-tools/bin/python"

step "cargo fmt --check" cargo fmt --all --check
step "clippy, native" cargo clippy --workspace --all-targets --locked -- -D warnings
step "clippy, wasm32 (the app and the import worker)" cargo clippy -p hanoi-ward-dashboard \
  -p import-worker --all-targets --locked --target wasm32-unknown-unknown -- -D warnings

step "data: regenerating reproduces the committed files" "$PY" -m tools.data_prep.check
step "data: Python tests of the data tools" "$PY" -m unittest discover -s tools/data_prep -t . -p 'test_*.py'
step "data: Frictionless validation of datapackage.json" \
  "$ROOT/.venv-tools/bin/frictionless" validate public/data/datapackage.json

# Property tests explore new random cases on a developer's machine but use a
# fixed seed in CI, so a submission is judged on its code, not on its luck.
# Failures found locally are kept in crates/domain/proptest-regressions/
# (committed) and replayed first on every run.
if [ -n "${CI:-}" ]; then
  export PROPTEST_RNG_SEED="${PROPTEST_RNG_SEED:-20210701}"
fi
step "native tests (domain; property tests at 2000 cases each)" env PROPTEST_CASES=2000 \
  cargo test -p ward-domain --locked
step "benchmark: heap held by parsed datasets and the cache (prints figures)" \
  cargo run -p ward-domain --locked --quiet --example memory
step "native tests of the import pipeline (domain with the import feature)" \
  env PROPTEST_CASES=2000 cargo test -p ward-domain --features import --locked
# The ward-import checker on every file of tests/import-corpus/ (every row of
# expected-matches.csv), and its command line (exit statuses, reports).
step "the ward-import checker on the import corpus" cargo test -p ward-import --locked
step "benchmark: a 10,000-row CSV read, matched and validated (prints the median)" \
  cargo run -p ward-import --release --locked --quiet --example bench
step "native tests (UI text catalogue: both languages complete)" \
  cargo test -p hanoi-ward-dashboard --lib --locked
step "release build (trunk)" trunk build --release --offline --locked
step "wasm tests in headless Chromium" env CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test -p hanoi-ward-dashboard --target wasm32-unknown-unknown --locked --test wasm_components
step "end-to-end tests in headless Chromium" env DASHBOARD_DIST="$ROOT/dist" \
  cargo test -p hanoi-ward-dashboard --locked --test e2e -- --test-threads=1
step "the serve command from a clean copy (no build/, dist/)" "$ROOT/scripts/check-serve.sh"
step "size budget of the release bundle" "$PY" scripts/size_report.py dist size-budget.json

log "all checks passed"
printf '%s\n' "${SUMMARY[@]}"
