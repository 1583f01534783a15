#!/usr/bin/env bash
# Every test: starts PostgreSQL and Redis, installs Chromium, builds the Temporal CLI and resolves the
# time-skipping server (the tests start their own Temporal servers from them), builds, type-checks, runs jest.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
started=$SECONDS
bash infra/postgres.sh
bash infra/redis.sh
bash infra/chromium.sh
bash infra/temporal-cli.sh
bash infra/temporal-test-server.sh
bash infra/schemathesis.sh
bash infra/node.sh
say "typecheck"
npm run --silent typecheck
export PMO_TEMPORAL_CLI="$TEMPORAL_CLI"
export PMO_TEMPORAL_TEST_SERVER="$ROOT/infra/launch-test-server.sh"
export PMO_SCHEMATHESIS="$SCHEMATHESIS_DIR/bin/schemathesis"
export PMO_DATABASE_URL="postgres://$PG_APP_USER:$PG_APP_PASSWORD@127.0.0.1:$PG_PORT/$PG_DATABASE"
export PMO_MIGRATION_DATABASE_URL="postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DATABASE"
export PMO_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
results="$DATA_DIR/jest-results.json"
status=0
# A hung test fails the run in 20 minutes rather than holding CI to its limit; --forceExit ends jest
# once every suite has finished, should a native Temporal handle outlive a failed suite's clean-up.
timeout 1200 npx jest --ci --forceExit --json --outputFile="$results" "$@" || status=$?
if [ -f "$results" ]; then
  node -e 'const r = require(process.argv[1]); console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed`)' "$results"
fi
say "tests finished in $((SECONDS - started)) s"
exit "$status"
