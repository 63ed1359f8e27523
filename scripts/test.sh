#!/usr/bin/env bash
# Runs every check and test of the project. Installs whatever is missing first
# (see scripts/setup.sh). This is what CI runs (.ci/run).
#
# Steps: formatting, clippy (native and wasm32), data regeneration and schema
# checks, Frictionless validation, native tests, the release build, wasm tests
# in headless Chromium, end-to-end tests in headless Chromium, size budget.
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
step "clippy, wasm32" cargo clippy -p hanoi-ward-dashboard --all-targets --locked \
  --target wasm32-unknown-unknown -- -D warnings

step "data: regenerating reproduces the committed files" "$PY" -m tools.data_prep.check
step "data: Python tests of the data tools" "$PY" -m unittest discover -s tools/data_prep -t . -p 'test_*.py'
step "data: Frictionless validation of datapackage.json" \
  "$ROOT/.venv-tools/bin/frictionless" validate public/data/datapackage.json

step "native tests (domain; property tests at 2000 cases each)" env PROPTEST_CASES=2000 \
  cargo test -p ward-domain --locked
step "native tests (UI text catalogue: both languages complete)" \
  cargo test -p hanoi-ward-dashboard --lib --locked
step "release build (trunk)" trunk build --release --offline --locked
step "wasm tests in headless Chromium" env CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test -p hanoi-ward-dashboard --target wasm32-unknown-unknown --locked --test wasm_components
step "end-to-end tests in headless Chromium" env DASHBOARD_DIST="$ROOT/dist" \
  cargo test -p hanoi-ward-dashboard --locked --test e2e -- --test-threads=1
step "size budget of the release bundle" "$PY" scripts/size_report.py dist size-budget.json

log "all checks passed"
printf '%s\n' "${SUMMARY[@]}"
