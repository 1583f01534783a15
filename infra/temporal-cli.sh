#!/usr/bin/env bash
# Builds the Temporal CLI with `go install` into the tools folder, once per version.
# Later CLI tags carry a `replace` directive and cannot be installed this way, hence the pinned tag.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [ -x "$TEMPORAL_CLI" ]; then
  say "temporal-cli: $TEMPORAL_CLI_VERSION already built"
  exit 0
fi
command -v go >/dev/null 2>&1 || fail temporal-cli "$LOG_DIR/temporal-cli-build.log" "go is not installed"
say "temporal-cli: building $TEMPORAL_CLI_VERSION with go install (a few minutes the first time)"
started=$SECONDS
GOBIN="$(dirname "$TEMPORAL_CLI")" go install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION" \
  >"$LOG_DIR/temporal-cli-build.log" 2>&1 \
  || fail temporal-cli "$LOG_DIR/temporal-cli-build.log" "go install of $TEMPORAL_CLI_VERSION failed"
say "temporal-cli: built $TEMPORAL_CLI_VERSION in $((SECONDS - started)) s"
