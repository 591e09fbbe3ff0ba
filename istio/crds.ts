/**
 * The 50 CustomResourceDefinitions of Istio 1.0.7's `istio` chart
 * (`templates/crds.yaml`), as facts: group, version, names, scope, and the
 * labels the chart puts on them. Order is the chart's. The chart renders the
 * networking ones with `pilot.enabled`, the authentication ones with
 * `security.enabled`, and the rest with `mixer.enabled`; Pilot and Mixer
 * watch all of them.
 */

export type IstioCrdScope = 'Namespaced' | 'Cluster';

export interface IstioCrd {
  /** API group, for example `networking.istio.io`. */
  readonly group: string;
  /** The one version the chart serves, `spec.version` of its v1beta1 CRD. */
  readonly version: string;
  readonly kind: string;
  /** Set only where the chart sets it; Kubernetes defaults it to `<kind>List` otherwise. */
  readonly listKind?: string;
  readonly plural: string;
  readonly singular: string;
  readonly scope: IstioCrdScope;
  /** `kubectl get istio-io` and the like; the chart gives redisquota none. */
  readonly categories?: readonly string[];
  /** The chart's labels, without Helm's own (`chart`, `heritage`, `release`). */
  readonly labels?: Readonly<Record<string, string>>;
}

/** What a family of CRDs shares in the chart. */
type Family = Pick<IstioCrd, 'group' | 'version' | 'categories' | 'labels'>;

interface Member {
  readonly kind: string;
  readonly plural: string;
  readonly scope?: IstioCrdScope;
  /** The chart sets `listKind` on four CRDs only. */
  readonly listKind?: boolean;
  readonly labels?: Readonly<Record<string, string>>;
  /** Replaces the family's categories; `null` for none. */
  readonly categories?: readonly string[] | null;
}

// The chart's singular is its kind in lower case, for all 50.
function family(shared: Family, members: readonly Member[]): IstioCrd[] {
  return members.map((m) => {
    const categories = m.categories === null ? undefined : (m.categories ?? shared.categories);
    const labels = m.labels ?? shared.labels;
    return {
      group: shared.group,
      version: shared.version,
      kind: m.kind,
      ...(m.listKind && { listKind: `${m.kind}List` }),
      plural: m.plural,
      singular: m.kind.toLowerCase(),
      scope: m.scope ?? 'Namespaced',
      ...(categories && { categories }),
      ...(labels && { labels }),
    };
  });
}

const MIXER_CATEGORIES = ['istio-io', 'policy-istio-io'];

/** Mixer's own CRDs carry `app: mixer`, the Go package that reads them, and what they are to Mixer. */
function mixer(istio: string, members: readonly (readonly [kind: string, plural: string, pkg?: string])[]): IstioCrd[] {
  return family(
    { group: 'config.istio.io', version: 'v1alpha2', categories: MIXER_CATEGORIES },
    members.map(([kind, plural, pkg]) => ({ kind, plural, labels: { app: 'mixer', package: pkg ?? kind, istio } })),
  );
}

export const ISTIO_CRDS: readonly IstioCrd[] = [
  ...family({ group: 'networking.istio.io', version: 'v1alpha3', categories: ['istio-io', 'networking-istio-io'], labels: { app: 'istio-pilot' } }, [
    { kind: 'VirtualService', plural: 'virtualservices', listKind: true },
    { kind: 'DestinationRule', plural: 'destinationrules', listKind: true },
    { kind: 'ServiceEntry', plural: 'serviceentries', listKind: true },
    { kind: 'Gateway', plural: 'gateways' },
    { kind: 'EnvoyFilter', plural: 'envoyfilters' },
  ]),
  ...family({ group: 'authentication.istio.io', version: 'v1alpha1', categories: ['istio-io', 'authentication-istio-io'] }, [
    { kind: 'Policy', plural: 'policies' },
    { kind: 'MeshPolicy', plural: 'meshpolicies', scope: 'Cluster', listKind: true },
  ]),
  ...family({ group: 'config.istio.io', version: 'v1alpha2', categories: ['istio-io', 'apim-istio-io'] }, [
    { kind: 'HTTPAPISpecBinding', plural: 'httpapispecbindings' },
    { kind: 'HTTPAPISpec', plural: 'httpapispecs' },
    { kind: 'QuotaSpecBinding', plural: 'quotaspecbindings' },
    { kind: 'QuotaSpec', plural: 'quotaspecs' },
  ]),
  ...mixer('core', [
    ['rule', 'rules', 'istio.io.mixer'],
    ['attributemanifest', 'attributemanifests', 'istio.io.mixer'],
  ]),
  ...mixer('mixer-adapter', [
    ['bypass', 'bypasses'],
    ['circonus', 'circonuses'],
    ['denier', 'deniers'],
    ['fluentd', 'fluentds'],
    ['kubernetesenv', 'kubernetesenvs'],
    ['listchecker', 'listcheckers'],
    ['memquota', 'memquotas'],
    ['noop', 'noops'],
    ['opa', 'opas'],
    ['prometheus', 'prometheuses'],
    ['rbac', 'rbacs'],
  ]),
  // The chart gives redisquota neither `app: mixer` nor categories.
  ...family({ group: 'config.istio.io', version: 'v1alpha2' }, [
    { kind: 'redisquota', plural: 'redisquotas', labels: { package: 'redisquota', istio: 'mixer-adapter' } },
  ]),
  ...mixer('mixer-adapter', [
    ['servicecontrol', 'servicecontrols'],
    ['signalfx', 'signalfxs'],
    ['solarwinds', 'solarwindses'],
    ['stackdriver', 'stackdrivers'],
    ['statsd', 'statsds'],
    ['stdio', 'stdios'],
  ]),
  ...mixer('mixer-instance', [
    ['apikey', 'apikeys'],
    ['authorization', 'authorizations'],
    ['checknothing', 'checknothings'],
    ['kubernetes', 'kuberneteses', 'adapter.template.kubernetes'],
    ['listentry', 'listentries'],
    ['logentry', 'logentries'],
    ['edge', 'edges'],
    ['metric', 'metrics'],
    ['quota', 'quotas'],
    ['reportnothing', 'reportnothings'],
    ['servicecontrolreport', 'servicecontrolreports'],
    ['tracespan', 'tracespans'],
  ]),
  ...family(
    { group: 'rbac.istio.io', version: 'v1alpha1', categories: ['istio-io', 'rbac-istio-io'], labels: { app: 'mixer', package: 'istio.io.mixer', istio: 'rbac' } },
    [
      { kind: 'RbacConfig', plural: 'rbacconfigs' },
      { kind: 'ServiceRole', plural: 'serviceroles' },
      { kind: 'ServiceRoleBinding', plural: 'servicerolebindings' },
    ],
  ),
  ...mixer('mixer-adapter', [['adapter', 'adapters']]),
  ...mixer('mixer-instance', [['instance', 'instances']]),
  ...mixer('mixer-template', [['template', 'templates']]),
  ...mixer('mixer-handler', [['handler', 'handlers']]),
];

/** `metadata.name` of a CRD, which Kubernetes requires to be `<plural>.<group>`. */
export function crdName(crd: IstioCrd): string {
  return `${crd.plural}.${crd.group}`;
}

/** Every Istio API group ends so; the project emits no other custom resources. */
const ISTIO_GROUP_SUFFIX = '.istio.io';

/** Whether objects of this `apiVersion` are Istio custom resources, which need a CRD to be applied. */
export function isIstioApiVersion(apiVersion: string): boolean {
  const slash = apiVersion.indexOf('/');
  return slash !== -1 && apiVersion.slice(0, slash).endsWith(ISTIO_GROUP_SUFFIX);
}

/**
 * The CRD that serves objects of `apiVersion` and `kind`, or undefined when
 * Istio 1.0.7 defines none: an unknown kind, or a version the CRD does not serve.
 */
export function istioCrdFor(apiVersion: string, kind: string): IstioCrd | undefined {
  return ISTIO_CRDS.find((crd) => `${crd.group}/${crd.version}` === apiVersion && crd.kind === kind);
}
