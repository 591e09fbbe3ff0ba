import { checkDistinctObjects, DuplicateObjectError } from '../../output/object-identities';
import type { ManifestObject } from '../../output/render';

const object = (apiVersion: string, kind: string, name: string, namespace?: string): ManifestObject => ({
  apiVersion,
  kind,
  metadata: { name, ...(namespace !== undefined && { namespace }) },
});
const NAMESPACE = object('v1', 'Namespace', 'istio-system');
const CACERTS = object('v1', 'Secret', 'cacerts', 'istio-system');
const folderName = (folder: string) => ({ crds: 'dist-crds', apply: 'dist', secrets: 'dist-secrets', uninstall: 'dist-uninstall' })[folder] ?? folder;

/** The guard's message for `folders`, or undefined when it accepts them. */
function refusal(folders: Parameters<typeof checkDistinctObjects>[1]): string | undefined {
  try {
    checkDistinctObjects('primary', folders, folderName);
  } catch (err) {
    expect(err).toBeInstanceOf(DuplicateObjectError);
    return (err as Error).message;
  }
  return undefined;
}

describe('checkDistinctObjects', () => {
  it('accepts objects that differ in API group, kind, namespace or name', () => {
    expect(
      refusal({
        apply: [
          NAMESPACE,
          CACERTS,
          object('v1', 'Secret', 'cacerts', 'bookinfo'),
          object('v1', 'ConfigMap', 'cacerts', 'istio-system'),
          object('v1', 'Service', 'istio-pilot', 'istio-system'),
          object('networking.istio.io/v1alpha3', 'Gateway', 'istio-pilot', 'istio-system'),
        ],
      }),
    ).toBeUndefined();
  });

  it('accepts the install set and the uninstall set sharing an identity: one is deleted before the other is applied', () => {
    expect(refusal({ apply: [NAMESPACE], uninstall: [NAMESPACE] })).toBeUndefined();
  });

  it('fails when one folder holds an object twice (a remote named cacerts beside the CA Secret)', () => {
    expect(refusal({ apply: [NAMESPACE], secrets: [CACERTS, CACERTS] })).toBe(
      'the output of cluster primary holds an object of the same API group, kind, namespace and name: Secret istio-system/cacerts twice in dist-secrets/primary/; ' +
        'applying it would keep only one of each, silently. Rename what the topology names after it; if the topology names none, this is a bug in synth',
    );
  });

  it.each([
    ['apply', 'secrets'],
    ['crds', 'apply'],
    ['crds', 'uninstall'],
    ['secrets', 'uninstall'],
  ] as const)('fails when %s and %s, applied side by side, share an identity', (first, second) => {
    expect(refusal({ [first]: [CACERTS], [second]: [CACERTS] })).toMatch(
      new RegExp(`: Secret istio-system/cacerts in ${folderName(first)}/primary/ and ${folderName(second)}/primary/; `),
    );
  });

  it('tells API groups apart and names cluster-scoped objects without a namespace', () => {
    const crd = object('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'gateways.networking.istio.io');
    expect(refusal({ crds: [crd], uninstall: [crd] })).toMatch(/: CustomResourceDefinition\.apiextensions\.k8s\.io gateways\.networking\.istio\.io in dist-crds\/primary\/ and dist-uninstall\/primary\/; /);
    expect(refusal({ crds: [crd], apply: [object('apiextensions.k8s.io/v1beta1', 'CustomResourceDefinition', 'gateways.networking.istio.io')] })).toBeDefined();
  });

  it('reports every clash, a repeat in the uninstall set included', () => {
    const message = refusal({ apply: [NAMESPACE, CACERTS], secrets: [CACERTS], uninstall: [NAMESPACE, NAMESPACE, CACERTS] });
    expect(message).toMatch(/holds objects of the same/);
    expect(message).toMatch(/Secret istio-system\/cacerts in dist\/primary\/ and dist-secrets\/primary\/; Namespace istio-system twice in dist-uninstall\/primary\/; Secret istio-system\/cacerts in dist-secrets\/primary\/ and dist-uninstall\/primary\//);
  });
});
