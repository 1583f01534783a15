#!/usr/bin/env bash
# Launcher for the Java time-skipping test server, as @temporalio/testing calls it: `launch-test-server.sh PORT`.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[ -f "$TEST_SERVER_DIR/.complete" ] || fail temporal-test-server "$LOG_DIR/temporal-test-server-fetch.log" "not resolved yet: run infra/temporal-test-server.sh"
exec java -cp "$TEST_SERVER_DIR/lib/*" io.temporal.testserver.TestServer "$@"
