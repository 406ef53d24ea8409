#!/usr/bin/env bash
# Installs what DataScrub needs at run and test time, or says exactly what to install.
#   - the .NET 10 SDK (cannot be installed from here: say so)
#   - liblmdb0: the LMDB 0.9 C library Caffe's databases need (LightningDB's bundled 1.0 cannot open them)
#   - libturbojpeg0 (Ubuntu 24.04: libturbojpeg): libjpeg-turbo, the JPEG decoder PIL and OpenCV use (without it JPEGs are decoded by
#     ImageSharp: slower, and its verdict on damaged files differs from PIL's; the tests require it)
#   - libpng16-16, libtiff6, libgif7, libwebp7, libwebpdemux2: the PNG, TIFF, GIF and WebP decoders PIL and OpenCV
#     use; DataScrub's verdict on an image is theirs (without one, that format is decoded by ImageSharp, whose verdict
#     differs; the tests require them)
#   - gcc, libc6-dev: the linker of the Native AOT binary that ships (dotnet publish; scripts/build.sh)
#   - python3-h5py, python3-numpy (test.sh only, DATASCRUB_TEST_DEPS=1): the HDF5 property test has h5py
#     write its files and say what it reads back (fixtures/hdf5_property_cases.py, Debian's /usr/bin/python3)
#   - chromium (test.sh only): the HTML report is loaded in headless Chromium (no console errors, the counts shown)
# Sourced by demo.sh and test.sh.
set -euo pipefail

if ! command -v dotnet >/dev/null 2>&1 || ! dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then
  echo "DataScrub needs the .NET 10 SDK: install the dotnet-sdk-10.0 package (Microsoft's package feed for Debian/Ubuntu) and re-run." >&2
  exit 1
fi

missing=()
# Read once into a variable: 'ldconfig -p | grep -q' under pipefail fails now and then (grep stops early, ldconfig
# dies of SIGPIPE), which reported installed libraries as missing.
libraries=$(/sbin/ldconfig -p 2>/dev/null || true)
has_library() { grep -q "$1 " <<<"$libraries"; }
if [ -z "${DATASCRUB_LIBLMDB:-}" ] && ! has_library 'liblmdb\.so\.0'; then
  missing+=(liblmdb0)
fi
if [ -z "${DATASCRUB_LIBTURBOJPEG:-}" ] && ! has_library 'libturbojpeg\.so\.0'; then
  missing+=('libturbojpeg0|libturbojpeg')
fi
# A library whose package has another name on some releases (Ubuntu 24.04 calls libpng's libpng16-16t64): the
# alternatives are written "a|b" and resolved, after apt-get update, to the first one apt knows.
need_library() { # SONAME PACKAGE[|PACKAGE...]
  has_library "$1" || missing+=("$2")
}
resolve_alternatives() {
  local resolved=() entry package chosen
  for entry in "${missing[@]}"; do
    chosen=${entry%%|*}
    for package in ${entry//|/ }; do
      # The exit status alone misleads: Debian 12 exits 0 for libturbojpeg with no stanza, and Ubuntu 24.04 knows
      # libpng16-16 only as a virtual package. A real package prints its own "Package:" line.
      # Read whole, then grep: 'apt-cache show | grep -q' fails at random under pipefail (SIGPIPE), as ldconfig did.
      local info
      info=$(apt-cache show "$package" 2>/dev/null || true)
      if grep -q "^Package: $package\$" <<<"$info"; then chosen=$package; break; fi
    done
    resolved+=("$chosen")
  done
  missing=("${resolved[@]}")
}
need_library 'libpng16\.so\.16' 'libpng16-16|libpng16-16t64'
need_library 'libtiff\.so\.6' libtiff6
need_library 'libgif\.so\.7' libgif7
need_library 'libwebp\.so\.7' libwebp7
need_library 'libwebpdemux\.so\.2' libwebpdemux2
command -v gcc >/dev/null 2>&1 || missing+=(gcc)
[[ "$(dpkg-query -W -f='${Status}' libc6-dev 2>/dev/null || true)" == *"ok installed"* ]] || missing+=(libc6-dev)
if [ "${DATASCRUB_TEST_DEPS:-0}" = 1 ] && ! /usr/bin/python3 -c 'import h5py, numpy' 2>/dev/null; then
  missing+=(python3-h5py python3-numpy)
fi
# The HTML report is tested in a real headless browser: Debian's chromium (Ubuntu's is a snap: chromium-browser).
if [ "${DATASCRUB_TEST_DEPS:-0}" = 1 ] && ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  missing+=(chromium)
fi

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing ${missing[*]} with apt-get ..." >&2
    apt-get update -qq
    resolve_alternatives
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    echo "installing ${missing[*]} with sudo apt-get ..." >&2
    sudo apt-get update -qq
    resolve_alternatives
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    resolve_alternatives
    echo "DataScrub needs ${missing[*]}; run: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
