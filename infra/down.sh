#!/usr/bin/env bash
# Stops the local stack that up.sh started; data stays in place for the next start.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
if [ -f "$DATA_DIR/temporal/temporal.pid" ] && kill "$(cat "$DATA_DIR/temporal/temporal.pid")" 2>/dev/null; then
  say "temporal: stopped"
fi
rm -f "$DATA_DIR/temporal/temporal.pid"
if redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown 2>/dev/null; then :; fi
say "redis: stopped"
version="$(pg_lsclusters -h | awk -v c="$PG_CLUSTER" '$2==c {print $1}' | head -n 1)"
if [ -n "$version" ]; then
  $SUDO pg_ctlcluster "$version" "$PG_CLUSTER" stop 2>/dev/null || true
  say "postgres: stopped"
fi
