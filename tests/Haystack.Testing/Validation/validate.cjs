// Validates JSON documents read from standard input with tools installed by hack/deps/npm.sh.
//   node validate.cjs <tools-dir> kubernetes   input: [object, ...]            Kubernetes' own schemas (kubernetes-models),
//                                                                            and the prometheus-operator, Argo CD and Flux models
//   node validate.cjs <tools-dir> schema       input: {schema, documents}      a CRD openAPIV3Schema (ajv)
// Prints one JSON array: for each document, the list of its errors (empty when valid).
"use strict";
const { createRequire } = require("node:module");
const path = require("node:path");

const [toolsDir, mode] = process.argv.slice(2);
const requireTool = createRequire(path.join(path.resolve(toolsDir), "package.json"));

// Kinds outside Kubernetes itself that the chart and config/gitops ship, by API group.
const thirdPartyModels = {
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
  "argoproj.io": "@kubernetes-models/argo-cd",
  "helm.toolkit.fluxcd.io": "@kubernetes-models/flux-cd",
  "source.toolkit.fluxcd.io": "@kubernetes-models/flux-cd",
};

function kubernetesErrors(object) {
  const [group, version] = object.apiVersion.includes("/") ? object.apiVersion.split("/") : [null, object.apiVersion];
  const models = thirdPartyModels[group] ?? "kubernetes-models";
  const module = requireTool(`${models}/${group ? `${group}/${version}` : version}`);
  const Model = module[object.kind];
  if (!Model) return [`kubernetes-models has no ${object.apiVersion} ${object.kind}`];
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return [error.message];
  }
}

// A structural CRD schema is OpenAPI v3; ajv reads JSON Schema. Drop what JSON Schema does not know,
// and forbid unknown fields the way kubectl's strict field validation does.
function toJsonSchema(node) {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== "object") return node;
  const result = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith("x-kubernetes-") || key === "format" || key === "nullable") continue;
    if (key === "default") result[key] = value;
    else if (key === "properties") result[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonSchema(v)]));
    else result[key] = toJsonSchema(value);
  }
  if (node["x-kubernetes-int-or-string"]) {
    delete result.type;
  }
  if (node.properties && !node["x-kubernetes-preserve-unknown-fields"]) {
    result.additionalProperties = false;
  }
  return result;
}

function schemaErrors(input) {
  const Ajv = requireTool("ajv");
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(toJsonSchema(input.schema));
  return input.documents.map((document) =>
    validate(document) ? [] : validate.errors.map((e) => `${e.instancePath || "<root>"} ${e.message}`));
}

let text = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (text += chunk));
process.stdin.on("end", () => {
  const input = JSON.parse(text);
  const result = mode === "kubernetes" ? input.map(kubernetesErrors) : schemaErrors(input);
  process.stdout.write(JSON.stringify(result));
});
