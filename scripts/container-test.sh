#!/usr/bin/env bash
# Builds the Dockerfile for real with buildah and runs datascrub inside the image: --help and --version, a scan of
# fixtures/lmdb/caffe_mixed mounted read-only at /data, a rebuild with --json into a writable /out (as the image's
# user and as another uid), the codec libraries each shown to be loaded, and the user not root.
#
# No registry is reachable where this runs and no Docker engine runs, so the base images are made here first:
#   localhost/datascrub-base:bookworm  Debian 12 minbase (debootstrap), the runtime base
#   localhost/datascrub-base:noble     Ubuntu 24.04 minbase (debootstrap), the runtime base of Microsoft's .NET 10
#                                      images, built as well so that the per-base package names are tested
#   localhost/datascrub-sdk:10.0       the Debian base plus this machine's .NET 10 SDK, the build stage's base
# and the Dockerfile is built with them as its SDK_IMAGE and RUNTIME_IMAGE into localhost/datascrub:test (Debian)
# and localhost/datascrub:test-noble (Ubuntu). Base images already present are reused; builds reuse cached layers,
# and at the end the cached layers no tagged image needs any more (from older sources) are removed.
#
# Usage: scripts/container-test.sh [--keep | --fresh] [--debian-only]
#   --keep         reuse the base images if present, and cached build layers (the default)
#   --fresh        remove the base images, the test images and every layer built on them first: a first run
#                  (also DATASCRUB_CONTAINER_FRESH=1)
#   --debian-only  skip the Ubuntu 24.04 runtime base (also DATASCRUB_CONTAINER_UBUNTU=0)
# Needs root (apt-get installs debootstrap, buildah, podman when missing) and network access (the Debian and Ubuntu
# mirrors, nuget.org). Exits non-zero with a line starting "container-test: FAILED" on any failure.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
fresh=${DATASCRUB_CONTAINER_FRESH:-0}
ubuntu=${DATASCRUB_CONTAINER_UBUNTU:-1}
for arg in "$@"; do
  case $arg in
    --keep) fresh=0 ;;
    --fresh) fresh=1 ;;
    --debian-only) ubuntu=0 ;;
    -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    *) echo "container-test: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

BASE_DEBIAN=localhost/datascrub-base:bookworm
BASE_UBUNTU=localhost/datascrub-base:noble
SDK_IMAGE=localhost/datascrub-sdk:10.0
IMAGE_DEBIAN=localhost/datascrub:test
IMAGE_UBUNTU=localhost/datascrub:test-noble
IMAGE_BUILD=localhost/datascrub:test-build   # the build stage alone (--target build)
DEBIAN_MIRROR=http://deb.debian.org/debian
UBUNTU_MIRROR=http://archive.ubuntu.com/ubuntu
# Debian 12 has no Ubuntu keyring package: the noble archive's keyring is fetched and checked against this digest
# (ubuntu-keyring 2023.11.28.1, noble's: from its Packages file, whose Release is signed by the Ubuntu Archive
# Automatic Signing Key (2018), F6EC B376 2474 EDA9 D21B 7022 8719 20D1 991B C93C).
UBUNTU_KEYRING_DEB=pool/main/u/ubuntu-keyring/ubuntu-keyring_2023.11.28.1_all.deb
UBUNTU_KEYRING_SHA256=36de43b15853ccae0028e9a767613770c704833f82586f28eb262f0311adb8a8
RUN_UID=10001                  # the Dockerfile's datascrub user
OTHER_UID=4242                 # docs/container.md's --user "$(id -u):$(id -g)": an uid without a passwd entry

fail() { echo "container-test: FAILED: $*" >&2; exit 1; }

# --- timings -------------------------------------------------------------------------------------------------------
timings=()
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
step() { step_name=$1; step_started=$(now); echo; echo "=== $step_name"; }
reused() { echo; echo "=== $1: present, reused"; timings+=("$(printf '%8s    %s' reused "$1")"); }
step_done() {
  local seconds
  seconds=$(awk -v a="$step_started" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
  echo "--- $step_name: $seconds s"
  timings+=("$(printf '%8s s  %s' "$seconds" "$step_name")")
}
started=$(now)

# --- cleanup: only what this run made ------------------------------------------------------------------------------
containers=()
work=$(mktemp -d /var/tmp/datascrub-container-test.XXXXXX)
cleanup() {
  local c
  for c in "${containers[@]}"; do buildah rm "$c" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT
new_container() { # IMAGE: a working container from it, its id in $container (and remembered for the cleanup)
  container=$(buildah from --pull=never --quiet "$1") || fail "buildah from $1"
  containers+=("$container")
}
run() { buildah run --isolation chroot "$@"; }
# A command's output as shown here: without the lines buildah run adds to stderr when the command exits non-zero.
show() { grep -a -v -E '^(subprocess exited with status [0-9]+|Error: exit status [0-9]+)$' <<<"$1" || true; }
remove_container() { buildah rm "$1" >/dev/null; }
has_image() { buildah images --quiet "$1" >/dev/null 2>&1; }
# Images derived from this script's base images (buildah bud --layers keeps one per Dockerfile step as its cache):
#   remove_images stale  the untagged ones no tagged image is built on: the cache of sources since changed
#   remove_images all    all of them, and the base and SDK images (--fresh)
# Nothing else in the image store is touched; an image someone tagged on top of these is kept, with its ancestors.
remove_images() {
  local ids remove id removed=0
  ids=$(buildah images --all --quiet --no-trunc) || return 0
  [ -n "$ids" ] || return 0
  # shellcheck disable=SC2086
  remove=$(podman image inspect $ids | python3 -c '
import json, sys
mode, roots = sys.argv[1], set(sys.argv[2:])
images = {i["Id"]: i for i in json.load(sys.stdin)}
parent = {i: images[i].get("Parent") or None for i in images}
tags = {i: images[i].get("RepoTags") or [] for i in images}
def chain(i):
    while i in images:
        yield i
        i = parent[i]
family = {i for i in images if any(set(tags[j]) & roots for j in chain(i))}
ours = lambda t: t.startswith("localhost/datascrub")
keep = set()
for i in family:
    if (mode == "stale" and tags[i]) or not all(map(ours, tags[i])):
        keep.update(chain(i))
depth = lambda i: sum(1 for _ in chain(i))
print("\n".join(sorted(family - keep, key=depth, reverse=True)))
' "$1" "$BASE_DEBIAN" "$BASE_UBUNTU" "$SDK_IMAGE") || fail "listing the images to remove"
  for id in $remove; do   # children first; removing one can take its untagged parents with it
    buildah images --quiet "$id" >/dev/null 2>&1 || continue
    if buildah rmi --force "$id" >/dev/null 2>&1; then removed=$((removed + 1)); else echo "could not remove image ${id:0:12}" >&2; fi
  done
  echo "$(wc -w <<<"$remove") images to remove ($1), $removed buildah rmi calls"
}

[ "$(id -u)" = 0 ] || fail "needs root (debootstrap, buildah with chroot isolation); run it as root"

# --- tools ---------------------------------------------------------------------------------------------------------
step "tools: debootstrap, buildah, podman"
missing=()
for tool in debootstrap buildah podman curl gpgv zstd python3; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} with apt-get ..."
  apt-get update -qq || fail "apt-get update"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || fail "apt-get install ${missing[*]}"
fi
command -v dotnet >/dev/null 2>&1 || fail "no dotnet on the PATH: the SDK image is made from this machine's .NET 10 SDK"
sdks=$(dotnet --list-sdks)   # not piped into grep -q: under pipefail, dotnet could die of SIGPIPE
grep -q '^10\.' <<<"$sdks" || fail "no .NET 10 SDK here (dotnet --list-sdks): the SDK image copies it"
echo "$(buildah --version); $(podman --version); debootstrap $(dpkg-query -W -f='${Version}' debootstrap)"
echo "checkout: $repo at $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')$( [ -z "$(git -C "$repo" status --porcelain 2>/dev/null)" ] || echo ', with uncommitted changes')"
step_done

if [ "$fresh" = 1 ]; then
  step "fresh: removing the base images, the test images and every layer built on them"
  remove_images all
  step_done
fi

# --- base images ---------------------------------------------------------------------------------------------------
import_rootfs() { # ROOTFS NAME: a debootstrapped tree as an image, with the PATH and CMD a registry image has
  rm -rf "$1"/var/cache/apt/archives/*.deb "$1"/var/cache/apt/*.bin "$1"/var/lib/apt/lists/*
  tar -C "$1" -c . | podman import --quiet \
      --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'CMD ["/bin/bash"]' - "$2" >/dev/null || fail "podman import $2"
  rm -rf "$1"
}

if has_image "$BASE_DEBIAN"; then
  reused "base $BASE_DEBIAN"
else
  step "base $BASE_DEBIAN: debootstrap --variant=minbase bookworm"
  root=$work/rootfs-bookworm
  debootstrap --variant=minbase bookworm "$root" "$DEBIAN_MIRROR" >"$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log" >&2; fail "debootstrap bookworm"; }
  # As the debian:bookworm image has them: updates and security too.
  cat >"$root/etc/apt/sources.list" <<EOF
deb $DEBIAN_MIRROR bookworm main
deb $DEBIAN_MIRROR bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
EOF
  import_rootfs "$root" "$BASE_DEBIAN"
  step_done
fi

if [ "$ubuntu" = 1 ]; then
  if has_image "$BASE_UBUNTU"; then
    reused "base $BASE_UBUNTU"
  else
    step "base $BASE_UBUNTU: debootstrap --variant=minbase noble"
    curl -fsS -o "$work/ubuntu-keyring.deb" "https://archive.ubuntu.com/ubuntu/$UBUNTU_KEYRING_DEB" || fail "downloading $UBUNTU_KEYRING_DEB"
    echo "$UBUNTU_KEYRING_SHA256  $work/ubuntu-keyring.deb" | sha256sum --check --quiet || fail "ubuntu-keyring: digest mismatch"
    dpkg-deb -x "$work/ubuntu-keyring.deb" "$work/ubuntu-keyring"
    # Debian 12's debootstrap predates noble; every Ubuntu release uses its gutsy script.
    script=/usr/share/debootstrap/scripts/noble
    [ -e "$script" ] || script=/usr/share/debootstrap/scripts/gutsy
    root=$work/rootfs-noble
    debootstrap --variant=minbase --keyring="$work/ubuntu-keyring/usr/share/keyrings/ubuntu-archive-keyring.gpg" \
        noble "$root" "$UBUNTU_MIRROR" "$script" >"$work/debootstrap.log" 2>&1 \
      || { tail -20 "$work/debootstrap.log" >&2; fail "debootstrap noble"; }
    # As the ubuntu:24.04 image (and so Microsoft's) has them: universe (libturbojpeg is there), updates, security.
    rm -f "$root/etc/apt/sources.list"
    cat >"$root/etc/apt/sources.list.d/ubuntu.sources" <<EOF
Types: deb
URIs: $UBUNTU_MIRROR/
Suites: noble noble-updates noble-backports
Components: main universe restricted multiverse
Signed-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg

Types: deb
URIs: http://security.ubuntu.com/ubuntu/
Suites: noble-security
Components: main universe restricted multiverse
Signed-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg
EOF
    import_rootfs "$root" "$BASE_UBUNTU"
    step_done
  fi
fi

if has_image "$SDK_IMAGE"; then
  reused "SDK image $SDK_IMAGE"
else
  sdk_dir=$(dirname "$(readlink -f "$(command -v dotnet)")")
  step "SDK image $SDK_IMAGE: $BASE_DEBIAN + $sdk_dir"
  new_container "$BASE_DEBIAN"; c=$container
  # What the SDK itself needs (Microsoft's SDK image has them): certificates for nuget.org, ICU, OpenSSL.
  buildah run --isolation chroot --network host "$c" -- sh -c \
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ca-certificates libicu72 libssl3 >/dev/null && rm -rf /var/lib/apt/lists/*' \
    || fail "installing the SDK's dependencies in the SDK image"
  # The CA certificates this machine added to its trust store (update-ca-certificates): a build machine behind a
  # TLS-inspecting proxy reaches nuget.org only with them. The runtime image needs no network and gets none.
  if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
    buildah copy --quiet "$c" /usr/local/share/ca-certificates /usr/local/share/ca-certificates >/dev/null
    run "$c" -- update-ca-certificates >/dev/null 2>&1 || fail "update-ca-certificates in the SDK image"
    echo "trusted in the SDK image, as here: $(cd /usr/local/share/ca-certificates && echo *.crt)"
  fi
  buildah copy --quiet "$c" "$sdk_dir" "$sdk_dir" >/dev/null || fail "copying $sdk_dir into the SDK image"
  run "$c" -- ln -sf "$sdk_dir/dotnet" /usr/bin/dotnet
  buildah config --env DOTNET_ROOT="$sdk_dir" --env DOTNET_CLI_TELEMETRY_OPTOUT=1 --env DOTNET_NOLOGO=1 "$c"
  echo "SDKs in the image: $(run "$c" -- dotnet --list-sdks | tr '\n' ' ')"
  buildah commit --quiet "$c" "$SDK_IMAGE" >/dev/null || fail "buildah commit $SDK_IMAGE"
  remove_container "$c"
  step_done
fi

# --- the Dockerfile ------------------------------------------------------------------------------------------------
bud() { # STEP-NAME ARGS...: buildah bud of the Dockerfile with the local base images, cached layers kept
  step "$1"; shift
  buildah bud --isolation chroot --network host --layers --force-rm --pull=never \
      --build-arg SDK_IMAGE="$SDK_IMAGE" "$@" -f "$repo/Dockerfile" "$repo" || fail "buildah bud $*"
  step_done
}

# --- the checks ----------------------------------------------------------------------------------------------------
codec_dirs=(damage tiff webp public/image-png)   # JPEG and GIF (damage), TIFF, WebP, PNG: verdicts that need each
codec_variables=(DATASCRUB_LIBTURBOJPEG DATASCRUB_LIBPNG DATASCRUB_LIBTIFF DATASCRUB_LIBGIF DATASCRUB_LIBWEBP DATASCRUB_LIBWEBPDEMUX)

check() { # IMAGE LABEL
  local image=$1 label=$2 c out rc config user version fixture data_sum t
  step "checks on $image ($label)"

  config=$(buildah inspect --type image "$image") || fail "$label: buildah inspect $image"
  config_value() { python3 -c 'import json, sys; print(json.load(sys.stdin)["OCIv1"]["config"].get(sys.argv[1]) or "")' "$1" <<<"$config"; }
  user=$(config_value User)
  echo "config: User=$user Entrypoint=$(config_value Entrypoint) Cmd=$(config_value Cmd) WorkingDir=$(config_value WorkingDir)"
  case ${user%%:*} in ''|0|root) fail "$label: the image's user is '${user:-unset}': root" ;; esac

  new_container "$image"; c=$container

  t=$(now); run "$c" -- true || fail "$label: buildah run true"
  echo "buildah run of 'true': $(since "$t") s (the start-up every run below includes)"
  out=$(run "$c" -- id -u) || fail "$label: id -u"
  echo "id -u in the container: $out"
  [ "$out" = "$RUN_UID" ] || fail "$label: runs as uid $out, expected $RUN_UID"

  # What "docker run IMAGE" runs: the entrypoint and the default command.
  local -a default_argv
  mapfile -d '' -t default_argv < <(python3 -c 'import json, sys; c = json.load(sys.stdin)["OCIv1"]["config"]; sys.stdout.write("\0".join((c.get("Entrypoint") or []) + (c.get("Cmd") or [])))' <<<"$config")
  echo "\$ ${default_argv[*]}   # docker run IMAGE"
  out=$(run "$c" -- "${default_argv[@]}" 2>&1) || fail "$label: '${default_argv[*]}' exited $?: $out"
  echo "$out" | head -5
  grep -q 'scan <path>' <<<"$out" && grep -q 'rebuild <source>' <<<"$out" || fail "$label: the default command did not print the usage"

  version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$repo/Directory.Build.props")
  out=$(run "$c" -- datascrub --version 2>&1) || fail "$label: datascrub --version exited $?: $out"
  echo "\$ datascrub --version"; echo "$out"
  [ "$out" = "$version" ] || fail "$label: --version printed '$out', Directory.Build.props says $version"

  # The binary links nothing the image lacks, and every library it dlopens is in the image's linker cache.
  out=$(run "$c" -- ldd /usr/local/bin/datascrub 2>&1) || fail "$label: ldd: $out"
  ! grep -q 'not found' <<<"$out" || fail "$label: ldd: $(grep 'not found' <<<"$out")"
  echo "ldd: $(grep -o '^[[:space:]]*[^[:space:]]*' <<<"$out" | tr -d '\t ' | tr '\n' ' ')"
  out=$(run "$c" -- /sbin/ldconfig -p 2>&1) || fail "$label: ldconfig -p: $out"
  for soname in liblmdb.so.0 libturbojpeg.so.0 libpng16.so.16 libtiff.so.6 libgif.so.7 libwebp.so.7 libwebpdemux.so.2; do
    grep -q "^[[:space:]]*$soname " <<<"$out" || fail "$label: $soname is not in the image's linker cache"
  done
  echo "ldconfig -p: liblmdb.so.0 libturbojpeg.so.0 libpng16.so.16 libtiff.so.6 libgif.so.7 libwebp.so.7 libwebpdemux.so.2 all there"

  # The scan: the fixture mounted read-only at /data, as docs/container.md runs it. It has error findings: exit 1.
  fixture=$repo/fixtures/lmdb/caffe_mixed
  data_sum=$(cd "$fixture" && sha256sum ./*)
  echo "\$ datascrub scan /data   # -v fixtures/lmdb/caffe_mixed:/data:ro"
  t=$(now); rc=0; out=$(run -v "$fixture:/data:ro" "$c" -- datascrub scan /data 2>&1) || rc=$?
  show "$out"; echo "exit code $rc ($(since "$t") s with buildah run's own start)"
  [ "$rc" = 1 ] || fail "$label: scan /data exited $rc, expected 1 (the fixture has error findings)"
  grep -a -q '^/data \[lmdb\]: 40 samples' <<<"$out" || fail "$label: the scan did not report 40 samples"
  grep -a -q 'findings: nan 3 (error), inf 2 (error), shape-mismatch 3 (error), unreadable-record 1 (error), fp16-overflow 1 (warning)' <<<"$out" \
    || fail "$label: the scan's findings are not the fixture's (fixtures/lmdb/caffe_mixed.expected.json)"
  [ "$(cd "$fixture" && sha256sum ./*)" = "$data_sum" ] || fail "$label: the scan changed the fixture"
  rc=0; run -v "$fixture:/data:ro" "$c" -- sh -c 'touch /data/x' 2>/dev/null || rc=$?
  [ "$rc" != 0 ] || { rm -f "$fixture/x"; fail "$label: /data was writable: the read-only mount did not hold"; }
  echo "/data was read-only (touch failed) and the fixture is unchanged"

  # The rebuild: --json and the copy into /out, a directory of the image's user.
  mkdir -p "$work/out-$label" && chown "$RUN_UID:$RUN_UID" "$work/out-$label"
  echo "\$ datascrub rebuild /data --out /out/clean --drop-bad --json /out/report.json   # -v OUT:/out"
  t=$(now); rc=0; out=$(run -v "$fixture:/data:ro" -v "$work/out-$label:/out" "$c" -- \
      datascrub rebuild /data --out /out/clean --drop-bad --json /out/report.json 2>&1) || rc=$?
  show "$out"; echo "exit code $rc ($(since "$t") s with buildah run's own start)"
  [ "$rc" = 0 ] || fail "$label: rebuild exited $rc, expected 0"
  python3 - "$work/out-$label/report.json" <<'EOF' || fail "$label: the rebuild's JSON report is not what was expected"
import json, sys
report = json.load(open(sys.argv[1]))
rebuild = report["datasets"][0]["rebuild"]
assert report["schema"] == "datascrub-report/1", report["schema"]
assert (rebuild["source"], rebuild["dropped"], rebuild["written"], rebuild["verified"]) == (40, 8, 32, True), rebuild
print(f"report.json: {report['schema']}, source {rebuild['source']}, dropped {rebuild['dropped']}, written {rebuild['written']}, verified {rebuild['verified']}")
EOF
  for f in clean/data.mdb clean/datascrub-rebuild.json report.json; do
    [ -s "$work/out-$label/$f" ] || fail "$label: /out/$f is missing or empty"
    [ "$(stat -c %u "$work/out-$label/$f")" = "$RUN_UID" ] || fail "$label: /out/$f is not owned by uid $RUN_UID"
  done
  echo "/out/clean/data.mdb, /out/clean/datascrub-rebuild.json, /out/report.json written, owned by uid $RUN_UID"
  rc=0; out=$(run -v "$work/out-$label/clean:/data:ro" "$c" -- datascrub scan /data 2>&1) || rc=$?
  echo "\$ datascrub scan /data   # the cleaned copy"; grep -a -E 'samples|findings:' <<<"$out"; echo "exit code $rc"
  [ "$rc" = 0 ] && grep -a -q '32 samples' <<<"$out" || fail "$label: the cleaned copy's scan exited $rc or did not find 32 samples"

  # Another uid, as docker run --user "$(id -u):$(id -g)" gives: no passwd entry, writes into a directory it owns.
  mkdir -p "$work/out-$label-other" && chown "$OTHER_UID:$OTHER_UID" "$work/out-$label-other"
  rc=0; out=$(run --user "$OTHER_UID:$OTHER_UID" -v "$fixture:/data:ro" -v "$work/out-$label-other:/out" "$c" -- \
      datascrub rebuild /data --out /out/clean --drop-bad --json /out/report.json 2>&1) || rc=$?
  [ "$rc" = 0 ] && [ "$(stat -c %u "$work/out-$label-other/clean/data.mdb")" = "$OTHER_UID" ] \
    || fail "$label: the rebuild as uid $OTHER_UID exited $rc: $out"
  echo "rebuild as --user $OTHER_UID:$OTHER_UID (no passwd entry): exit 0, files owned by $OTHER_UID"

  # The codec libraries: a scan whose findings change when a library is taken away (its DATASCRUB_LIB* variable
  # pointing nowhere makes datascrub fall back to ImageSharp) shows that the image's copy of it was loaded and used.
  local -a paths=() mounts=()
  local dir native without variable
  for dir in "${codec_dirs[@]}"; do
    mounts+=(-v "$repo/fixtures/images/$dir:/images/$dir:ro"); paths+=("/images/$dir")
  done
  native=$(run "${mounts[@]}" "$c" -- datascrub scan --no-duplicates "${paths[@]}" 2>&1 | grep -a 'findings:') || true
  [ -n "$native" ] || fail "$label: the image scan printed no findings"
  echo "\$ datascrub scan --no-duplicates ${paths[*]}"; echo "$native"
  for variable in "${codec_variables[@]}"; do
    without=$(run --env "$variable=/nonexistent" "${mounts[@]}" "$c" -- datascrub scan --no-duplicates "${paths[@]}" 2>&1 | grep -a 'findings:') || true
    [ -n "$without" ] || fail "$label: the image scan with $variable=/nonexistent printed no findings"
    [ "$without" != "$native" ] || fail "$label: the findings are the same with $variable=/nonexistent: the image's library was not used"
  done
  echo "each of ${codec_variables[*]}=/nonexistent changes the findings: all six libraries were loaded and used"

  remove_container "$c"
  step_done
}

# The build stage on its own first, tagged so that its cached layers count as needed (the final images are not
# built on them), and timed apart: the AOT publish is most of a first build. The full builds below reuse it.
bud "build stage $IMAGE_BUILD (SDK_IMAGE=$SDK_IMAGE): gcc, restore, AOT publish" --target build \
    --build-arg RUNTIME_IMAGE="$BASE_DEBIAN" -t "$IMAGE_BUILD"
bud "runtime stage $IMAGE_DEBIAN (RUNTIME_IMAGE=$BASE_DEBIAN)" --build-arg RUNTIME_IMAGE="$BASE_DEBIAN" -t "$IMAGE_DEBIAN"
check "$IMAGE_DEBIAN" debian12
if [ "$ubuntu" = 1 ]; then
  bud "runtime stage $IMAGE_UBUNTU (RUNTIME_IMAGE=$BASE_UBUNTU)" --build-arg RUNTIME_IMAGE="$BASE_UBUNTU" -t "$IMAGE_UBUNTU"
  check "$IMAGE_UBUNTU" ubuntu2404
fi

step "removing stale layers: untagged images built on the bases that no tagged image needs"
remove_images stale
step_done

echo
echo "=== images"
buildah images --format '{{.Name}}:{{.Tag}}  {{.Size}}' | grep -E '^localhost/datascrub' || true
echo
echo "=== timings"
printf '%s\n' "${timings[@]}"
printf '%8s s  %s\n' "$(awk -v a="$started" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')" total
echo
echo "container-test: PASSED"
