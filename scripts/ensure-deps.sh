#!/usr/bin/env bash
# Installs what DataScrub needs at run and test time, or says exactly what to install.
#   - the .NET 10 SDK (cannot be installed from here: say so)
#   - liblmdb0: the LMDB 0.9 C library Caffe's databases need (LightningDB's bundled 1.0 cannot open them)
#   - libturbojpeg0: libjpeg-turbo, the JPEG decoder PIL and OpenCV use (without it JPEGs are decoded by
#     ImageSharp: slower, and its verdict on damaged files differs from PIL's; the tests require it)
#   - libgif7, libwebp7, libwebpdemux2: giflib and libwebp (with its demuxer, for animations), the GIF and WebP
#     decoders (GifLibDecoder, LibWebPDecoder; their tests require them)
#   - python3-h5py, python3-numpy (test.sh only, DATASCRUB_TEST_DEPS=1): the HDF5 property test has h5py
#     write its files and say what it reads back (fixtures/hdf5_property_cases.py, Debian's /usr/bin/python3)
# Sourced by demo.sh and test.sh.
set -euo pipefail

if ! command -v dotnet >/dev/null 2>&1 || ! dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then
  echo "DataScrub needs the .NET 10 SDK: install the dotnet-sdk-10.0 package (Microsoft's package feed for Debian/Ubuntu) and re-run." >&2
  exit 1
fi

missing=()
if [ -z "${DATASCRUB_LIBLMDB:-}" ] && ! /sbin/ldconfig -p 2>/dev/null | grep -q 'liblmdb\.so\.0 '; then
  missing+=(liblmdb0)
fi
if [ -z "${DATASCRUB_LIBTURBOJPEG:-}" ] && ! /sbin/ldconfig -p 2>/dev/null | grep -q 'libturbojpeg\.so\.0 '; then
  missing+=(libturbojpeg0)
fi
if [ -z "${DATASCRUB_LIBGIF:-}" ] && ! /sbin/ldconfig -p 2>/dev/null | grep -q 'libgif\.so\.7 '; then
  missing+=(libgif7)
fi
if [ -z "${DATASCRUB_LIBWEBP:-}" ] && ! /sbin/ldconfig -p 2>/dev/null | grep -q 'libwebp\.so\.7 '; then
  missing+=(libwebp7)
fi
if [ -z "${DATASCRUB_LIBWEBPDEMUX:-}" ] && ! /sbin/ldconfig -p 2>/dev/null | grep -q 'libwebpdemux\.so\.2 '; then
  missing+=(libwebpdemux2)
fi
if [ "${DATASCRUB_TEST_DEPS:-0}" = 1 ] && ! /usr/bin/python3 -c 'import h5py, numpy' 2>/dev/null; then
  missing+=(python3-h5py python3-numpy)
fi

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing ${missing[*]} with apt-get ..." >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    echo "installing ${missing[*]} with sudo apt-get ..." >&2
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "DataScrub needs ${missing[*]}; run: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
