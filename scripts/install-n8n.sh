#!/usr/bin/env bash
# Installs a real n8n (with the Node 24 it needs) into .cache/n8n/ for the end-to-end tests.
# Idempotent: a complete install leaves .cache/n8n/.complete and is reused as is.
#
#   .cache/n8n/node24/node_modules/node/bin/node   Node 24 (from the `node` npm package)
#   .cache/n8n/app/node_modules/n8n/bin/n8n          n8n itself
#
# n8n@latest does not resolve from this registry; 2.41.1 does and matches our n8n-core/n8n-workflow.
set -euo pipefail

N8N_VERSION="${N8N_VERSION:-2.41.1}"
NODE_MAJOR="${NODE_MAJOR:-24}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${N8N_CACHE_DIR:-$ROOT/.cache/n8n}"
MARKER="$CACHE/.complete"
STAMP="n8n@$N8N_VERSION node@$NODE_MAJOR"

if [[ -f "$MARKER" && "$(cat "$MARKER")" == "$STAMP" ]]; then
	echo "install-n8n: $STAMP already installed in $CACHE"
	exit 0
fi
rm -f "$MARKER"
mkdir -p "$CACHE/node24" "$CACHE/app"
started=$(date +%s)

# 1. Node 24. The `node` package's install script fetches the arch-specific binary package,
#    so scripts must run here (the repo's .npmrc disables them; this folder has its own).
NODE_PKG="$CACHE/node24/node_modules/node"
NODE_BIN="$NODE_PKG/bin/node"
if ! [[ -x "$NODE_BIN" ]] || ! "$NODE_BIN" --version | grep -q "^v$NODE_MAJOR\."; then
	echo "install-n8n: installing node@$NODE_MAJOR"
	cd "$CACHE/node24"
	[[ -f package.json ]] || echo '{"name":"n8n-e2e-node","private":true}' > package.json
	printf 'ignore-scripts=false\nfund=false\naudit=false\nupdate-notifier=false\n' > .npmrc
	npm install --no-save --ignore-scripts=false "node@$NODE_MAJOR"
fi
"$NODE_BIN" --version
NODE_BIN_DIR="$(cd "$(dirname "$(readlink -f "$NODE_BIN")")" && pwd)"
# Headers for native rebuilds: the binary package ships include/node, which node-gyp accepts as nodedir.
NODEDIR="$(dirname "$NODE_BIN_DIR")"
if ! [[ -f "$NODEDIR/include/node/node.h" ]]; then
	NODEDIR="$(dirname "$(find "$CACHE/node24/node_modules" -path '*include/node/node.h' -print -quit)")"
	NODEDIR="${NODEDIR%/include/node}"
fi
echo "install-n8n: node dir for native builds: $NODEDIR"

# 2. n8n, with Node 24 first on PATH so npm and node-gyp target it.
export PATH="$NODE_BIN_DIR:$PATH"
export npm_config_nodedir="$NODEDIR"
cd "$CACHE/app"
[[ -f package.json ]] || echo '{"name":"n8n-e2e-app","private":true}' > package.json
# Scripts off for the install (the Kafka add-on's script fails here); the two native modules n8n needs are rebuilt after.
printf 'ignore-scripts=true\nfund=false\naudit=false\nupdate-notifier=false\n' > .npmrc
if ! [[ -f node_modules/n8n/package.json ]] || ! grep -q "\"version\": \"$N8N_VERSION\"" node_modules/n8n/package.json; then
	echo "install-n8n: installing n8n@$N8N_VERSION (a few minutes, ~3 GB)"
	npm install --no-save --ignore-scripts "n8n@$N8N_VERSION"
fi
echo "install-n8n: rebuilding sqlite3 and isolated-vm for $(node --version)"
npm rebuild --ignore-scripts=false sqlite3 isolated-vm

# Smoke check: the CLI starts under Node 24.
node node_modules/n8n/bin/n8n --version

echo "$STAMP" > "$MARKER"
echo "install-n8n: done in $(( $(date +%s) - started )) s; $(du -sh "$CACHE" | cut -f1) in $CACHE"
