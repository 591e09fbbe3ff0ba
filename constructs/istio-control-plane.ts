import { Construct } from 'constructs';
import { describeFinding, formatPath } from '../lib/finding';
import { DEFAULT_ISTIO_NAMESPACE } from '../istio/namespace';
import { errorsOf } from '../istio/global-values-rules';
import { IstioValues } from '../istio/istio-values';
import { checkIstioValues, enabledGateways } from '../istio/istio-values-rules';
import { chartName } from '../lib/helm-values';
import { Citadel } from './citadel';
import { Mixer } from './mixer';
import { GatewayDeployment } from './gateway-deployment';
import { Galley } from './galley';
import { IstioMeshConfig, primaryMeshConfig } from './istio-mesh-config';
import { MeshMtlsPolicy } from './mesh-mtls-policy';
import { Pilot } from './pilot';
import { Prometheus } from './prometheus';
import { SidecarInjector } from './sidecar-injector';
import { SidecarInjectorConfig } from './sidecar-injector-config';
import { Tracing } from './tracing';

export interface IstioControlPlaneProps {
  /** The control-plane namespace (Helm's `--namespace`). @default 'istio-system' */
  readonly namespace?: string;
  /** Values already merged over the chart's defaults: see `mergeIstioValues`. */
  readonly values: IstioValues;
}

/**
 * What Istio 1.0.7's `istio` chart installs on the primary cluster, outside
 * its hooks, with the chart's conditionals: one construct per subchart. Its
 * objects carry their namespaces themselves: put it in a chart that sets none,
 * or cdk8s would stamp a namespace on the cluster-scoped ones too. The CRDs
 * are a separate apply step (ClusterCrdsChart), and the post-delete hook a
 * separate uninstall set.
 */
export class IstioControlPlane extends Construct {
  constructor(scope: Construct, id: string, props: IstioControlPlaneProps) {
    super(scope, id);
    const namespace = props.namespace ?? DEFAULT_ISTIO_NAMESPACE;
    const { values } = props;
    const errors = errorsOf(checkIstioValues(values));
    if (errors.length > 0) {
      throw new Error(`invalid istio values:\n${errors.map((f) => `  ${formatPath(f.path)}: ${describeFinding(f)}`).join('\n')}`);
    }
    const global = values.global;
    const app = chartName('istio', values.nameOverride);

    new IstioMeshConfig(this, 'MeshConfig', { namespace, app, meshConfig: primaryMeshConfig(global, values.mixer.enabled, namespace) });
    // Written with the webhook off too, for manual injection, unless the user brings their own.
    if (!global.omitSidecarInjectorConfigMap) {
      new SidecarInjectorConfig(this, 'SidecarInjectorConfig', { namespace, global, app, injection: { chart: 'istio', proxy: global.proxy } });
    }
    // The chart's requirements install `security` unless it is turned off.
    if (values.security.enabled !== false) {
      // Certificates that also name Pilot's and the ingress gateway's Services, which
      // sidecars (and remotes, through the gateway) dial by name under control-plane mTLS.
      const customDnsNames = { 'istio-pilot-service-account': 'istio-pilot', 'istio-ingressgateway-service-account': 'istio-ingressgateway' };
      new Citadel(this, 'Citadel', { namespace, global, security: values.security, customDnsNames });
      // The post-install hook's MeshPolicy (and DestinationRules), as objects of their own.
      new MeshMtlsPolicy(this, 'MeshMtlsPolicy', { namespace, permissive: !global.mtls.enabled });
    }
    if (values.mixer.enabled) {
      new Mixer(this, 'Mixer', { namespace, global, mixer: values.mixer });
    }
    if (values.pilot.enabled) {
      new Pilot(this, 'Pilot', { namespace, global, pilot: values.pilot });
    }
    if (values.sidecarInjectorWebhook.enabled) {
      new SidecarInjector(this, 'SidecarInjector', { namespace, global, sidecarInjectorWebhook: values.sidecarInjectorWebhook });
    }
    for (const [name, gateway] of enabledGateways(values)) {
      new GatewayDeployment(this, `Gateway-${name}`, { name, namespace, gateway, global });
    }
    if (values.galley.enabled) {
      new Galley(this, 'Galley', { namespace, global, galley: values.galley });
    }
    if (values.prometheus.enabled) {
      new Prometheus(this, 'Prometheus', { namespace, global, prometheus: values.prometheus });
    }
    if (values.tracing.enabled) {
      new Tracing(this, 'Tracing', { namespace, global, tracing: values.tracing });
    }
  }
}
