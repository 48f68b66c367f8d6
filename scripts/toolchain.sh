# Sourced by .ci/run and scripts/setup.sh: puts Node 24 and pnpm 10 first on PATH, installing them from
# the npm registry (the `node` package ships the binary) when the machine's own Node is older.
TOOLCHAIN_DIR="${TOPICDESK_TOOLCHAIN_DIR:-$HOME/.cache/topicdesk-toolchain}"
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(node_major)" != "24" ] || ! command -v pnpm >/dev/null 2>&1; then
  if [ ! -x "$TOOLCHAIN_DIR/node_modules/.bin/node" ] || [ ! -x "$TOOLCHAIN_DIR/node_modules/.bin/pnpm" ]; then
    echo "toolchain: installing Node 24 and pnpm 10 into $TOOLCHAIN_DIR"
    mkdir -p "$TOOLCHAIN_DIR"
    npm install --no-audit --no-fund --loglevel=error --prefix "$TOOLCHAIN_DIR" node@24 pnpm@10.34.9 >/dev/null
  fi
  export PATH="$TOOLCHAIN_DIR/node_modules/.bin:$PATH"
fi
echo "toolchain: node $(node --version), pnpm $(pnpm --version)"
