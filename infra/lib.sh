# Shared settings for the infra scripts: sourced, never run.
# Every port and folder can be overridden from the environment; the defaults are the local stack.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Built tools live in a per-user cache so that every clone on this machine reuses one build;
# .tools in the clone is a git-ignored link to it.
PMO_CACHE_DIR="${PMO_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/nhs-pmo-engine}"
TOOLS_DIR="$ROOT/.tools"
DATA_DIR="${PMO_DATA_DIR:-$ROOT/.data}"
LOG_DIR="$DATA_DIR/logs"

PG_VERSION_WANTED="${PMO_PG_VERSION:-}"
PG_CLUSTER="${PMO_PG_CLUSTER:-nhs_pmo}"
PG_PORT="${PMO_PG_PORT:-55432}"
PG_USER="${PMO_PG_USER:-pmo}"
PG_PASSWORD="${PMO_PG_PASSWORD:-pmo}"
# The apps' role: not the schema owner, so it cannot change the schema or the audit trail.
PG_APP_USER="${PMO_PG_APP_USER:-pmo_app}"
PG_APP_PASSWORD="${PMO_PG_APP_PASSWORD:-pmo_app}"
PG_DATABASE="${PMO_PG_DATABASE:-pmo}"

REDIS_PORT="${PMO_REDIS_PORT:-56379}"

TEMPORAL_CLI_VERSION="${PMO_TEMPORAL_CLI_VERSION:-v1.5.1}"
TEMPORAL_PORT="${PMO_TEMPORAL_PORT:-7233}"
TEMPORAL_UI_PORT="${PMO_TEMPORAL_UI_PORT:-8233}"
TEMPORAL_CLI="$TOOLS_DIR/temporal-cli-$TEMPORAL_CLI_VERSION/temporal"

TEST_SERVER_VERSION="${PMO_TEMPORAL_TEST_SERVER_VERSION:-1.38.0}"
TEST_SERVER_DIR="$TOOLS_DIR/temporal-test-server-$TEST_SERVER_VERSION"

SCHEMATHESIS_VERSION="${PMO_SCHEMATHESIS_VERSION:-4.32.5}"
SCHEMATHESIS_DIR="$TOOLS_DIR/schemathesis-$SCHEMATHESIS_VERSION"

say() { printf '[infra] %s\n' "$*"; }

# Installing packages and managing the PostgreSQL cluster need root: use sudo when not root.
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi

# fail SERVICE LOG MESSAGE: stop with the service's name and the log to read.
fail() {
  printf '[infra] FAILED: %s: %s\n[infra] read the log: %s\n' "$1" "$3" "$2" >&2
  if [ -f "$2" ]; then
    printf '[infra] last lines of %s:\n' "$2" >&2
    tail -n 20 "$2" >&2 || true
  fi
  exit 1
}

# wait_for SECONDS COMMAND...: poll until the command succeeds.
wait_for() {
  local seconds="$1"; shift
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.5
  done
}

apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then
    say "apt-get update"
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=1
  fi
  say "apt-get install $*"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

prepare_dirs() {
  mkdir -p "$PMO_CACHE_DIR/tools" "$DATA_DIR" "$LOG_DIR"
  if [ ! -e "$TOOLS_DIR" ]; then
    ln -s "$PMO_CACHE_DIR/tools" "$TOOLS_DIR"
  fi
}
prepare_dirs
