#!/usr/bin/env bash
# Redis from Debian's packages, configured as BullMQ requires: noeviction and append-only persistence.
# Idempotent: installs only when absent, starts only when not answering.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if ! command -v redis-server >/dev/null 2>&1; then
  apt_install redis-server
fi

log="$LOG_DIR/redis.log"
if redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; then
  say "redis: already up on 127.0.0.1:$REDIS_PORT"
else
  say "redis: starting on 127.0.0.1:$REDIS_PORT (data in $DATA_DIR/redis)"
  mkdir -p "$DATA_DIR/redis"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes \
    --dir "$DATA_DIR/redis" --pidfile "$DATA_DIR/redis/redis.pid" --logfile "$log" \
    --appendonly yes --appendfsync everysec --maxmemory-policy noeviction \
    || fail redis "$log" "redis-server did not start"
  wait_for 20 sh -c "redis-cli -h 127.0.0.1 -p $REDIS_PORT ping | grep -q PONG" \
    || fail redis "$log" "not answering PING on 127.0.0.1:$REDIS_PORT"
fi
policy="$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" config get maxmemory-policy | tail -n 1)"
[ "$policy" = "noeviction" ] || fail redis "$log" "maxmemory-policy is $policy; BullMQ needs noeviction"
say "redis: ready on 127.0.0.1:$REDIS_PORT"
