#!/bin/sh
# Shared by scripts/bench.sh and scripts/test.sh: dependency check/install and the build.
# POSIX sh; no Python anywhere on the report path.
set -eu

TVP_ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
export TVP_ROOT

# Debian 12 packages the project needs. chromium is only for the report end-to-end test.
TVP_PACKAGES_BUILD="cmake g++ make libbenchmark-dev libboost-dev nlohmann-json3-dev libgtest-dev libcli11-dev"
TVP_PACKAGES_TEST="chromium clang libclang-rt-14-dev libexpat1-dev"

tvp_log() { printf '%s: %s\n' "${TVP_SCRIPT:-tvp}" "$*" >&2; }
tvp_die() { code=$1; shift; tvp_log "$*"; exit "$code"; }

# tvp_install PKG... : installs what is missing (apt-get when root, sudo -n when allowed), otherwise
# prints the exact install line and exits 2.
tvp_install() {
  missing=""
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" = 0 ]; then
    tvp_log "installing:$missing"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing >/dev/null \
      || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing >/dev/null; } \
      || tvp_die 2 "apt-get install failed for:$missing"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    tvp_log "installing with sudo:$missing"
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing >/dev/null \
      || tvp_die 2 "apt-get install failed for:$missing"
  else
    tvp_die 2 "missing packages; run: sudo apt-get install -y$missing"
  fi
}

# tvp_build PRESET : configure + build with a CMake preset, using every CPU.
tvp_build() {
  cd "$TVP_ROOT"
  cmake --preset "$1" >/dev/null || tvp_die 1 "cmake configure failed (preset $1)"
  cmake --build --preset "$1" -j "$(nproc)" || tvp_die 1 "build failed (preset $1)"
}
