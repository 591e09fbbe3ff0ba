import { Construct } from 'constructs';
import { KubeCustomResourceDefinition } from '../imports/k8s';
import { crdName, type IstioCrd } from '../istio/crds';
import { DNS1035_ALLOWED, isDns1035Label } from '../lib/dns-1035';
import { isDnsName } from '../lib/net';

/** One of Istio's CRDs, as `istio/crds.ts` describes it. */
export type IstioCustomResourceDefinitionProps = IstioCrd;

/**
 * An Istio CustomResourceDefinition in `apiextensions.k8s.io/v1`, the only
 * version Kubernetes 1.27 serves. The chart's `v1beta1` CRD had one
 * `spec.version` and no schema; `v1` lists its versions, each with a
 * structural schema. Istio 1.0 validates its resources itself (Galley, Pilot),
 * so the schema only says "an object, keep every field": without
 * `x-kubernetes-preserve-unknown-fields` the API server would prune the whole
 * spec.
 */
export class IstioCustomResourceDefinition extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: IstioCustomResourceDefinitionProps) {
    super(scope, id);
    this.name = crdName(props);
    checkNames(this.name, props);
    new KubeCustomResourceDefinition(this, 'Resource', {
      metadata: { name: this.name, labels: props.labels && { ...props.labels } },
      spec: {
        group: props.group,
        names: {
          kind: props.kind,
          listKind: props.listKind,
          plural: props.plural,
          singular: props.singular,
          categories: props.categories && [...props.categories],
        },
        scope: props.scope,
        versions: [
          {
            name: props.version,
            served: true,
            storage: true,
            schema: { openApiv3Schema: { type: 'object', xKubernetesPreserveUnknownFields: true } },
          },
        ],
      },
    });
  }
}

/**
 * The API server's own checks of a CRD's names, which its OpenAPI schema
 * (and so a schema validation of the output) does not express: a CRD that
 * fails them is refused at apply time, after everything before it was applied.
 */
function checkNames(name: string, crd: IstioCrd): void {
  const labels: [string, string | undefined][] = [
    ['spec.names.plural', crd.plural],
    ['spec.names.singular', crd.singular],
    ['spec.names.kind (lower-cased)', crd.kind.toLowerCase()],
    ['spec.names.listKind (lower-cased)', crd.listKind?.toLowerCase()],
    ...(crd.categories ?? []).map((c, i): [string, string] => [`spec.names.categories[${i}]`, c]),
    ['spec.versions[0].name', crd.version],
  ];
  for (const [field, value] of labels) {
    if (value !== undefined && !isDns1035Label(value)) {
      throw new Error(
        `CustomResourceDefinition ${name}: ${field} ${JSON.stringify(value)} is not a DNS-1035 label (allowed: ${DNS1035_ALLOWED}): Kubernetes refuses the CRD; fix its entry in istio/crds.ts`,
      );
    }
  }
  if (!crd.group.includes('.') || !isDnsName(crd.group)) {
    throw new Error(
      `CustomResourceDefinition ${name}: spec.group ${JSON.stringify(crd.group)} is not a DNS subdomain with at least one dot, as Kubernetes requires of a custom API group (for example "networking.istio.io"); fix its entry in istio/crds.ts`,
    );
  }
  if (crd.listKind !== undefined && crd.listKind === crd.kind) {
    throw new Error(
      `CustomResourceDefinition ${name}: spec.names.listKind ${JSON.stringify(crd.listKind)} equals the kind, which Kubernetes refuses; use ${JSON.stringify(`${crd.kind}List`)}`,
    );
  }
}
