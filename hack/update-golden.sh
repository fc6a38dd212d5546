#!/usr/bin/env bash
# Refreshes every generated file the operator tests compare against: crds/*.yaml and the builders'
# golden YAML under tests/Haystack.Operator.Tests/Golden/. Review the diff, then commit it.
set -euo pipefail
cd "$(dirname "$0")/.."
UPDATE_GOLDEN=1 dotnet test tests/Haystack.Operator.Tests --filter "FullyQualifiedName~Golden|FullyQualifiedName~CrdFileTests" "$@"
cp crds/*.yaml charts/haystack/crds/   # the chart ships the same CRDs
git status --short crds charts/haystack/crds tests/Haystack.Operator.Tests/Golden
