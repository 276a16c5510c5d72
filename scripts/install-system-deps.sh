#!/usr/bin/env bash
# Installs the system packages publisher needs on Debian/Ubuntu, only those missing:
# Pango (WeasyPrint), Noto fonts (Latin, Greek, Cyrillic, Arabic, emoji), poppler-utils (PDF
# checks), librsvg (an SVG logo drawn for email), a Java runtime (epubcheck, Nu HTML
# checker), npm (to install the Nu HTML checker),
# Chromium and, where Debian offers it, its headless shell (Ace, email previews and tests,
# driven headless by Playwright), python3-venv, and
# PostgreSQL (the tests of a subscriber list kept in PostgreSQL start a private server).
# Safe to run again.
set -euo pipefail

missing=()
need() { # need PACKAGE CHECK-COMMAND...
  local package=$1; shift
  if ! "$@" >/dev/null 2>&1; then missing+=("$package"); fi
}
has_font() { fc-list : family | grep -x "$1" >/dev/null; }

need libpango-1.0-0     sh -c 'ldconfig -p | grep -q "libpango-1.0.so.0"'
need libpangoft2-1.0-0  sh -c 'ldconfig -p | grep -q "libpangoft2-1.0.so.0"'
need libharfbuzz-subset0 sh -c 'ldconfig -p | grep -q "libharfbuzz-subset.so.0"'
need fontconfig         command -v fc-list
need fonts-noto-core    has_font "Noto Serif"
need fonts-noto-core    has_font "Noto Naskh Arabic"
need fonts-dejavu-core  has_font "DejaVu Sans Mono"
need fonts-noto-color-emoji has_font "Noto Color Emoji"  # emoji in posts from social media
need poppler-utils      command -v pdffonts
need librsvg2-bin       command -v rsvg-convert
need default-jre-headless command -v java
need npm                command -v npm
need chromium           command -v chromium
# The headless shell does the work nobody watches (Ace, email previews) with a quarter less
# CPU; Debian has it, Ubuntu does not: needed where the package lists offer it (apt-cache
# takes a second: asked only when the shell is not there already).
need chromium-headless-shell \
  sh -c 'command -v chromium-headless-shell || ! apt-cache show chromium-headless-shell'
need python3-venv       python3 -c "import ensurepip, venv"
need dovecot-imapd      sh -c 'command -v dovecot || test -x /usr/sbin/dovecot'  # the IMAP server of the bounce tests
need postgresql         sh -c 'command -v initdb || ls /usr/lib/postgresql/*/bin/initdb'  # the PostgreSQL tests

if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi
# De-duplicate while keeping order.
mapfile -t missing < <(printf '%s\n' "${missing[@]}" | awk '!seen[$0]++')
if ! command -v apt-get >/dev/null; then
  echo "Missing system packages (install them with your package manager): ${missing[*]}" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "installing system packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
