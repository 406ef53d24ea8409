# datascrub in a container (docs/container.md):
#   docker build -t datascrub .
#   docker run --rm -v "$PWD/train_lmdb:/data:ro" datascrub scan /data
# The base images are build arguments: the defaults are Microsoft's .NET 10 images (Ubuntu 24.04); where no registry
# is reachable, scripts/container-test.sh builds this same file on local Debian 12 bases and scans a fixture with it.
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0

FROM ${SDK_IMAGE} AS build
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# What ships is the Native AOT binary, and gcc links it (the csproj's CppCompilerAndLinker; scripts/build.sh does the
# same). Microsoft's SDK image has neither gcc nor libc6-dev; an image that has them skips apt.
RUN if ! command -v gcc >/dev/null 2>&1 || ! dpkg -s libc6-dev >/dev/null 2>&1; then \
        apt-get update \
        && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends gcc libc6-dev \
        && apt-get clean && rm -rf /var/lib/apt/lists/*; \
    fi
WORKDIR /src
# Restore from the project files alone first, so that a change to the sources reuses this layer (the NuGet packages,
# the ILCompiler among them, are downloaded here: the build needs network access to nuget.org). publish restores
# again below, a no-op unless a project was added that is not listed here. --disable-build-servers: no MSBuild node or
# compiler server outlives its RUN (a builder without a PID namespace per step, as buildah's chroot isolation, would
# keep them running, and their sockets in the layer).
COPY Directory.Build.props Directory.Packages.props ./
COPY src/DataScrub.Core/DataScrub.Core.csproj src/DataScrub.Core/
COPY src/DataScrub.Formats/DataScrub.Formats.csproj src/DataScrub.Formats/
COPY src/DataScrub.Images/DataScrub.Images.csproj src/DataScrub.Images/
COPY src/DataScrub.Cli/DataScrub.Cli.csproj src/DataScrub.Cli/
RUN dotnet restore src/DataScrub.Cli --use-current-runtime --disable-build-servers
COPY src/ src/
RUN dotnet publish src/DataScrub.Cli -c Release --use-current-runtime --disable-build-servers -o /app

# A native binary needs no .NET runtime: only the C libraries it loads.
FROM ${RUNTIME_IMAGE}
# liblmdb0: LMDB 0.9, the on-disk format Caffe and py-lmdb write (LightningDB's bundled LMDB 1.0 cannot open it).
# libjpeg-turbo, libpng, libtiff, giflib, libwebp: the decoders PIL and OpenCV use, whose verdict on an image is the
# one DataScrub reports (without one, that format falls back to ImageSharp, whose verdict differs).
# Two of these packages have other names on Ubuntu 24.04 (Microsoft's images) than on Debian 12: libturbojpeg and
# libpng16-16t64 there, libturbojpeg0 and libpng16-16 here. For each, the first name this base's apt has a real
# package for is installed. "apt-cache show" alone cannot tell: it succeeds with no output for a name apt merely knows
# of (Debian 12 knows "libturbojpeg" from a Breaks:, Ubuntu 24.04 "libpng16-16" as a virtual package).
# apt-get clean: apt's caches and the downloaded .debs are 78 MB on a base without Docker's apt cleanup config.
RUN set -eu; \
    apt-get update; \
    pick() { \
        for p in "$@"; do \
            if apt-cache show "$p" 2>/dev/null | grep -q "^Package: $p\$"; then echo "$p"; return 0; fi; \
        done; \
        echo "none of these packages is available on this base: $*" >&2; return 1; \
    }; \
    turbojpeg=$(pick libturbojpeg0 libturbojpeg); \
    png=$(pick libpng16-16 libpng16-16t64); \
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        liblmdb0 "$turbojpeg" "$png" libtiff6 libgif7 libwebp7 libwebpdemux2; \
    apt-get clean; rm -rf /var/lib/apt/lists/*
# Not root: DataScrub only reads its input (LMDB is opened with MDB_RDONLY | MDB_NOLOCK, LevelDB without writing a
# LOCK or LOG), so the data can be mounted read-only at /data. /out is where a rebuild or a --json report goes; it
# belongs to this user so that a new named volume mounted there is writable. Bind mounts keep the host's owners:
# run with --user "$(id -u):$(id -g)" to write into a directory of yours (any uid works, none needs a passwd entry).
RUN useradd --uid 10001 --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin datascrub \
    && mkdir -p /data /out && chown datascrub:datascrub /out
COPY --from=build /app/datascrub /usr/local/bin/datascrub
USER 10001:10001
WORKDIR /data
ENTRYPOINT ["/usr/local/bin/datascrub"]
# No arguments: the usage. "docker run IMAGE scan /data" replaces it.
CMD ["--help"]
