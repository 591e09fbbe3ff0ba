import { basename, join } from 'node:path';
import { ISTIO_CHART_PATH, primaryHelmTemplateCommand, primaryValuesOverlay } from '../plan/primary-install';
import type { MeshTopology } from '../topology/schema';
import type { OutputLayout } from './layout';
import type { InstallFile } from './mesh-output';

/**
 * The primary's own install, outside the apply folders: the values overlay
 * for Istio's `istio` chart and the exact `helm template` command that uses
 * it, run from the folder that holds the install folder and the unpacked
 * Istio release (`istio-<tag>/`, as the release archive unpacks).
 */
export function primaryInstallFiles(topology: MeshTopology, layout: OutputLayout): InstallFile[] {
  const primary = topology.clusters.find((c) => c.role === 'primary');
  if (!primary) {
    return [];
  }
  const valuesFile = join(basename(layout.install), primary.name, 'istio-values.yaml');
  const chart = join(`istio-${topology.istio.tag}`, ISTIO_CHART_PATH);
  const context = primary.context ?? primary.name;
  const script = [
    '#!/bin/sh',
    `# Renders the primary's Istio control plane with the overlay beside this file.`,
    `# Run it from the folder that holds ${basename(layout.install)}/ and the unpacked istio-${topology.istio.tag}/ release,`,
    `# after the CRDs (kubectl --context ${context} apply -f ${basename(layout.crds)}/${primary.name}/, then kubectl --context ${context} wait --for condition=established crd --all),`,
    `# then: kubectl --context ${context} apply -f ${basename(layout.apply)}/${primary.name}/ && kubectl --context ${context} apply -f istio.yaml`,
    "# Helm 2's render also holds the chart's v1beta1 CRDs, which Kubernetes 1.27 refuses: delete them from istio.yaml first.",
    'set -eu',
    primaryHelmTemplateCommand(topology, valuesFile, 'istio.yaml', chart),
    '',
  ].join('\n');
  return [
    { cluster: primary.name, name: 'istio-values.yaml', content: primaryValuesOverlay(topology) },
    { cluster: primary.name, name: 'helm-template.sh', content: script },
  ];
}
