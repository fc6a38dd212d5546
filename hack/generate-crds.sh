#!/usr/bin/env bash
# Writes crds/*.yaml from the C# entity classes (src/Haystack.Operator/Entities) with `haystack operator crds`.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run --project src/Haystack -c Release -- operator crds --output crds
