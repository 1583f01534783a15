#!/usr/bin/env bash
# The Java time-skipping test server: Maven resolves io.temporal:temporal-test-server and its
# dependencies into the tools folder once per version; launch-test-server.sh runs it.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

lib="$TEST_SERVER_DIR/lib"
if [ -f "$TEST_SERVER_DIR/.complete" ]; then
  say "temporal-test-server: $TEST_SERVER_VERSION already resolved"
  exit 0
fi
command -v mvn >/dev/null 2>&1 || fail temporal-test-server "$LOG_DIR/temporal-test-server-fetch.log" "mvn is not installed"
say "temporal-test-server: resolving $TEST_SERVER_VERSION and its dependencies with Maven"
rm -rf "$lib"
mvn -B -q -f "$ROOT/infra/temporal-test-server/pom.xml" dependency:copy-dependencies \
  -Dtemporal.test-server.version="$TEST_SERVER_VERSION" -DoutputDirectory="$lib" -DincludeScope=runtime \
  >"$LOG_DIR/temporal-test-server-fetch.log" 2>&1 \
  || fail temporal-test-server "$LOG_DIR/temporal-test-server-fetch.log" "Maven could not resolve the test server"
touch "$TEST_SERVER_DIR/.complete"
say "temporal-test-server: $(ls "$lib" | wc -l) jars in $lib"
