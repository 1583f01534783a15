#!/usr/bin/env bash
# Installs the npm dependencies (only when package-lock.json changed since the last install) and
# builds the apps and the workflow bundle into dist/.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

command -v node >/dev/null 2>&1 || fail node "$LOG_DIR/npm-ci.log" "node is not installed (Node 20.19 or later is needed)"
lock_sum="$(sha256sum package-lock.json | cut -d' ' -f1)"
stamp="node_modules/.pmo-package-lock.sha256"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_sum" ]; then
  say "node: dependencies already installed"
else
  # npm install, not npm ci: npm 11 writes no entries for other platforms' optional packages when
  # lockfile URLs are omitted, and npm ci then refuses the lock as out of sync. The lock is kept as is.
  say "node: npm install from package-lock.json (log $LOG_DIR/npm-install.log)"
  npm install --no-audit --no-fund >"$LOG_DIR/npm-install.log" 2>&1 || fail node "$LOG_DIR/npm-install.log" "npm install failed"
  echo "$lock_sum" >"$stamp"
fi
say "node: building apps and the workflow bundle"
npm run --silent build >"$LOG_DIR/build.log" 2>&1 || fail build "$LOG_DIR/build.log" "the build failed"
