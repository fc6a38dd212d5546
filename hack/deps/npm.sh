#!/usr/bin/env bash
# Installs the npm tools the tests need under .tools/ at the repository root (git-ignored).
# Idempotent: returns at once when the pinned versions are already installed.
#   kubernetes-models: validates rendered objects against Kubernetes' own OpenAPI schemas, offline
#     (4.x: 5.x is ESM-only and needs node 22; Debian 12 has node 18/20).
#   ajv: validates config/samples against the generated CRD schemas, independently of our C# validator.
set -euo pipefail
cd "$(dirname "$0")/../.."

tools=.tools
packages=(kubernetes-models@4.5.1 ajv@8.20.0)

installed() {
  local spec name version
  for spec in "${packages[@]}"; do
    name=${spec%@*}
    version=${spec##*@}
    [[ -f "$tools/node_modules/$name/package.json" ]] || return 1
    grep -q "\"version\": \"$version\"" "$tools/node_modules/$name/package.json" || return 1
  done
}

if installed; then exit 0; fi
command -v npm >/dev/null || { echo "deps: npm is missing; install node.js 20 (apt-get install nodejs npm)" >&2; exit 1; }
mkdir -p "$tools"
[[ -f "$tools/package.json" ]] || echo '{ "name": "haystack-tools", "private": true }' > "$tools/package.json"
echo "deps: installing ${packages[*]} into $tools/"
npm install --prefix "$tools" --no-audit --no-fund --loglevel=error "${packages[@]}" >/dev/null
installed || { echo "deps: npm did not install ${packages[*]} into $tools/" >&2; exit 1; }
