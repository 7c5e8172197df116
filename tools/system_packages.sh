#!/usr/bin/env bash
# Debian packages the build needs, installed only when missing (needs root or sudo):
#   fonts for the leaflet PDFs (Typst reads them from the folders fontconfig names:
#   print/pdf.py); with --browser also Chromium for the browser tests. A machine that has
#   them is left untouched, so `make` stays quick.
set -euo pipefail

wanted=()
command -v fc-list >/dev/null 2>&1 || wanted+=(fontconfig)
if ! command -v fc-list >/dev/null 2>&1 \
  || ! fc-list ":lang=ar" family | grep -q "Noto Sans Arabic" \
  || ! fc-list ":lang=vi" family | grep -q "Noto Sans" \
  || ! fc-list ":charset=260e" family | grep -q "Noto Sans Symbols2"; then
  wanted+=(fonts-noto-core)
fi
if [ "${1:-}" = "--browser" ] && ! command -v chromium >/dev/null 2>&1; then
  wanted+=(chromium)
fi
[ ${#wanted[@]} -eq 0 ] && exit 0

echo "installing Debian packages: ${wanted[*]}"
sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo_cmd apt-get update -q
$sudo_cmd apt-get install -y -q "${wanted[@]}"
