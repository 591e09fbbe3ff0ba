import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { DEFAULT_ISTIO_NAMESPACE } from '../istio/namespace';

export interface MeshMtlsPolicyProps {
  /** Namespace of the DestinationRules (the control-plane namespace). @default 'istio-system' */
  readonly namespace?: string;
  /**
   * Servers accept plain text beside mTLS, and clients keep plain text: the
   * `istio` chart's policy without `global.mtls.enabled`. @default false
   */
  readonly permissive?: boolean;
}

/** `MeshPolicy` of Istio 1.0's `authentication.istio.io/v1alpha1`, cluster-scoped. `mtls: {}` is STRICT. */
interface MeshPolicySpec {
  readonly peers: readonly { readonly mtls: Record<string, never> | { readonly mode: 'PERMISSIVE' } }[];
}

/** The part of a `networking.istio.io/v1alpha3` DestinationRule used here. */
interface DestinationRuleSpec {
  readonly host: string;
  readonly trafficPolicy: { readonly tls: { readonly mode: 'DISABLE' | 'ISTIO_MUTUAL' } };
}

const LABELS = { app: 'istio-security' };

/**
 * Mesh-wide mutual TLS: the `default` MeshPolicy makes servers require mTLS,
 * the `default` DestinationRule makes clients use it for every `*.local`
 * host, and `api-server` exempts the Kubernetes API, which has no sidecar.
 * Permissive, only the MeshPolicy, which accepts both. (The `istio` chart
 * applied these from a post-install Job; static YAML holds them themselves.)
 * The charts left the DestinationRules without a namespace, so they landed in
 * whatever namespace kubectl pointed at (and were deleted with it); here they
 * sit in the control-plane namespace. Istio 1.0 applies a DestinationRule
 * mesh-wide whatever its namespace, so only the place changes.
 */
export class MeshMtlsPolicy extends Construct {
  constructor(scope: Construct, id: string, props: MeshMtlsPolicyProps = {}) {
    super(scope, id);
    const namespace = props.namespace ?? DEFAULT_ISTIO_NAMESPACE;

    const policy: MeshPolicySpec = { peers: [{ mtls: props.permissive ? { mode: 'PERMISSIVE' } : {} }] };
    new ApiObject(this, 'MeshPolicy', {
      apiVersion: 'authentication.istio.io/v1alpha1',
      kind: 'MeshPolicy',
      metadata: { name: 'default', labels: LABELS },
      spec: policy,
    });

    if (props.permissive) {
      return;
    }
    const rules: Record<string, DestinationRuleSpec> = {
      default: { host: '*.local', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } },
      'api-server': { host: 'kubernetes.default.svc.cluster.local', trafficPolicy: { tls: { mode: 'DISABLE' } } },
    };
    for (const [name, spec] of Object.entries(rules)) {
      new ApiObject(this, `DestinationRule-${name}`, {
        apiVersion: 'networking.istio.io/v1alpha3',
        kind: 'DestinationRule',
        metadata: { name, namespace, labels: LABELS },
        spec,
      });
    }
  }
}
