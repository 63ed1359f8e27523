#!/usr/bin/env bash
# Builds the dashboard (release) and serves it on 127.0.0.1 with the bundled
# data. Installs whatever is missing first (see scripts/setup.sh).
#   PORT=8080 by default.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"
setup_build
PORT="${PORT:-8080}"
log "building the release bundle, then serving the dashboard at http://127.0.0.1:$PORT/  (Ctrl-C to stop)"
exec trunk serve --release --offline --no-autoreload --address 127.0.0.1 --port "$PORT"
