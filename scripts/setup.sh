#!/usr/bin/env bash
# Installs what the build and the tests need, skipping whatever is already there.
# Idempotent: a second run takes about a second.
#
#   1. the Rust target wasm32-unknown-unknown          (rustup)
#      and the rustfmt and clippy components            (rustup)
#   2. wasm-bindgen-cli at the exact version of the wasm-bindgen crate in Cargo.lock
#      (brings wasm-bindgen-test-runner, used by `cargo test --target wasm32-unknown-unknown`)
#   3. Chromium + chromedriver                          (Debian packages, as root)
#      or those named by CHROME_PATH / CHROMEDRIVER
#   3b. Firefox ESR, WebKitGTK's WebKitWebDriver + MiniBrowser, Xvfb + xauth
#      for the cross-engine tests (tests/cross/)        (Debian packages, as root)
#   4. node_modules                                     (npm ci)
#
# Environment:
#   CHROME_PATH   an existing Chrome/Chromium binary to use instead of /usr/bin/chromium
#   CHROMEDRIVER  an existing chromedriver (same major version) instead of /usr/bin/chromedriver
#   SKIP_BROWSER=1  skip steps 3 and 3b (no browser tests possible then)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# cargo-installed binaries must be reachable even when the shell profile did not add them.
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in *":$CARGO_BIN:"*) ;; *) export PATH="$CARGO_BIN:$PATH" ;; esac

t_start=$(date +%s.%N)
say()  { printf '[setup] %-28s %s\n' "$1" "$2"; }
fail() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f s", b - a }'; }

command -v cargo >/dev/null  || fail "cargo not found: install Rust with rustup (https://rustup.rs) first"
command -v rustup >/dev/null || fail "rustup not found: the wasm32 target is installed with rustup"
command -v node >/dev/null   || fail "node not found: install Node.js >= 20"
command -v npm >/dev/null    || fail "npm not found: install Node.js >= 20 (it ships npm)"

# ---------------------------------------------------------------- 1. wasm target
if rustup target list --installed 2>/dev/null | grep -qx 'wasm32-unknown-unknown'; then
  say "rust target wasm32" "ok (already present)"
else
  t=$(date +%s.%N)
  rustup target add wasm32-unknown-unknown >/dev/null
  say "rust target wasm32" "installed wasm32-unknown-unknown ($(since "$t"))"
fi

# ---------------------------------------------------------------- 1b. rustfmt, clippy
# `npm test` starts with `cargo fmt --check` and `cargo clippy -D warnings`.
missing_components=()
cargo fmt --version >/dev/null 2>&1 || missing_components+=(rustfmt)
cargo clippy --version >/dev/null 2>&1 || missing_components+=(clippy)
if [[ ${#missing_components[@]} -eq 0 ]]; then
  say "rustfmt, clippy" "ok (already present)"
else
  t=$(date +%s.%N)
  rustup component add "${missing_components[@]}" >/dev/null
  say "rustfmt, clippy" "installed ${missing_components[*]} ($(since "$t"))"
fi

# ---------------------------------------------------------------- 2. wasm-bindgen-cli
lock_wb_versions() { # versions of the `wasm-bindgen` package in Cargo.lock, one a line
  [[ -f Cargo.lock ]] || return 0
  awk '
    /^\[\[package\]\]/ { name = "" }
    /^name = / { gsub(/"/, "", $3); name = $3 }
    /^version = / && name == "wasm-bindgen" { gsub(/"/, "", $3); print $3 }
  ' Cargo.lock | sort -u
}
WB_VERSION=$(lock_wb_versions)
if [[ -z "$WB_VERSION" ]]; then
  # No Cargo.lock yet, or one older than the wasm-bindgen dependency: let cargo write it.
  t=$(date +%s.%N)
  if cargo metadata --format-version 1 --filter-platform wasm32-unknown-unknown >/dev/null 2>&1; then
    say "Cargo.lock" "written by cargo metadata ($(since "$t"))"
    WB_VERSION=$(lock_wb_versions)
  fi
fi
if [[ -z "$WB_VERSION" ]]; then
  # cargo cannot resolve the crate right now (e.g. src/lib.rs missing): use the `=` pin.
  WB_VERSION=$(sed -nE 's/^[[:space:]]*wasm-bindgen[[:space:]]*=[[:space:]]*(\{[^}]*version[[:space:]]*=[[:space:]]*)?"=([0-9][^"]*)".*/\2/p' Cargo.toml | head -n1)
  [[ -n "$WB_VERSION" ]] || fail "cannot tell the wasm-bindgen version: no Cargo.lock and no \`wasm-bindgen = \"=X.Y.Z\"\` pin in Cargo.toml"
  say "wasm-bindgen version" "$WB_VERSION (from the = pin in Cargo.toml; cargo could not resolve the crate)"
fi
[[ $(wc -l <<<"$WB_VERSION") -eq 1 ]] \
  || fail "several wasm-bindgen versions in Cargo.lock ($(echo $WB_VERSION)); pin one with \`=\` in Cargo.toml"

have_version() { # $1 = binary; prints nothing, returns 0 when it reports $WB_VERSION
  command -v "$1" >/dev/null && [[ "$("$1" --version 2>/dev/null | awk '{print $2}')" == "$WB_VERSION" ]]
}
if have_version wasm-bindgen && have_version wasm-bindgen-test-runner; then
  say "wasm-bindgen-cli $WB_VERSION" "ok (already present)"
else
  old=$(command -v wasm-bindgen >/dev/null && wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  say "wasm-bindgen-cli $WB_VERSION" "installing${old:+ (replacing $old)}, takes ~3 min ..."
  t=$(date +%s.%N)
  # Not --locked: a locked dependency of wasm-bindgen-cli is missing from the index.
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --force --quiet
  have_version wasm-bindgen || fail "wasm-bindgen --version does not print $WB_VERSION after the install"
  say "wasm-bindgen-cli $WB_VERSION" "installed ($(since "$t"))"
fi

# apt_install HELP PACKAGE...: installs Debian packages quietly; on failure prints the end of
# apt's log and calls HELP (which exits).
apt_install() {
  local help=$1; shift
  local log
  log=$(mktemp)
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q "$@" >"$log" 2>&1; then
    # Fresh machine: the package lists may be empty or stale.
    if ! { apt-get update -q && apt-get install -y -q "$@"; } >"$log" 2>&1; then
      tail -n 20 "$log" >&2
      rm -f "$log"
      "$help"
    fi
  fi
  rm -f "$log"
}

# ---------------------------------------------------------------- 3. Chromium + chromedriver
browser_help() {
  cat >&2 <<'EOF'
[setup] Chromium and chromedriver are needed for the browser tests and could not be installed.
[setup] Either install them (Debian/Ubuntu, as root: apt-get install chromium chromium-driver),
[setup] or point to an existing pair with the same major version, e.g.
[setup]     export CHROME_PATH=/path/to/chrome
[setup]     export CHROMEDRIVER=/path/to/chromedriver
[setup] and run this again. (SKIP_BROWSER=1 skips this step; the browser tests will then fail.)
EOF
  exit 1
}
if [[ "${SKIP_BROWSER:-}" == 1 ]]; then
  say "chromium + chromedriver" "skipped (SKIP_BROWSER=1)"
elif [[ -n "${CHROME_PATH:-}" || -n "${CHROMEDRIVER:-}" ]]; then
  chrome="${CHROME_PATH:-/usr/bin/chromium}"
  driver="${CHROMEDRIVER:-/usr/bin/chromedriver}"
  [[ -x "$chrome" ]] || { echo "[setup] CHROME_PATH: $chrome is not an executable file" >&2; browser_help; }
  [[ -x "$driver" ]] || { echo "[setup] CHROMEDRIVER: $driver is not an executable file" >&2; browser_help; }
  say "chromium + chromedriver" "ok (using $chrome, $driver)"
elif [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
  say "chromium + chromedriver" "ok (already present)"
else
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
    echo "[setup] /usr/bin/chromium or /usr/bin/chromedriver is missing, and this is not root with apt-get." >&2
    browser_help
  fi
  say "chromium + chromedriver" "installing Debian packages chromium chromium-driver ..."
  t=$(date +%s.%N)
  apt_install browser_help chromium chromium-driver
  [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]] || browser_help
  say "chromium + chromedriver" "installed $(/usr/bin/chromium --version 2>/dev/null | head -n1) ($(since "$t"))"
fi

# ---------------------------------------------------------------- 3b. Firefox, WebKitGTK, Xvfb
# tests/cross/ runs the main journeys in Firefox ESR (puppeteer-core, WebDriver BiDi) and in
# WebKitGTK's MiniBrowser (selenium-webdriver + WebKitWebDriver), which needs a display (Xvfb).
CROSS_PACKAGES=(firefox-esr webkit2gtk-driver xvfb xauth)
CROSS_FILES=(/usr/bin/firefox-esr /usr/bin/WebKitWebDriver /usr/bin/Xvfb /usr/bin/xauth)
cross_missing() { for f in "${CROSS_FILES[@]}"; do [[ -x "$f" ]] || return 0; done; return 1; }
cross_help() {
  cat >&2 <<'EOF'
[setup] Firefox ESR, WebKitWebDriver and Xvfb are needed for the cross-engine tests and could not be installed.
[setup] Install them (Debian/Ubuntu, as root: apt-get install firefox-esr webkit2gtk-driver xvfb xauth)
[setup] and run this again. (SKIP_BROWSER=1 skips this step; the browser tests will then fail.)
EOF
  exit 1
}
if [[ "${SKIP_BROWSER:-}" == 1 ]]; then
  say "firefox, webkitgtk, xvfb" "skipped (SKIP_BROWSER=1)"
elif ! cross_missing; then
  say "firefox, webkitgtk, xvfb" "ok (already present)"
else
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
    echo "[setup] one of ${CROSS_FILES[*]} is missing, and this is not root with apt-get." >&2
    cross_help
  fi
  say "firefox, webkitgtk, xvfb" "installing Debian packages ${CROSS_PACKAGES[*]}, takes ~30 s ..."
  t=$(date +%s.%N)
  apt_install cross_help "${CROSS_PACKAGES[@]}"
  cross_missing && cross_help
  say "firefox, webkitgtk, xvfb" "installed $(/usr/bin/firefox-esr --version 2>/dev/null | head -n1), webkit2gtk-driver $(dpkg-query -W -f='${Version}' webkit2gtk-driver 2>/dev/null) ($(since "$t"))"
fi

# ---------------------------------------------------------------- 4. node_modules
# npm writes node_modules/.package-lock.json on every install; we touch it afterwards
# and use it as the stamp.
stamp=node_modules/.package-lock.json
if [[ -f "$stamp" && ! package.json -nt "$stamp" && ( ! -f package-lock.json || ! package-lock.json -nt "$stamp" ) ]]; then
  say "node_modules" "ok (already present)"
else
  t=$(date +%s.%N)
  if [[ -f package-lock.json && ( "${CI:-}" == true || ! package.json -nt package-lock.json ) ]]; then
    npm ci --no-audit --no-fund --loglevel=error
    what="npm ci"
  else
    # No lockfile yet, or package.json edited locally since: refresh the lockfile.
    npm install --no-audit --no-fund --loglevel=error
    what="npm install"
  fi
  touch "$stamp"
  say "node_modules" "installed with $what ($(since "$t"))"
fi

say "done" "in $(since "$t_start")"
