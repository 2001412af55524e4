#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Takes data/screenshots/tray.png for the README: Dialtone's tray icon and its menu (with the
# Connect submenu open) in a real xfce4-panel with the xfce4-sntray-plugin, under Xvfb, with
# the app running from the build tree.  Not part of the test suite: it installs the panel,
# the plugin, xfwm4, xdotool and xsetroot itself when they are missing.
# Usage: tests/tray/screenshot.sh [BUILD_DIR [OUTPUT.png]]
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$top/_build}" && pwd)
out=${2:-$top/data/screenshots/tray.png}
case $out in /*) ;; *) out=$PWD/$out ;; esac

if [ -z "${DIALTONE_TRAY_SHOT_INSIDE:-}" ]; then
  packages="xfce4-panel xfce4-sntray-plugin xfwm4 xdotool x11-xserver-utils"
  packages="$packages xvfb xauth dbus imagemagick"
  missing=
  for pkg in $packages; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
    [ "$status" = installed ] || missing="$missing $pkg"
  done
  if [ -n "$missing" ]; then
    echo "screenshot: installing$missing"
    sudo=
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q $missing >/dev/null
  fi
  meson compile -C "$build" >/dev/null
  export DIALTONE_TRAY_SHOT_INSIDE=1
  # A session bus of our own (xfconfd is activated on it) and a screen of our own.
  exec dbus-run-session -- xvfb-run -a -s '-screen 0 1024x640x24' "$0" "$build" "$out"
fi

tmp=$(mktemp -d)
pids=
cleanup () {
  for pid in $pids; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache"
export GSETTINGS_BACKEND=memory
export NO_AT_BRIDGE=1 GTK_A11Y=none LC_ALL=C.UTF-8 LANGUAGE=
mkdir -p "$XDG_CONFIG_HOME/xfce4/xfconf/xfce-perchannel-xml" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"

# One panel along the top: a spacer, a clock, and the StatusNotifier plugin at the right end.
cat >"$XDG_CONFIG_HOME/xfce4/xfconf/xfce-perchannel-xml/xfce4-panel.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<channel name="xfce4-panel" version="1.0">
  <property name="configver" type="int" value="2"/>
  <property name="panels" type="array">
    <value type="int" value="1"/>
    <property name="panel-1" type="empty">
      <property name="position" type="string" value="p=6;x=0;y=0"/>
      <property name="length" type="uint" value="100"/>
      <property name="position-locked" type="bool" value="true"/>
      <property name="size" type="uint" value="30"/>
      <property name="icon-size" type="uint" value="20"/>
      <property name="plugin-ids" type="array">
        <value type="int" value="1"/>
        <value type="int" value="2"/>
        <value type="int" value="3"/>
      </property>
    </property>
  </property>
  <property name="plugins" type="empty">
    <property name="plugin-1" type="string" value="separator">
      <property name="expand" type="bool" value="true"/>
      <property name="style" type="uint" value="0"/>
    </property>
    <property name="plugin-2" type="string" value="clock">
      <property name="digital-format" type="string" value="%H:%M"/>
    </property>
    <property name="plugin-3" type="string" value="sntray"/>
  </property>
</channel>
EOF

# A phonebook with a few entries (no passwords: nothing is dialed).
cli=$build/src/cli/dialtone-cli
"$cli" entry set "Dialtone Test ISP" --device /dev/ttyS0 --number 555-0100 --user dialtone
"$cli" entry set "Office" --device /dev/ttyS0 --number 555-0142 --user dialtone
"$cli" entry set "Backup ISP" --device /dev/ttyS1 --number 555-0177 --user dialtone

# xfconfd is started by the bus: it must read the panel's settings from here too.
dbus-update-activation-environment XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME

# Xfce's window manager: it tells GTK the work area left by the panel's strut, which keeps
# the item's menu below the panel, clear of the icon.
xfwm4 --compositor=off >"$tmp/xfwm4.log" 2>&1 &
pids="$pids $!"
sleep 1
# A plain desktop colour behind the menu (after xfwm4, which clears the root window).
xsetroot -solid '#3d5f8a'

# No status-notifier-watcher here: the sntray plugin brings its own watcher.  (With Debian's
# status-notifier-watcher started first, the plugin showed no item at all in this setup,
# though the item was registered with it.)
xfce4-panel >"$tmp/panel.log" 2>&1 &
pids="$pids $!"
xdotool search --sync --onlyvisible --class xfce4-panel >/dev/null

# Only Dialtone reads the build's schemas: the plugin needs the system's.
GSETTINGS_SCHEMA_DIR="$build/data" "$build/src/dialtone" >"$tmp/dialtone.log" 2>&1 &
pids="$pids $!"
# The window, out of the picture: the tray is the subject.
window=$(xdotool search --sync --onlyvisible --name '^Dialtone$' | head -n 1)
xdotool windowmove "$window" 20 260

registered () {
  gdbus call --session --dest org.kde.StatusNotifierWatcher --object-path /StatusNotifierWatcher \
    --method org.freedesktop.DBus.Properties.Get org.kde.StatusNotifierWatcher \
    RegisteredStatusNotifierItems 2>/dev/null | grep -q StatusNotifierItem
}
tries=0
until registered; do
  tries=$((tries + 1))
  if [ $tries -ge 100 ]; then
    echo "screenshot: the item never registered" >&2
    cat "$tmp/dialtone.log" >&2
    exit 1
  fi
  sleep 0.1
done
sleep 2

# The icon is the panel's last button, at the right end.  A left click opens the item's menu
# (the sntray plugin shows the menu on any click) below the panel; then the keyboard opens
# the Connect submenu.
read -r width height <<EOS
$(xdotool getdisplaygeometry)
EOS
xdotool mousemove "$((width - 20))" 21 click 1
sleep 1
xdotool key Down Right
sleep 1

mkdir -p "$(dirname "$out")"
# The panel's right end with the menu below it.
import -window root -crop 480x200+"$((width - 480))"+0 +repage "$out"
echo "screenshot: wrote $out"

