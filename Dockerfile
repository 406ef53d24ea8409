# datascrub in a container: docker build -t datascrub . && docker run --rm -v "$PWD/db:/data:ro" datascrub scan /data
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# What ships is the Native AOT binary; gcc links it (scripts/build.sh does the same).
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN dotnet publish src/DataScrub.Cli -c Release --use-current-runtime -o /app

# A native binary needs no .NET runtime, only what it loads.
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0
# LMDB 0.9: the on-disk format Caffe and py-lmdb write (LightningDB's bundled LMDB 1.0 cannot open it).
# The codec libraries PIL and OpenCV decode with, whose verdict on an image DataScrub reports (Ubuntu 24.04 names;
# still unbuilt here: issue 15 builds and tests this image, and the libturbojpeg0 name).
RUN apt-get update && apt-get install -y --no-install-recommends liblmdb0 libturbojpeg0 \
        libpng16-16t64 libtiff6 libgif7 libwebp7 libwebpdemux2 && rm -rf /var/lib/apt/lists/*
COPY --from=build /app/datascrub /app/datascrub
ENTRYPOINT ["/app/datascrub"]
