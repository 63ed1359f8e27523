#!/usr/bin/env bash
# Exercises the README's serve command the way a new user runs it: from a
# clean copy of the tree (no build/, dist/, node_modules/ or target/ of its
# own), on a free port. Waits until the page, its wasm module and a data file
# are served, then stops the server. Run by scripts/test.sh, so a serve
# command that fails on a fresh clone fails the tests.
#
# The copy builds into the main checkout's cargo target directory
# (CARGO_TARGET_DIR), so only the two workspace crates are compiled again.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

apt_install curl
WAIT_SECONDS="${SERVE_CHECK_WAIT_SECONDS:-1200}"
COPY="$(mktemp -d "${TMPDIR:-/tmp}/serve-check.XXXXXX")"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    # serve.sh runs in its own session: stop trunk and everything it started.
    kill -TERM -- "-$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$COPY"
}
trap cleanup EXIT

# The files a clone has: tracked and untracked-but-not-ignored, as they are
# in the working tree (so uncommitted work is checked too).
(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard |
  tar --null --ignore-failed-read -T - -cf -) | tar -xf - -C "$COPY"
for generated in build dist node_modules target .venv-tools; do
  [ ! -e "$COPY/$generated" ] || die "the clean copy unexpectedly has $generated/"
done

PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
LOG="$COPY/serve.log"
log "starting ./scripts/serve.sh from a clean copy on port $PORT"
CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}" PORT="$PORT" \
  setsid "$COPY/scripts/serve.sh" >"$LOG" 2>&1 </dev/null &
SERVER_PID=$!

fail() {
  printf '%s\n' "--- last lines of the serve command's output:" >&2
  tail -n 40 "$LOG" >&2 || true
  die "$*"
}

BASE="http://127.0.0.1:$PORT"
deadline=$((SECONDS + WAIT_SECONDS))
until page="$(curl -fsS --max-time 5 "$BASE/" 2>/dev/null)" && [[ "$page" == *"_bg.wasm"* ]]; do
  kill -0 "$SERVER_PID" 2>/dev/null || fail "the serve command exited before serving the page"
  [ "$SECONDS" -lt "$deadline" ] || fail "no page at $BASE/ after ${WAIT_SECONDS}s"
  sleep 2
done

wasm="$(grep -o '[A-Za-z0-9_./-]*_bg\.wasm' <<<"$page" | head -n 1)"
[ -n "$wasm" ] || fail "the page names no wasm module"
wasm_type="$(curl -fsS --max-time 10 -o /dev/null -w '%{content_type}' "$BASE/${wasm#/}")" ||
  fail "the wasm module $wasm is not served"
[[ "$wasm_type" == application/wasm* ]] || fail "the wasm module is served as '$wasm_type'"
curl -fsS --max-time 10 -o /dev/null "$BASE/data/wards.json" || fail "data/wards.json is not served"
curl -fsS --max-time 10 -o /dev/null "$BASE/ward/00052" || fail "a client-side route (/ward/00052) is not served"
log "the serve command serves the page, $wasm and the data on a clean copy"
