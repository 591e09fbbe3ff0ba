import { diffMeshOutputs, type MeshDiff, type OutputText } from '../../output/diff/mesh-diff';

const text = (path: string, content: string): OutputText => ({ set: 'apply', path, content, source: path });

/** ConfigMap `istio` with a mesh config that dials Pilot at `pilot`. */
export const istioConfigMap = (pilot: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: istio
  namespace: istio-system
data:
  mesh: |-
    defaultConfig:
      discoveryAddress: ${pilot}:15007
`;

const meshConfig = (pilot: string, template: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: istio-sidecar-injector
  namespace: istio-system
data:
  config: |-
    policy: enabled
    template: |-
${template.split('\n').map((l) => `      ${l}`).join('\n')}
---
${istioConfigMap(pilot)}`;

/**
 * A diff with one of everything the formats print: a changed scalar field in
 * an embedded config, a line diff of the injector template, an added and a
 * removed object, and one cluster unchanged.
 */
export function sampleDiff(): MeshDiff {
  const namespace = (name: string) => `---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;
  return diffMeshOutputs(
    [
      text('primary/primary.k8s.yaml', namespace('istio-system')),
      text('remote-east/remote-east.k8s.yaml', meshConfig('10.8.0.12', 'initContainers:\n- name: istio-init\n  image: proxy_init:1.0.6') + namespace('old-app')),
    ],
    [
      text('primary/primary.k8s.yaml', namespace('istio-system')),
      text('remote-east/remote-east.k8s.yaml', meshConfig('10.8.3.12', 'initContainers:\n- name: istio-init\n  image: proxy_init:1.0.7') + namespace('bookinfo')),
    ],
    ['apply'],
  );
}

export const SAMPLE_LABELS = { base: 'HEAD', head: 'working tree' };
