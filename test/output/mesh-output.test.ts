import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { buildMesh } from '../../charts/mesh';
import type { MeshInputs } from '../../plan/mesh-inputs';
import { isIstioApiVersion } from '../../istio/crds';
import { outputLayout } from '../../output/layout';
import { meshOutputTrees } from '../../output/mesh-output';
import { DuplicateObjectError } from '../../output/object-identities';
import type { OutputTree } from '../../output/publish';
import { parseTopology } from '../../topology/load';
import type { MeshTopology } from '../../topology/schema';
import { CONTROL_PLANES, exposureTopology } from '../support/exposure-fixture';
import { secureTopology } from '../support/secure-topology';

const EXAMPLE = parseTopology(readFileSync(join(__dirname, '..', '..', 'mesh.yaml'), 'utf8'), 'mesh.yaml').topology;
const LAYOUT = outputLayout('dist');

function bundles(topology: MeshTopology): MeshInputs['caBundles'] {
  const bundle = (cluster: string) => ({
    'ca-cert.pem': `<${cluster} ca-cert.pem>`,
    'ca-key.pem': `<${cluster} ca-key.pem>`,
    'root-cert.pem': '<root-cert.pem>',
    'cert-chain.pem': `<${cluster} cert-chain.pem>`,
  });
  return new Map(topology.clusters.map((c) => [c.name, bundle(c.name)]));
}

const NO_INPUTS: MeshInputs = { kubeconfigs: new Map(), caBundles: new Map() };
const SECURE = secureTopology();
const SECURE_INPUTS: MeshInputs = { kubeconfigs: new Map([['remote-east', '<kubeconfig>']]), caBundles: bundles(SECURE) };
const GATEWAY = exposureTopology(CONTROL_PLANES.gateway);

const TOPOLOGIES: [string, MeshTopology, MeshInputs][] = [
  ['the example mesh', EXAMPLE, NO_INPUTS],
  ['mTLS with a shared CA and kubeconfigs', SECURE, SECURE_INPUTS],
  ['gateway exposure', GATEWAY, NO_INPUTS],
  ['loadBalancer exposure', exposureTopology(CONTROL_PLANES.loadBalancer), NO_INPUTS],
];

const built = new Map<MeshTopology, OutputTree[]>();

/** The output trees of `topology`, built once per topology object. */
function trees(topology: MeshTopology, inputs: MeshInputs): OutputTree[] {
  if (!built.has(topology)) {
    built.set(topology, meshOutputTrees(buildMesh(topology, inputs), LAYOUT));
  }
  return built.get(topology)!;
}

/** Every `kubectl apply -f <tree>/<cluster>/` step of the output, with the objects it applies. */
function applySteps(output: readonly OutputTree[]): Map<string, any[]> {
  const steps = new Map<string, any[]>();
  for (const tree of output) {
    for (const file of tree.files.filter((f) => f.path.endsWith('.k8s.yaml'))) {
      const step = `${basename(tree.dir)}/${dirname(file.path)}`;
      const objects = parseAllDocuments(file.content).map((doc) => doc.toJS());
      steps.set(step, [...(steps.get(step) ?? []), ...objects]);
    }
  }
  return steps;
}

const isCrd = (o: any) => o.kind === 'CustomResourceDefinition';
const isCustomResource = (o: any) => isIstioApiVersion(o.apiVersion);
const servedBy = (cr: any) => (crd: any) =>
  `${crd.spec.group}/${crd.spec.versions.find((v: any) => v.served).name}` === cr.apiVersion && crd.spec.names.kind === cr.kind;

/** Custom resources applied in the same step as their CRD. */
function crdsBesideTheirResources(steps: ReadonlyMap<string, any[]>): string[] {
  return [...steps].flatMap(([step, objects]) =>
    objects.filter(isCustomResource).filter((cr) => objects.filter(isCrd).some(servedBy(cr))).map((cr) => `${step}: ${cr.kind}/${cr.metadata.name}`),
  );
}

/** Custom resources, in any folder of a cluster, whose CRD is not in that cluster's CRD folder. */
function resourcesWithoutTheirCrd(steps: ReadonlyMap<string, any[]>): string[] {
  const crdsTree = basename(LAYOUT.crds);
  return [...steps].flatMap(([step, objects]) => {
    const crds = steps.get(`${crdsTree}/${basename(step)}`) ?? [];
    return objects.filter(isCustomResource).filter((cr) => !crds.some(servedBy(cr))).map((cr) => `${step}: ${cr.kind}/${cr.metadata.name}`);
  });
}

describe('meshOutputTrees', () => {
  it.each(TOPOLOGIES)('%s: no apply step holds a custom resource together with its CRD', (_name, topology, inputs) => {
    // GIVEN / WHEN the output, one step per tree and cluster folder
    const steps = applySteps(trees(topology, inputs));
    // THEN
    expect([...steps.keys()].some((s) => s.startsWith('dist-crds/'))).toBe(true);
    expect(crdsBesideTheirResources(steps)).toEqual([]);
  });

  it.each(TOPOLOGIES)('%s: every custom resource of a cluster has its CRD in that cluster\'s dist-crds folder', (_name, topology, inputs) => {
    // GIVEN / WHEN
    const steps = applySteps(trees(topology, inputs));
    // THEN
    expect(resourcesWithoutTheirCrd(steps)).toEqual([]);
  });

  it('writes the primary\'s 50 CRDs and, in the example mesh, no CRD folder for the remotes', () => {
    // GIVEN the example mesh, whose remotes hold no custom resource
    const [crds] = trees(EXAMPLE, NO_INPUTS);
    // WHEN / THEN
    expect(crds.dir).toBe('dist-crds');
    expect(crds.files.map((f) => f.path)).toEqual(['primary/primary-crds.k8s.yaml']);
    expect(parseAllDocuments(crds.files[0].content).filter((doc) => doc.toJS().kind === 'CustomResourceDefinition')).toHaveLength(50);
  });

  it('gives each remote with mTLS the CRDs of its MeshPolicy and DestinationRules, and only those', () => {
    // GIVEN
    const steps = applySteps(trees(SECURE, SECURE_INPUTS));
    // WHEN / THEN
    for (const remote of ['remote-east', 'remote-west']) {
      expect(steps.get(`dist/${remote}`)!.filter(isCustomResource).map((o) => o.kind)).toEqual(['MeshPolicy', 'DestinationRule', 'DestinationRule']);
      expect(steps.get(`dist-crds/${remote}`)!.map((o) => o.metadata.name)).toEqual(['destinationrules.networking.istio.io', 'meshpolicies.authentication.istio.io']);
    }
  });

  it('gives the primary in gateway exposure the CRDs of its MeshPolicy, Gateway and VirtualService, in a step before dist/', () => {
    // GIVEN
    const output = trees(GATEWAY, NO_INPUTS);
    const steps = applySteps(output);
    // WHEN / THEN
    const kinds = steps.get('dist/primary')!.filter(isCustomResource).map((o) => o.kind);
    // (besides Mixer's DestinationRules and configuration, the control plane's own custom resources)
    expect(kinds).toEqual(expect.arrayContaining(['MeshPolicy', 'VirtualService']));
    // the exposure's Gateway beside Pilot's Kubernetes Ingress one
    expect(kinds.filter((kind) => kind === 'Gateway')).toHaveLength(2);
    const names = steps.get('dist-crds/primary')!.map((o) => o.metadata.name);
    expect(names).toEqual(expect.arrayContaining(['meshpolicies.authentication.istio.io', 'gateways.networking.istio.io', 'virtualservices.networking.istio.io']));
    expect(output.map((t) => t.dir).indexOf('dist-crds')).toBeLessThan(output.map((t) => t.dir).indexOf('dist'));
  });

  it('the checks notice a CRD moved into dist/ and a custom resource whose CRD is missing', () => {
    // GIVEN the gateway output with the Gateway CRD moved from dist-crds/primary into dist/primary
    const steps = applySteps(trees(GATEWAY, NO_INPUTS));
    const crds = steps.get('dist-crds/primary')!;
    const gatewayCrd = crds.find((o) => o.metadata.name === 'gateways.networking.istio.io');
    steps.set('dist-crds/primary', crds.filter((o) => o !== gatewayCrd));
    steps.get('dist/primary')!.push(gatewayCrd);
    // WHEN / THEN both checks report the Gateway
    expect(crdsBesideTheirResources(steps)).toEqual(['dist/primary: Gateway/istio-autogenerated-k8s-ingress', 'dist/primary: Gateway/istio-control-plane']);
    expect(resourcesWithoutTheirCrd(steps)).toEqual(['dist/primary: Gateway/istio-autogenerated-k8s-ingress', 'dist/primary: Gateway/istio-control-plane']);
  });
});

describe('meshOutputTrees guard', () => {
  it('fails when a remote named cacerts would put a second Secret istio-system/cacerts beside the CA, before anything is rendered', () => {
    // GIVEN the secure mesh with remote-east renamed to cacerts, past the topology rule that refuses the name
    const topology: MeshTopology = { ...SECURE, clusters: SECURE.clusters.map((c) => (c.name === 'remote-east' ? { ...c, name: 'cacerts' } : c)) };
    const inputs: MeshInputs = { kubeconfigs: new Map([['cacerts', '<kubeconfig>']]), caBundles: bundles(topology) };
    // WHEN its output is assembled
    const assemble = () => meshOutputTrees(buildMesh(topology, inputs), LAYOUT);
    // THEN the guard refuses it, naming the object and the folder
    expect(assemble).toThrow(DuplicateObjectError);
    expect(assemble).toThrow(/Secret istio-system\/cacerts twice in dist-secrets\/primary\//);
  });
});
