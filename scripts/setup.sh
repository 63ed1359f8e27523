# shellcheck shell=bash
# Idempotent set-up, sourced by scripts/serve.sh and scripts/test.sh.
#
# Starts from a Debian machine with Rust (rustup), Node.js/npm and Python 3,
# and installs only what is missing: the wasm32 target, clippy/rustfmt, trunk,
# wasm-bindgen-cli at exactly Cargo.lock's wasm-bindgen version, npm packages
# from package-lock.json (wasm-opt; esbuild and echarts for the ECharts
# bundle that trunk's pre_build hook builds), Python tools from pinned requirements,
# Chromium and chromedriver from apt. Nothing is downloaded from outside the
# package registries: trunk runs offline (Trunk.toml) with these tools on PATH.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-${HOME:-/root}/.cargo}/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true

TRUNK_VERSION="0.21.14"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Runs a command as root: directly when we are root, else through sudo.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    die "installing system packages needs root: run as root or install sudo (command: $*)"
  fi
}

wasm_bindgen_lock_version() {
  awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_rust_parts() {
  command -v rustup >/dev/null || die "rustup is required (https://rustup.rs)"
  # Output is captured, not piped into `grep -q`: with pipefail an early
  # grep exit could fail the pipeline and trigger a needless reinstall.
  if [[ $'\n'"$(rustup target list --installed)"$'\n' != *$'\nwasm32-unknown-unknown\n'* ]]; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  local component
  for component in clippy rustfmt; do
    if [[ $'\n'"$(rustup component list --installed)" != *$'\n'"$component"* ]]; then
      log "adding rustup component $component"
      rustup component add "$component"
    fi
  done
}

ensure_trunk() {
  if [[ "$(trunk --version 2>/dev/null)" == *" $TRUNK_VERSION" ]]; then return; fi
  log "installing trunk $TRUNK_VERSION (cargo install, about 6 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
}

ensure_wasm_bindgen() {
  local version
  version="$(wasm_bindgen_lock_version)"
  [ -n "$version" ] || die "wasm-bindgen not found in Cargo.lock"
  grep -q "^wasm_bindgen = \"$version\"" "$ROOT/Trunk.toml" ||
    die "Trunk.toml [tools] wasm_bindgen must be \"$version\" (the version in Cargo.lock)"
  if [[ "$(wasm-bindgen --version 2>/dev/null)" == *" $version" &&
    "$(wasm-bindgen-test-runner --version 2>/dev/null)" == *" $version" ]]; then
    return
  fi
  log "installing wasm-bindgen-cli $version (matches Cargo.lock; about 2 minutes)"
  # Not --locked: the CLI's own lockfile pins crate versions the registry may lack.
  cargo install wasm-bindgen-cli --version "$version" --force
}

ensure_npm_packages() {
  command -v npm >/dev/null || die "Node.js and npm are required"
  # npm ci only when node_modules was not installed from this exact lockfile.
  local wanted
  wanted="$(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1)"
  if [ "$(cat "$ROOT/node_modules/.lock.sha256" 2>/dev/null || true)" != "$wanted" ]; then
    log "installing npm packages from package-lock.json"
    (cd "$ROOT" && npm ci --no-audit --no-fund)
    echo "$wanted" >"$ROOT/node_modules/.lock.sha256"
  fi
  [[ "$(wasm-opt --version)" == *"version 132"* ]] ||
    die "wasm-opt 132 expected from node_modules/.bin (npm binaryen)"
  # esbuild and echarts: trunk's pre_build hook bundles ECharts with them.
  [ -x "$ROOT/node_modules/.bin/esbuild" ] && [ -f "$ROOT/node_modules/echarts/package.json" ] ||
    die "esbuild and echarts expected in node_modules (npm ci from package-lock.json)"
}

# apt_install PACKAGE...: installs the Debian packages that are not installed yet.
apt_install() {
  local missing=()
  local package
  for package in "$@"; do
    [[ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" == "install ok installed" ]] ||
      missing+=("$package")
  done
  [ "${#missing[@]}" -eq 0 ] && return
  log "installing ${missing[*]} from apt"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
}

ensure_chromium() {
  # Chromium for the browser tests; OpenSSL headers and pkg-config for the
  # WebDriver client's TLS stack (fantoccini's default native-tls).
  apt_install chromium chromium-driver libssl-dev pkg-config
}

# ensure_python_venv DIR REQUIREMENTS...: a venv with exactly those pinned packages.
ensure_python_venv() {
  local dir="$1"; shift
  local wanted have
  wanted="$(cat "$@" | sha256sum | cut -d' ' -f1)"
  have="$(cat "$dir/.requirements.sha256" 2>/dev/null || true)"
  if [ -x "$dir/bin/python" ] && [ "$wanted" = "$have" ]; then return; fi
  log "creating Python environment $dir from $*"
  python3 -m venv "$dir"
  "$dir/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
  local args=()
  local file
  for file in "$@"; do args+=(-r "$file"); done
  "$dir/bin/python" -m pip install --quiet --disable-pip-version-check "${args[@]}"
  echo "$wanted" >"$dir/.requirements.sha256"
}

# trunk runs cargo offline (Trunk.toml), so the crates must be here first.
ensure_crates() {
  log "fetching crates from Cargo.lock (no-op when present)"
  (cd "$ROOT" && cargo fetch --locked --quiet)
}

# trunk canonicalises every [watch] ignore path of Trunk.toml when it starts
# `trunk serve`, so `build/` (written only by the pre_build hook) must exist
# before the first build on a fresh clone.
ensure_build_dirs() {
  mkdir -p "$ROOT/build"
}

# Everything needed to build and serve the app.
setup_build() {
  ensure_rust_parts
  ensure_npm_packages
  ensure_trunk
  ensure_wasm_bindgen
  ensure_crates
  ensure_build_dirs
}

# Everything needed to run the whole test suite.
setup_test() {
  setup_build
  ensure_chromium
  # Debian's own python3 needs python3-venv for `python3 -m venv`.
  python3 -c 'import ensurepip, venv' 2>/dev/null || apt_install python3-venv
  ensure_python_venv "$ROOT/.venv-tools" "$ROOT"/tools/requirements-*.txt
}
