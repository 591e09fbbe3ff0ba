import { Construct } from 'constructs';
import { MIXER_CONFIG_API_VERSION, mixerConfigResources } from '../istio/mixer-config';
import { IstioCustomResource } from './istio-custom-resource';

export interface MixerConfigProps {
  /** The control-plane namespace, which Mixer reads its default configuration from (`--configDefaultNamespace`). */
  readonly namespace: string;
}

/**
 * Mixer's default configuration, as the mixer subchart installs it
 * (istio/mixer-config.ts): the attributes Envoy and Kubernetes supply, access
 * logs to stdout, the Prometheus metrics Grafana's dashboards read, and the
 * kubernetesenv adapter that names the workloads behind each IP.
 */
export class MixerConfig extends Construct {
  constructor(scope: Construct, id: string, props: MixerConfigProps) {
    super(scope, id);
    for (const resource of mixerConfigResources(props.namespace)) {
      new IstioCustomResource(this, `${resource.kind}-${resource.name}`, {
        apiVersion: MIXER_CONFIG_API_VERSION,
        kind: resource.kind,
        name: resource.name,
        namespace: props.namespace,
        spec: resource.spec,
      });
    }
  }
}
