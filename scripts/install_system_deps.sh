#!/usr/bin/env bash
# Installs the Debian packages cme needs when they are missing: Chromium for the browser tests,
# Liberation fonts and Pango/HarfBuzz for PDF letters, poppler-utils to read PDFs back in tests.
# Needs root (or sudo). Outside CI a machine that cannot install them still runs every test that
# does not need them; in CI (CI=true) a missing browser fails the run.
set -euo pipefail
packages=(chromium fonts-liberation libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
  echo "Cannot install ${missing[*]}: not root and no sudo." >&2
  [ "${CI:-}" = "true" ] && exit 1 || exit 0
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
