#!/usr/bin/env bash
# Writes crds/*.yaml from the C# entity classes (src/Haystack.Operator/Entities) with `haystack operator crds`,
# and copies them into the Helm chart.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run --project src/Haystack -c Release -- operator crds --output crds
# The Helm chart ships the same files (helm installs crds/ before the templates); a test fails when they differ.
cp crds/*.yaml charts/haystack/crds/
