import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'cdk8s';
import { buildMesh, type ClusterCharts } from '../../charts/mesh';
import type { MeshInputs } from '../../plan/mesh-inputs';
import { chartObjects, CLUSTER_SCOPED_KINDS } from '../../output/render';
import { parseTopology } from '../../topology/load';
import { validateAgainstK8s } from '../support/validate-k8s';

const EXAMPLE = readFileSync(join(__dirname, '..', '..', 'mesh.yaml'), 'utf8');
const NO_INPUTS: MeshInputs = { kubeconfigs: new Map(), caBundles: new Map() };

function build(text: string, inputs: MeshInputs = NO_INPUTS): ClusterCharts[] {
  return buildMesh(parseTopology(text, 'mesh.yaml').topology, inputs);
}

function allCharts(sets: readonly ClusterCharts[]) {
  return sets.flatMap((s) => [s.crds, s.apply, s.secrets, s.uninstall].filter((c) => c !== undefined));
}

describe('buildMesh on the example mesh', () => {
  const sets = build(EXAMPLE);

  it('puts each cluster\'s charts in an App of their own, so synthesizing one chart never resolves the others', () => {
    // cdk8s resolves and validates a chart's whole App each time it synthesizes the chart
    const apps = sets.map((s) => App.of(s.apply));
    expect(new Set(apps).size).toBe(sets.length);
    sets.forEach((set, i) => {
      expect(new Set(apps[i].charts)).toEqual(new Set(allCharts([set])));
    });
  });

  it('builds one chart set per cluster, in topology order', () => {
    expect(sets.map((s) => s.cluster)).toEqual(['primary', 'remote-east', 'remote-west']);
    // no kubeconfig and no shared CA yet: no Secrets to write
    expect(sets.every((s) => s.secrets === undefined)).toBe(true);
    // every cluster runs Citadel, so every cluster gets the cleanup of its certificates
    expect(sets.every((s) => s.uninstall !== undefined)).toBe(true);
    // the primary gets every Istio CRD; these remotes hold no custom resource, so no CRD chart
    expect(chartObjects(sets[0].crds!)).toHaveLength(50);
    expect(sets.slice(1).map((s) => s.crds)).toEqual([undefined, undefined]);
  });

  it.each(['primary', 'remote-east', 'remote-west'])('synthesizes %s as in the snapshot', (cluster) => {
    const set = sets.find((s) => s.cluster === cluster)!;
    expect(chartObjects(set.apply)).toMatchSnapshot();
    if (set.uninstall) {
      expect(chartObjects(set.uninstall)).toMatchSnapshot('uninstall');
    }
  });

  it('emits only objects Kubernetes 1.27 accepts', () => {
    expect(() => validateAgainstK8s(allCharts(sets).flatMap(chartObjects))).not.toThrow();
  });

  it('creates each namespace in the same apply set, before anything in it', () => {
    // kubectl apply -f dist/<cluster>/ must work in one pass on an empty cluster
    for (const set of sets) {
      const objects = chartObjects(set.apply);
      objects.forEach((object, index) => {
        const ns = object.metadata.namespace;
        if (ns === undefined) return;
        const created = objects.findIndex((o) => o.kind === 'Namespace' && o.metadata.name === ns);
        expect({ object: `${set.cluster}: ${object.kind}/${object.metadata.name}`, createdBefore: created !== -1 && created < index }).toEqual({
          object: `${set.cluster}: ${object.kind}/${object.metadata.name}`,
          createdBefore: true,
        });
      });
    }
  });

  it('never puts a namespace on a cluster-scoped object, and always on a namespaced one', () => {
    // Kubernetes 1.27's scopes, listed here apart from the renderer's own table on purpose.
    const clusterScoped = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'MutatingWebhookConfiguration', 'MeshPolicy', 'CustomResourceDefinition']);
    const objects = allCharts(sets).flatMap(chartObjects);
    expect(objects.some((o) => clusterScoped.has(o.kind))).toBe(true);
    for (const object of objects) {
      expect({ kind: object.kind, name: object.metadata.name, namespaced: object.metadata.namespace !== undefined }).toEqual({
        kind: object.kind,
        name: object.metadata.name,
        namespaced: !clusterScoped.has(object.kind),
      });
      expect(CLUSTER_SCOPED_KINDS.has(object.kind)).toBe(clusterScoped.has(object.kind));
    }
  });

  it('labels the remote\'s injection namespaces and merges its values block last', () => {
    const east = chartObjects(sets[1].apply);
    expect(east.find((o) => o.kind === 'Namespace' && o.metadata.name === 'bookinfo')?.metadata.labels).toEqual({ 'istio-injection': 'enabled' });
    const westInjector = chartObjects(sets[2].apply).find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'istio-sidecar-injector');
    expect(JSON.stringify(westInjector)).toContain('10.8.0.0/16,10.9.0.0/16,10.10.0.0/16');
    expect(chartObjects(sets[2].apply).some((o) => o.kind === 'MutatingWebhookConfiguration')).toBe(false);
  });
});

describe('the primary with two remotes that have kubeconfigs, and a shared CA', () => {
  const text = EXAMPLE.replace('selfSigned: true', 'selfSigned: false\n    rootCert: pki/root-cert.pem');
  const bundle = (cluster: string) => ({
    'ca-cert.pem': `<${cluster} ca-cert.pem>`,
    'ca-key.pem': `<${cluster} ca-key.pem>`,
    'root-cert.pem': '<root-cert.pem>',
    'cert-chain.pem': `<${cluster} cert-chain.pem>`,
  });
  const sets = build(text, {
    kubeconfigs: new Map([
      ['remote-west', '<remote-west kubeconfig>'],
      ['remote-east', '<remote-east kubeconfig>'],
    ]),
    caBundles: new Map(['primary', 'remote-east', 'remote-west'].map((c) => [c, bundle(c)])),
  });
  const primarySecrets = chartObjects(sets[0].secrets!);

  it('emits cacerts and one labeled Secret per remote, in topology order', () => {
    expect(primarySecrets.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Secret/cacerts', 'Secret/remote-east', 'Secret/remote-west']);
    expect(primarySecrets).toMatchSnapshot();
  });

  it('keys each remote Secret by the cluster name and labels it for Pilot', () => {
    const east = primarySecrets.find((o) => o.metadata.name === 'remote-east')!;
    expect(east.metadata.namespace).toBe('istio-system');
    expect(east.metadata.labels).toEqual({ 'istio/multiCluster': 'true' });
    expect((east.metadata.annotations as Record<string, string>)['networking.istio.io/cluster']).toBe('remote-east');
    expect(Object.keys({ ...(east.data as object), ...(east.stringData as object) })).toEqual(['remote-east']);
  });

  it('gives every remote its own cacerts and no remote Secrets', () => {
    for (const set of sets.slice(1)) {
      expect(chartObjects(set.secrets!).map((o) => o.metadata.name)).toEqual(['cacerts']);
    }
  });
});
