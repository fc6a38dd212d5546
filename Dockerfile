# One image for every role: `haystack store|directory|cache|operator ...` (the entrypoint is the haystack binary).
# Build: docker build -t haystack:dev .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source

# Restore first, from the project files only, so that code changes do not invalidate the package layer.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Haystack/Haystack.csproj src/Haystack/
COPY src/Haystack.Storage/Haystack.Storage.csproj src/Haystack.Storage/
COPY src/Haystack.Store/Haystack.Store.csproj src/Haystack.Store/
COPY src/Haystack.Directory/Haystack.Directory.csproj src/Haystack.Directory/
COPY src/Haystack.Cache/Haystack.Cache.csproj src/Haystack.Cache/
COPY src/Haystack.Telemetry/Haystack.Telemetry.csproj src/Haystack.Telemetry/
COPY src/Haystack.Kubernetes/Haystack.Kubernetes.csproj src/Haystack.Kubernetes/
COPY src/Haystack.Operator/Haystack.Operator.csproj src/Haystack.Operator/
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
