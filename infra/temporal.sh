#!/usr/bin/env bash
# The Temporal dev server: the Temporal CLI built from the Go module proxy into the tools folder,
# started with `server start-dev` on 127.0.0.1, its SQLite file in the data folder.
# Idempotent: builds only when the binary is missing, starts only when not healthy.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bash "$ROOT/infra/temporal-cli.sh"

log="$LOG_DIR/temporal.log"
address="127.0.0.1:$TEMPORAL_PORT"
healthy() { "$TEMPORAL_CLI" operator cluster health --address "$address" 2>/dev/null | grep -q SERVING; }

if healthy; then
  say "temporal: already up on $address"
  exit 0
fi
say "temporal: starting the dev server on $address (UI on 127.0.0.1:$TEMPORAL_UI_PORT, log $log)"
mkdir -p "$DATA_DIR/temporal"
nohup "$TEMPORAL_CLI" server start-dev --ip 127.0.0.1 --port "$TEMPORAL_PORT" --ui-port "$TEMPORAL_UI_PORT" \
  --db-filename "$DATA_DIR/temporal/temporal.sqlite" --log-level warn >"$log" 2>&1 &
echo $! >"$DATA_DIR/temporal/temporal.pid"
wait_for 60 healthy || fail temporal "$log" "the dev server did not become healthy on $address"
say "temporal: ready on $address"
