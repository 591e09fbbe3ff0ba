#!/usr/bin/env node
// Regenerates imports/k8s.ts offline. `cdk8s import k8s@1.27.0` downloads the
// same _definitions.json from GitHub; here the CLI's own importer runs against
// the copy in ../shared, so the output is what an online import would write.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const K8S_VERSION = '1.27.0';
const root = path.resolve(__dirname, '..');
const definitions = path.resolve(
  process.env.K8S_DEFINITIONS ?? path.join(root, '..', 'shared', 'k8s', `v${K8S_VERSION}`, '_definitions.json'),
);

if (!fs.existsSync(definitions)) {
  console.error(`import-k8s: ${definitions} not found; set K8S_DEFINITIONS to the Kubernetes ${K8S_VERSION} _definitions.json`);
  process.exit(1);
}

// The package exports only its entry point, so reach the modules by path.
const cli = path.dirname(require.resolve('cdk8s-cli/package.json', { paths: [root] }));
const util = require(path.join(cli, 'lib', 'util'));
util.download = async (url) => {
  if (!url.endsWith(`/v${K8S_VERSION}/_definitions.json`)) {
    throw new Error(`import-k8s: unexpected download ${url}`);
  }
  return fs.readFileSync(definitions, 'utf8');
};

const { ImportKubernetesApi } = require(path.join(cli, 'lib', 'import', 'k8s'));
const { Language } = require(path.join(cli, 'lib', 'import', 'base'));

(async () => {
  const importer = new ImportKubernetesApi({ apiVersion: K8S_VERSION });
  await importer.import({ outdir: path.join(root, 'imports'), targetLanguage: Language.TYPESCRIPT });
  console.error(`import-k8s: wrote imports/k8s.ts from ${path.relative(root, definitions)}`);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
