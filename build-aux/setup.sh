# Shared by build-aux/run and build-aux/test: install the Debian packages that are missing,
# then configure and compile a build directory.  Sourced, not executed.

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

as_root () {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "dialtone: '$*' needs root, and sudo is not installed" >&2
    exit 1
  fi
}

missing_packages () {
  grep -v '^\s*#' "$top/build-aux/debian-packages.txt" | grep -v '^\s*$' | while read -r pkg; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
    [ "$status" = installed ] || echo "$pkg"
  done
}

ensure_packages () {
  missing=$(missing_packages | tr '\n' ' ')
  [ -n "$missing" ] || return 0
  echo "dialtone: installing $missing"
  export DEBIAN_FRONTEND=noninteractive
  # Update the package lists only when they are absent or an install fails with them.
  if ! ls /var/lib/apt/lists/*_Packages >/dev/null 2>&1; then
    as_root apt-get update -q >/dev/null
  fi
  # shellcheck disable=SC2086
  if ! as_root apt-get install -y -q $missing >/tmp/dialtone-apt.log 2>&1; then
    as_root apt-get update -q >/dev/null
    # shellcheck disable=SC2086
    as_root apt-get install -y -q $missing
  fi
}

# build_dir DIR [meson setup options…]: configure once, then compile quietly.
build_dir () {
  dir=$1
  shift
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$@" >"$dir.setup.log" 2>&1 || { cat "$dir.setup.log"; exit 1; }
  fi
  if ! meson compile -C "$dir" >"$dir.compile.log" 2>&1; then
    cat "$dir.compile.log"
    exit 1
  fi
}
