import { Construct } from 'constructs';
import { describeFinding, formatPath } from '../lib/finding';
import { isDns1123Label } from '../lib/net';
import { Citadel } from './citadel';
import { chartName } from '../lib/helm-values';
import { DEFAULT_ISTIO_NAMESPACE } from '../istio/namespace';
import { IstioMeshConfig, remoteMeshConfig } from './istio-mesh-config';
import { IstioMultiReader } from './istio-multi-reader';
import { IstioRemoteValues } from '../istio/istio-remote-values';
import { errorsOf } from '../istio/global-values-rules';
import { checkIstioRemoteValues } from '../istio/istio-remote-values-rules';
import { MeshMtlsPolicy } from './mesh-mtls-policy';
import { PilotSelectorlessService } from './pilot-selectorless-service';
import { SidecarInjector } from './sidecar-injector';
import { SidecarInjectorConfig } from './sidecar-injector-config';

export interface IstioRemoteProps {
  /** The control-plane namespace (Helm's `--namespace`). @default 'istio-system' */
  readonly namespace?: string;
  /** Values already merged over the chart's defaults: see `mergeIstioRemoteValues`. */
  readonly values: IstioRemoteValues;
}

/**
 * What Istio 1.0.7's `istio-remote` chart installs on a remote cluster,
 * outside its hooks, with the chart's conditionals. Its objects carry their
 * namespaces themselves: put it in a chart that sets none, or cdk8s would
 * stamp a namespace on the cluster-scoped ones too.
 * The chart's post-delete hook is a separate set: `IstioCleanupSecrets`, in
 * its own chart (ClusterUninstallChart).
 */
export class IstioRemote extends Construct {
  constructor(scope: Construct, id: string, props: IstioRemoteProps) {
    super(scope, id);
    const namespace = checkNamespace(props.namespace);
    const { values } = props;
    const errors = errorsOf(checkIstioRemoteValues(values));
    if (errors.length > 0) {
      throw new Error(
        `invalid istio-remote values:\n${errors.map((f) => `  ${formatPath(f.path)}: ${describeFinding(f)}`).join('\n')}`,
      );
    }
    const global = values.global;

    new IstioMultiReader(this, 'IstioMultiReader', { namespace });
    const app = chartName('istio-remote', values.nameOverride);
    new IstioMeshConfig(this, 'MeshConfig', { namespace, app, meshConfig: remoteMeshConfig(global, namespace) });
    // Emitted with the webhook off too, since manual injection (`istioctl kube-inject`) reads
    // it; left out only when the user brings their own.
    if (!global.omitSidecarInjectorConfigMap) {
      new SidecarInjectorConfig(this, 'SidecarInjectorConfig', {
        namespace,
        global,
        app,
        injection: { chart: 'istio-remote', zipkinAddress: global.zipkinAddress },
      });
    }
    new Citadel(this, 'Citadel', { namespace, global, security: values.security });
    if (values.sidecarInjectorWebhook.enabled) {
      new SidecarInjector(this, 'SidecarInjector', { namespace, global, sidecarInjectorWebhook: values.sidecarInjectorWebhook });
    }
    if (global.mtls.enabled) {
      new MeshMtlsPolicy(this, 'MeshMtlsPolicy', { namespace });
    }
    if (global.remotePilotCreateSvcEndpoint) {
      new PilotSelectorlessService(this, 'PilotSelectorlessService', { namespace, remotePilotAddress: global.remotePilotAddress });
    }
  }
}

function checkNamespace(namespace: string | undefined): string {
  const resolved = namespace ?? DEFAULT_ISTIO_NAMESPACE;
  if (!isDns1123Label(resolved)) {
    throw new Error(
      `namespace ${JSON.stringify(resolved)} is not a DNS-1123 label (lowercase letters, digits and '-', at most 63 characters): ` +
        `use, for example, "${DEFAULT_ISTIO_NAMESPACE}"`,
    );
  }
  return resolved;
}
