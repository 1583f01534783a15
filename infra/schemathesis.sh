#!/usr/bin/env bash
# schemathesis from PyPI, in a virtual environment of its own in the tools folder, once per version:
# the API fuzz test runs it against the OpenAPI document.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [ -f "$SCHEMATHESIS_DIR/.complete" ]; then
  say "schemathesis: $SCHEMATHESIS_VERSION already installed"
  exit 0
fi
log="$LOG_DIR/schemathesis-install.log"
# Debian splits venv's pip bootstrap into its own package.
if ! python3 -c 'import ensurepip' >/dev/null 2>&1; then
  apt_install python3-venv
fi
mkdir -p "$TOOLS_DIR"
# Made at the cache's real path: a virtual environment's scripts name the path they were made at, and
# each clone links .tools to the same cache.
target="$(readlink -f "$TOOLS_DIR")/schemathesis-$SCHEMATHESIS_VERSION"
say "schemathesis: installing $SCHEMATHESIS_VERSION into $target"
rm -rf "$target"
{ python3 -m venv "$target" && "$target/bin/pip" install --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"; } >"$log" 2>&1 \
  || fail schemathesis "$log" "could not install schemathesis $SCHEMATHESIS_VERSION"
touch "$target/.complete"
say "schemathesis: $("$target/bin/schemathesis" --version)"
