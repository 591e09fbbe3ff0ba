import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { istioCrdFor } from '../istio/crds';

export interface IstioCustomResourceProps {
  /** `<group>/<version>`, for example `config.istio.io/v1alpha2`. */
  readonly apiVersion: string;
  /** The CRD's kind, as Istio spells it (`rule`, `attributemanifest`, `DestinationRule`). */
  readonly kind: string;
  readonly name: string;
  /** Required for a namespaced kind, refused for a cluster-scoped one. */
  readonly namespace?: string;
  /** The spec as Istio reads it; `null` writes `spec: null`, as a chart whose spec holds only comments renders. */
  readonly spec: Readonly<Record<string, unknown>> | null;
}

/**
 * Any Istio 1.0.7 custom resource whose spec is plain data: the mixer
 * configuration kinds (handlers, instances, rules, attribute manifests) and
 * DestinationRules, one construct rather than one per kind. The kind must be
 * one that a CRD of istio/crds.ts serves, in its scope, so that nothing is
 * written that `kubectl apply` would refuse after the CRD step.
 */
export class IstioCustomResource extends Construct {
  constructor(scope: Construct, id: string, props: IstioCustomResourceProps) {
    super(scope, id);
    const crd = istioCrdFor(props.apiVersion, props.kind);
    const what = `${props.apiVersion} ${props.kind} ${props.namespace ?? '-'}/${props.name}`;
    if (crd === undefined) {
      throw new Error(`${what}: no Istio 1.0.7 CRD serves this kind at this version: use a kind and apiVersion of istio/crds.ts`);
    }
    if ((crd.scope === 'Namespaced') !== (props.namespace !== undefined)) {
      throw new Error(
        crd.scope === 'Namespaced' ? `${what}: ${props.kind} is namespaced: give it a namespace` : `${what}: ${props.kind} is cluster-scoped: give it no namespace`,
      );
    }
    const body = {
      apiVersion: props.apiVersion,
      kind: props.kind,
      metadata: { name: props.name, namespace: props.namespace },
      spec: props.spec ?? undefined,
    };
    if (props.spec === null) {
      new NullSpecApiObject(this, 'Resource', body);
    } else {
      new ApiObject(this, 'Resource', body);
    }
  }
}

/** cdk8s drops null fields when it renders; this object keeps its `spec: null`. */
class NullSpecApiObject extends ApiObject {
  public override toJson(): any {
    return { ...super.toJson(), spec: null };
  }
}
