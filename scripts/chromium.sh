#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the browser tests (apt-get, as root or through sudo) and prints the
# path of its executable: the tests drive it headless through Playwright's ExecutablePath (Playwright's own browser
# download does not work on a closed network, and Debian keeps its Chromium patched).
#   scripts/chromium.sh    → /usr/bin/chromium
set -euo pipefail

log() { printf 'chromium.sh: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

find_chromium() {
    local candidate
    for candidate in "${CAMPAIGNS_CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
        if [[ -n "$candidate" && -x "$candidate" ]]; then
            printf '%s\n' "$candidate"
            return 0
        fi
    done
    return 1
}

if path=$(find_chromium); then
    printf '%s\n' "$path"
    exit 0
fi

command -v apt-get >/dev/null 2>&1 || die "Chromium not found and apt-get is unavailable; install Chromium and set CAMPAIGNS_CHROMIUM to its path"
sudo=()
if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "Chromium not found; install it as root: apt-get install -y chromium"
    sudo=(sudo)
fi
log "Chromium not found; installing Debian's chromium with apt-get (about a minute)"
"${sudo[@]}" apt-get update </dev/null >&2 || die "apt-get update failed"
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium </dev/null >&2 \
    || die "apt-get install chromium failed"
find_chromium || die "chromium was installed but no executable was found"
