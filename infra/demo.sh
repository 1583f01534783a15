#!/usr/bin/env bash
# The main job: starts the local stack and the three apps, creates the sample programme and follows
# it until its escalation email is sent. Options: --exit-after-email (for scripts).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
bash infra/up.sh
bash infra/node.sh
node dist/apps/cli/src/main.js migrate
node dist/apps/cli/src/main.js seed-organisations
exec node dist/apps/cli/src/main.js demo "$@"
