# syntax=docker/dockerfile:1.20
# One image for every role: `haystack store|directory|cache|operator ...` (the entrypoint is the haystack binary).
# Build: docker build -t haystack:dev .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source

# Restore first, from the project files only, so that code changes do not invalidate the package layer.
# --parents keeps each project file in its folder, so a project added under src/ needs no line here.
COPY --parents global.json Directory.Build.props Directory.Packages.props src/*/*.csproj ./
RUN dotnet restore src/Haystack/Haystack.csproj

COPY src/ src/
RUN dotnet publish src/Haystack/Haystack.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
# Store pods mount their local XFS PersistentVolume here.
VOLUME /data
# The non-root user the .NET base images provide.
USER $APP_UID
ENTRYPOINT ["dotnet", "/app/haystack.dll"]
