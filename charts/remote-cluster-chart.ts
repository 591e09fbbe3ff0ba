import type { Construct } from 'constructs';
import type { IstioRemoteValues } from '../istio/istio-remote-values';
import { IstioRemote } from '../constructs/istio-remote';
import { RemoteControlPlaneServices } from '../constructs/remote-control-plane-services';
import type { MeshTopology, RemoteClusterSpec } from '../topology/schema';
import { addNamespacesAndServices } from './namespaces-and-services';
import { ClusterChart } from './cluster-chart';

export interface RemoteClusterChartProps {
  readonly topology: MeshTopology;
  readonly cluster: RemoteClusterSpec;
  /** The istio-remote chart values for this remote, merged. */
  readonly values: IstioRemoteValues;
}

/** Everything `kubectl apply -f dist/<remote>/` installs on a remote cluster. */
export class RemoteClusterChart extends ClusterChart {
  constructor(scope: Construct, id: string, props: RemoteClusterChartProps) {
    super(scope, id);
    const { topology, cluster, values } = props;
    const namespace = topology.istio.namespace;
    addNamespacesAndServices(this, topology, cluster);
    new IstioRemote(this, 'IstioRemote', { namespace, values });
    const gateway = topology.controlPlane.gateway;
    if (topology.controlPlane.exposure === 'gateway' && gateway) {
      new RemoteControlPlaneServices(this, 'ControlPlaneServices', { namespace, gatewayAddress: gateway.address });
    }
  }
}
