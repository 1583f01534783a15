#!/usr/bin/env bash
# Starts the local stack the engine runs on: PostgreSQL, Redis and the Temporal dev server (and installs
# Chromium for the PDF reports).
# Safe to run again: each step is quick when already done.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bash "$ROOT/infra/postgres.sh"
bash "$ROOT/infra/redis.sh"
bash "$ROOT/infra/chromium.sh"
bash "$ROOT/infra/temporal.sh"
