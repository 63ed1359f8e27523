#!/usr/bin/env bash
# Regenerates every file of public/data from the pinned inputs
# (tools/requirements-prep.txt): the registry, the tile cartogram, then the
# datasets, catalogue, schemas and datapackage.json. Commit the result.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"
ensure_python_venv "$ROOT/.venv-tools" "$ROOT"/tools/requirements-*.txt
PY="$ROOT/.venv-tools/bin/python"
"$PY" -m tools.data_prep.registry
"$PY" -m tools.data_prep.cartogram
"$PY" -m tools.data_prep.datasets
"$PY" -m tools.data_prep.check
