#!/usr/bin/env bash
# `npm start`: try the extension by hand in a real VS Code. With a desktop VS Code (`code` on PATH)
# it opens samples/ with this checkout as a development extension (what F5 does). Without one, it
# serves the same thing from code-server on loopback and prints the URL to open in a browser.
# Runs in the foreground; Ctrl-C stops the server.
set -Eeuo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
samples="$repo/samples"
fail() { echo "open-vscode: ERROR: $*" >&2; exit 1; }

cd "$repo"
node esbuild.mjs || fail "build failed (node esbuild.mjs)"
[[ -d "$samples" ]] || fail "no samples/ folder to open at $samples"

if command -v code >/dev/null 2>&1; then
  exec code --extensionDevelopmentPath="$repo" "$samples"
fi

bin="$(bash "$repo/scripts/ensure-code-server.sh" | tail -n 1)" || fail "could not install code-server (see above)"
[[ -x "$bin" ]] || fail "ensure-code-server.sh printed no usable binary path (got '$bin')"

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if [[ -n "${PORT:-}" ]]; then
  port="$PORT"
  port_in_use "$port" && fail "port $port (from \$PORT) is already in use on 127.0.0.1"
else
  port=8080
  while port_in_use "$port"; do
    port=$((port + 1))
    ((port < 8180)) || fail "no free port in 8080-8179 on 127.0.0.1; set PORT"
  done
fi

state="$repo/.cache/open-vscode"
mkdir -p "$state/user-data/User" "$state/extensions"
# Our own config file: a developer's ~/.config/code-server/config.yaml (password, bind address) must not apply.
printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$port" >"$state/config.yaml"

# The payload parameter is the web workbench's --extensionDevelopmentPath.
payload="$(node -e '
  const [port, repo] = process.argv.slice(1);
  process.stdout.write(encodeURIComponent(JSON.stringify([["extensionDevelopmentPath", `vscode-remote://127.0.0.1:${port}${repo}`]])));
' "$port" "$repo")"
folder="$(node -e 'process.stdout.write(encodeURIComponent(process.argv[1]))' "$samples")"
url="http://127.0.0.1:$port/?folder=$folder&payload=$payload"

echo "open-vscode: starting code-server on 127.0.0.1:$port (Ctrl-C to stop)"
echo "open-vscode: open this URL (it loads Gradient Lens from $repo as a development extension):"
echo
echo "  $url"
echo
# exec: Ctrl-C and SIGTERM reach code-server itself, which stops its extension hosts.
exec "$bin" \
  --config "$state/config.yaml" \
  --bind-addr "127.0.0.1:$port" \
  --auth none \
  --disable-telemetry \
  --disable-update-check \
  --disable-workspace-trust \
  --user-data-dir "$state/user-data" \
  --extensions-dir "$state/extensions" \
  "$samples"
