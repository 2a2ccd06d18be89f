#!/usr/bin/env bash
# Installs code-server (the open-source VS Code: real workbench + real Node extension host) into
# .cache/code-server/, outside the extension's own dependency tree, so the integration and e2e
# tiers and `npm start` can run a real VS Code on machines that reach only npm and Debian.
# Idempotent; safe with no terminal (CI). Progress goes to stderr; the last line on stdout is the
# path of the code-server binary, so callers can do `bin=$(scripts/ensure-code-server.sh | tail -n1)`.
# (@vscode/test-electron downloads VS Code from Microsoft, which such machines cannot reach.)
# Each step below says why it exists.
set -Eeuo pipefail

# Node 20 is the floor here; later 4.10x releases need Node 22 (their engines.node).
readonly CODE_SERVER_VERSION=4.100.3
# code-server's @vscode/ripgrep@1.15.11 downloads rg from GitHub unless it finds this archive first.
readonly RIPGREP_PACKAGE_VERSION=1.15.11
readonly RIPGREP_RELEASE=v13.0.0-10
readonly DEBIAN_PACKAGES=(chromium libkrb5-dev pkg-config libsecret-1-dev ripgrep python3-torch python3-numpy python3-pytest libopenblas0-pthread dataset-fashion-mnist)

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
prefix="$repo/.cache/code-server"
bin="$prefix/node_modules/.bin/code-server"

log() { echo "ensure-code-server: $*" >&2; }
fail() { echo "ensure-code-server: ERROR: $*" >&2; exit 1; }
trap 'fail "command failed (exit $?) at line $LINENO: $BASH_COMMAND"' ERR

installed_version() {
  local manifest="$prefix/node_modules/code-server/package.json"
  [[ -f "$manifest" ]] || return 0
  node -p "require(process.argv[1]).version" "$manifest" 2>/dev/null || true
}

ensure_debian_packages() {
  if ! command -v dpkg-query >/dev/null 2>&1; then
    log "not a Debian system: make sure these are installed yourself: ${DEBIAN_PACKAGES[*]}"
    return 0
  fi
  local missing=() package
  for package in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  ((${#missing[@]} == 0)) && return 0
  if [[ "$(id -u)" != 0 ]]; then
    # Without root we cannot install; the npm step below fails without the -dev packages, so say how to fix it.
    log "WARNING: missing Debian packages: ${missing[*]}"
    log "WARNING: run: sudo apt-get update && sudo apt-get install -y ${missing[*]}"
    return 0
  fi
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2 || fail "apt-get update failed"
  apt-get install -y -q --no-install-recommends "${missing[@]}" >&2 || fail "apt-get install ${missing[*]} failed"
}

# Packs Debian's rg where @vscode/ripgrep's postinstall looks before downloading.
seed_ripgrep_cache() {
  local rg arch target cache archive
  rg="$(command -v rg)" || fail "ripgrep (rg) is not on PATH: install Debian's 'ripgrep' package"
  arch="$(uname -m)"
  case "$arch" in
    x86_64) target=x86_64-unknown-linux-musl ;;
    aarch64) target=aarch64-unknown-linux-gnu ;;
    *) fail "no ripgrep cache mapping for architecture $arch" ;;
  esac
  cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-$RIPGREP_PACKAGE_VERSION"
  archive="$cache/ripgrep-$RIPGREP_RELEASE-$target.tar.gz"
  [[ -s "$archive" ]] && return 0
  mkdir -p "$cache"
  tar -czf "$archive" -C "$(dirname "$rg")" "$(basename "$rg")"
  log "seeded $archive from $rg"
}

ensure_debian_packages

current="$(installed_version)"
if [[ "$current" == "$CODE_SERVER_VERSION" && -x "$bin" ]]; then
  log "code-server $CODE_SERVER_VERSION already installed"
  echo "$bin"
  exit 0
fi
[[ -n "$current" ]] && log "replacing code-server $current with $CODE_SERVER_VERSION"

seed_ripgrep_cache
mkdir -p "$prefix"
# A project of its own, so npm never touches the extension's package.json or lockfile.
[[ -f "$prefix/package.json" ]] || echo '{ "name": "code-server-cache", "private": true }' >"$prefix/package.json"

log "installing code-server@$CODE_SERVER_VERSION into $prefix (about 2 minutes)"
# --unsafe-perm: as root, npm otherwise drops privileges and code-server's postinstall fails.
# npm_config_yes: its postinstall runs `npx node-gyp`, which would prompt without a terminal.
started=$SECONDS
(
  cd "$prefix"
  npm_config_yes=true npm install --prefix "$prefix" --unsafe-perm --no-audit --no-fund \
    --loglevel=warn "code-server@$CODE_SERVER_VERSION" </dev/null >&2
) || fail "npm install code-server@$CODE_SERVER_VERSION failed (see npm output above; native modules need libkrb5-dev, pkg-config, libsecret-1-dev)"

[[ "$(installed_version)" == "$CODE_SERVER_VERSION" ]] || fail "code-server $CODE_SERVER_VERSION not found in $prefix after npm install"
[[ -x "$bin" ]] || fail "code-server binary missing at $bin after npm install"
"$bin" --version >&2 || fail "$bin --version failed: the install is broken; delete $prefix and retry"
log "installed in $((SECONDS - started)) s"
echo "$bin"
