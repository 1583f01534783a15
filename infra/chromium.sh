#!/usr/bin/env bash
# Chromium and poppler-utils from Debian's packages: Chromium renders the PDF reports and runs the web pages'
# browser tests (playwright-core drives it and never downloads a browser of its own); pdftotext and pdfinfo
# let the tests read the PDFs back.
# Idempotent: installs only the packages that are absent.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# fonts-liberation is only recommended by chromium, and apt_install skips recommends: without it a report
# set in Arial or Helvetica would fall back to a font of other widths.
missing=()
for package in chromium poppler-utils fonts-liberation; do
  if [ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" != "install ok installed" ]; then
    missing+=("$package")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  apt_install "${missing[@]}"
fi

log="$LOG_DIR/chromium.log"
chromium="${PMO_CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$chromium" ] || fail chromium "$log" "no Chromium executable at $chromium (PMO_CHROMIUM_PATH)"
version="$("$chromium" --version </dev/null 2>"$log")" || fail chromium "$log" "$chromium --version failed"
for tool in pdftotext pdfinfo; do
  command -v "$tool" >/dev/null 2>&1 || fail poppler-utils "$log" "$tool is missing after the install"
done
say "chromium: ready ($version at $chromium; pdftotext and pdfinfo from poppler-utils)"
