#!/usr/bin/env bash
# usage: test/support/with-keyring.sh CMD...
# Runs CMD inside a private D-Bus session bus with a fresh, unlocked gnome-keyring (Secret Service),
# so integration tests exercise the real OS keychain code path without touching the user's keyrings.
set -euo pipefail

need() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "with-keyring.sh: $1 not found. Install the test keyring tools: sudo apt-get install gnome-keyring libsecret-tools dbus" >&2
    exit 127
  fi
}

if [ "$#" -eq 0 ]; then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi

if [ -z "${AUTHBAHN_IN_KEYRING_SESSION:-}" ]; then
  need dbus-run-session
  need gnome-keyring-daemon
  export AUTHBAHN_IN_KEYRING_SESSION=1
  # Re-run this script inside a private session bus; the bus (and the keyring daemon on it) ends with CMD.
  exec dbus-run-session -- bash "$0" "$@"
fi

XDG_RUNTIME_DIR="$(mktemp -d)"
XDG_DATA_HOME="$(mktemp -d)" # fresh $XDG_DATA_HOME/keyrings; $HOME (and ~/.npmrc) stay as they are
export XDG_RUNTIME_DIR XDG_DATA_HOME
chmod 700 "$XDG_RUNTIME_DIR"
cleanup() { rm -rf "$XDG_RUNTIME_DIR" "$XDG_DATA_HOME"; }
trap cleanup EXIT

# Never let gcr-prompter pop up a real dialog (for example under Xvfb): a prompt would hang the tests.
unset DISPLAY WAYLAND_DISPLAY

# --unlock reads the password of the new login keyring from stdin and creates it unlocked.
eval "$(printf '%s' "${KEYRING_PASSWORD:-ci}" | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL

# A per-run keychain service name, so test items never mix with a developer's real "Authbahn" items.
export AUTHBAHN_KEYCHAIN_SERVICE="${AUTHBAHN_KEYCHAIN_SERVICE:-authbahn-test-$$}"

status=0
"$@" || status=$?
exit "$status"
