# datascrub in a container: docker build -t datascrub . && docker run --rm -v "$PWD/db:/data:ro" datascrub scan /data
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/DataScrub.Cli -c Release -o /app

FROM mcr.microsoft.com/dotnet/runtime:10.0
# LMDB 0.9: the on-disk format Caffe and py-lmdb write (LightningDB's bundled LMDB 1.0 cannot open it).
RUN apt-get update && apt-get install -y --no-install-recommends liblmdb0 libturbojpeg0 && rm -rf /var/lib/apt/lists/*
COPY --from=build /app /app
ENTRYPOINT ["dotnet", "/app/datascrub.dll"]
