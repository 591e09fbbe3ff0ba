import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { ISTIO_DEFAULTS, type IstioGlobalValues, type IstioValues } from '../istio/istio-values';
import { DEFAULT_ISTIO_NAMESPACE } from '../istio/namespace';
import { ClusterRoleAccount } from './cluster-role-account';
import { MixerComponent } from './mixer-component';
import { MixerConfig } from './mixer-config';

export interface MixerProps {
  /** @default 'istio-system' */
  readonly namespace?: string;
  /** The `istio` chart's `global` block. @default ISTIO_DEFAULTS.global */
  readonly global?: IstioGlobalValues;
  /** The `mixer` subchart's block. @default ISTIO_DEFAULTS.mixer */
  readonly mixer?: IstioValues['mixer'];
}

/**
 * Istio 1.0.7's mixer subchart: istio-policy and istio-telemetry with their
 * shared account, the ConfigMap of the statsd-to-Prometheus bridge, and the
 * default mixer configuration. Written whenever `mixer.enabled`, which is the
 * caller's decision (the chart's requirements condition).
 */
export class Mixer extends Construct {
  static readonly SERVICE_ACCOUNT = 'istio-mixer-service-account';

  constructor(scope: Construct, id: string, props: MixerProps = {}) {
    super(scope, id);
    const namespace = props.namespace ?? DEFAULT_ISTIO_NAMESPACE;
    const global = props.global ?? ISTIO_DEFAULTS.global;
    const mixer = props.mixer ?? ISTIO_DEFAULTS.mixer;

    new ClusterRoleAccount(this, 'Account', {
      serviceAccountName: Mixer.SERVICE_ACCOUNT,
      namespace,
      roleName: `istio-mixer-${namespace}`,
      bindingName: `istio-mixer-admin-role-binding-${namespace}`,
      labels: { app: 'mixer' },
      imagePullSecrets: global.imagePullSecrets,
      rules: [
        // Mixer's configuration store and the RBAC adapter watch Istio's own kinds.
        { apiGroups: ['config.istio.io'], resources: ['*'], verbs: ['create', 'get', 'list', 'watch', 'patch'] },
        { apiGroups: ['rbac.istio.io'], resources: ['*'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: ['get', 'list', 'watch'] },
        // The kubernetesenv adapter resolves IPs to pods, their owners and services.
        {
          apiGroups: [''],
          resources: ['configmaps', 'endpoints', 'pods', 'services', 'namespaces', 'secrets', 'replicationcontrollers'],
          verbs: ['get', 'list', 'watch'],
        },
        { apiGroups: ['extensions'], resources: ['replicasets'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['apps'], resources: ['replicasets'], verbs: ['get', 'list', 'watch'] },
      ],
    });

    // 1.0.7 ships the bridge's ConfigMap with an empty mapping and no bridge Deployment to read it.
    new k8s.KubeConfigMap(this, 'StatsdPromBridge', {
      metadata: { name: 'istio-statsd-prom-bridge', namespace, labels: { app: 'istio-statsd-prom-bridge', istio: 'mixer' } },
      data: { 'mapping.conf': '' },
    });

    for (const type of ['policy', 'telemetry'] as const) {
      new MixerComponent(this, type, { type, namespace, global, mixer, serviceAccountName: Mixer.SERVICE_ACCOUNT });
    }
    new MixerConfig(this, 'Config', { namespace });
  }
}
