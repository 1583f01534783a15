#!/usr/bin/env bash
# PostgreSQL from Debian's packages: a dedicated cluster on 127.0.0.1 with the engine's role and database.
# Idempotent: installs only when absent, creates the cluster once, starts it only when down.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if ! command -v pg_lsclusters >/dev/null 2>&1; then
  apt_install postgresql postgresql-contrib
fi

version="$PG_VERSION_WANTED"
if [ -z "$version" ]; then
  version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
fi
log="/var/log/postgresql/postgresql-$version-$PG_CLUSTER.log"

if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version $PG_CLUSTER"; then
  say "postgres: creating cluster $version/$PG_CLUSTER on 127.0.0.1:$PG_PORT"
  $SUDO pg_createcluster "$version" "$PG_CLUSTER" --port "$PG_PORT" >/dev/null \
    || fail postgres "$log" "pg_createcluster failed"
  # Debian's postgresql.conf reads conf.d: keep our settings in a file of their own.
  printf "listen_addresses = '127.0.0.1'\nmax_connections = 200\n" \
    | $SUDO tee "/etc/postgresql/$version/$PG_CLUSTER/conf.d/nhs-pmo.conf" >/dev/null
fi

status="$(pg_lsclusters -h | awk -v v="$version" -v c="$PG_CLUSTER" '$1==v && $2==c {print $4}')"
if [ "$status" != "online" ]; then
  say "postgres: starting cluster $version/$PG_CLUSTER"
  $SUDO pg_ctlcluster "$version" "$PG_CLUSTER" start || fail postgres "$log" "the cluster did not start"
fi
wait_for 30 pg_isready -q -h 127.0.0.1 -p "$PG_PORT" || fail postgres "$log" "not accepting connections on 127.0.0.1:$PG_PORT"

psql_admin() { $SUDO runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres "$@"; }
if [ "$(psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER'")" != "1" ]; then
  say "postgres: creating role $PG_USER"
  # CREATEDB: each integration test run makes and drops its own database.
  psql_admin -c "CREATE ROLE \"$PG_USER\" LOGIN CREATEDB PASSWORD '$PG_PASSWORD'" || fail postgres "$log" "could not create role $PG_USER"
fi
if [ "$(psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$PG_APP_USER'")" != "1" ]; then
  say "postgres: creating role $PG_APP_USER"
  # CREATEDB: a rehearsal makes and drops a scratch database of its own. Its rights on the engine's
  # database are granted by each migration run.
  psql_admin -c "CREATE ROLE \"$PG_APP_USER\" LOGIN CREATEDB PASSWORD '$PG_APP_PASSWORD'" || fail postgres "$log" "could not create role $PG_APP_USER"
fi
if [ "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'")" != "1" ]; then
  say "postgres: creating database $PG_DATABASE"
  psql_admin -c "CREATE DATABASE \"$PG_DATABASE\" OWNER \"$PG_USER\"" || fail postgres "$log" "could not create database $PG_DATABASE"
fi
say "postgres: ready on 127.0.0.1:$PG_PORT (cluster $version/$PG_CLUSTER, database $PG_DATABASE)"
