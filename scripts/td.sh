#!/usr/bin/env bash
# Runs a pnpm script on any machine with Node and npm: puts Node 24 and pnpm on PATH (installing
# them from the npm registry if needed), starts PostgreSQL, Redis and NATS on loopback when they are
# installed but down, installs the dependencies, then runs `pnpm <args>`.
#   bash scripts/td.sh start    # the whole system (simulator when no TOPICDESK_BOT_TOKEN)
#   bash scripts/td.sh test     # format, lint, typecheck and every test
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=toolchain.sh
source scripts/toolchain.sh
bash scripts/ensure-services.sh
# `pnpm start` keeps its data in the `topicdesk` database; tests use `test` (created by the machine).
psql -h 127.0.0.1 -d postgres -tAc "select 1 from pg_database where datname = 'topicdesk'" 2>/dev/null | grep -q 1 \
  || psql -h 127.0.0.1 -d postgres -c "create database topicdesk" >/dev/null 2>&1 || true
pnpm install --frozen-lockfile --reporter=silent
exec pnpm "$@"
