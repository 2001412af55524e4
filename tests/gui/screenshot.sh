#!/bin/sh
# Takes data/screenshots/main-window.png: the app, built in BUILD_DIR (default _build), under
# Xvfb with a sample phonebook, captured with ImageMagick's `import -window root`; and the same
# window in the dark style and in high contrast (main-window-dark.png,
# main-window-high-contrast.png), as libadwaita shows it when the desktop asks for them
# (forced here through ADW_DEBUG_COLOR_SCHEME and ADW_DEBUG_HIGH_CONTRAST).  The screen
# is the window's default size (GSettings window-width/height), so the capture is the window.
# Then connect.png, progress.png, retry.png, status.png and error.png: screenshot-dial drives
# the app through real dials against the test ISP and captures each window by its XID; and
# change-password.png, callback.png and terminal.png: screenshot-paused brings up each paused
# state's dialog, against the scripted peer of tests/peer and the ISP's login number; and
# query-modem.png: test-modem's Query Modem dialog against the ISP's modem; and import.png and
# import-windows.png: screenshot-import, the Import… preview; and incoming.png: test-incoming's
# Incoming Connections page while pppd in the ISP's guest is dialed in through a line.  Run as
# root, screenshot-dial gets a real network device from a NetworkManager sandbox
# (tests/common/nm-sandbox) for status.png, on a screen tall enough for the whole window.
# Usage: tests/gui/screenshot.sh [BUILD_DIR]
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$top/_build}" && pwd)
out="$top/data/screenshots/main-window.png"
width=720
height=520

if [ "${DIALTONE_SCREENSHOT_INNER:-}" != 1 ]; then
  env DIALTONE_SCREENSHOT_INNER=1 dbus-run-session -- \
    xvfb-run -a -s "-screen 0 ${width}x${height}x24" "$0" "$build"
  env GSETTINGS_SCHEMA_DIR="$build/data" GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1 GTK_A11Y=none \
    DIALTONE_LOCALEDIR="$build/po" LC_ALL=C.UTF-8 LANGUAGE="${LANGUAGE:-en}" ADW_DISABLE_PORTAL=1 \
    "$top/tests/isp/dialtone-isp" --build-dir "$build" run -- dbus-run-session -- \
    xvfb-run -a -s "-screen 0 1280x1600x24" sh -c '"$1" "$3" && "$2" "$3" &&
      DIALTONE_SCREENSHOT_DIR="$3" "$4" -p /modem/query-dialog && "$5" "$3" &&
      DIALTONE_SCREENSHOT_DIR="$3" "$6" -p /incoming/gui/modem-caller' sh \
    "$build/tests/gui/screenshot-dial" "$build/tests/gui/screenshot-paused" "$top/data/screenshots" \
    "$build/tests/gui/test-modem" "$build/tests/gui/screenshot-import" \
    "$build/tests/gui/test-incoming"
  exit 0
fi

tmp=$(mktemp -d)
pid=
cleanup () {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

ago () {
  date -u -d "$1" +%Y-%m-%dT%H:%M:%SZ
}

mkdir -p "$tmp/dialtone"
cat > "$tmp/dialtone/phonebook.ini" <<INI
[Phonebook]
Version=1

[Entry 6f2c1d9e-0b7a-4c1e-9a53-2f1f8d0c7a11]
Name=Work
Number=555-0100
Device=/dev/ttyUSB0
User=alice
LastConnected=$(ago '-25 minutes')

[Entry 0d9b8f5e-3c2a-4e7b-8b61-9a0f2e4d6c22]
Name=Home ISP
Number=9,555-0200
Alternates=555-0201;555-0202;
User=alice@isp.example
LastConnected=$(ago '-1 day -2 hours')

[Entry 3a1e7c44-5d6b-4f80-9c2d-1b0e9f8a7d33]
Name=Lab null-modem
DeviceType=direct
Device=/dev/ttyS0

[Entry 8c5b2e11-7f3d-4a9c-b1e2-6d0f4a8b9c44]
Name=University dial-in
Number=+44 20 7946 0000
Device=/dev/serial/by-id/usb-USRobotics_56K_Faxmodem-if00
LastConnected=2024-03-12T09:15:00Z
INI

export XDG_CONFIG_HOME="$tmp" GSETTINGS_SCHEMA_DIR="$build/data" GSETTINGS_BACKEND=memory \
  NO_AT_BRIDGE=1 GTK_A11Y=none DIALTONE_LOCALEDIR="$build/po" LC_ALL=C.UTF-8 \
  LANGUAGE="${LANGUAGE:-en}" ADW_DISABLE_PORTAL=1
# shoot OUTPUT [VAR=VALUE…]: starts the app with the variables, captures the screen, quits.
shoot () {
  shot=$1
  shift
  env "$@" "$build/src/dialtone" &
  pid=$!

  # Ready once the app owns its name on the bus; then let it draw.
  tries=0
  until gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
          --method org.freedesktop.DBus.NameHasOwner io.github.dialtone.Dialtone 2>/dev/null |
        grep -q true; do
    tries=$((tries + 1))
    [ "$tries" -lt 100 ] || { echo "screenshot: dialtone did not start" >&2; exit 1; }
    sleep 0.1
  done
  sleep 2

  mkdir -p "$(dirname "$shot")"
  import -window root "$shot"
  echo "$shot"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  pid=
  # Gone from the bus before the next one starts.
  while gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
          --method org.freedesktop.DBus.NameHasOwner io.github.dialtone.Dialtone 2>/dev/null |
        grep -q true; do
    sleep 0.1
  done
}

shoot "$out"
shoot "${out%.png}-dark.png" ADW_DEBUG_COLOR_SCHEME=prefer-dark
shoot "${out%.png}-high-contrast.png" ADW_DEBUG_HIGH_CONTRAST=1
