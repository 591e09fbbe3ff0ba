import type { Construct } from 'constructs';
import { ControlPlaneGateway } from '../constructs/control-plane-gateway';
import { ControlPlaneLoadBalancers } from '../constructs/control-plane-load-balancers';
import type { MeshTopology, PrimaryClusterSpec } from '../topology/schema';
import { addNamespacesAndServices } from './namespaces-and-services';
import { ClusterChart } from './cluster-chart';

export interface PrimaryClusterChartProps {
  readonly topology: MeshTopology;
  readonly cluster: PrimaryClusterSpec;
}

/**
 * What `kubectl apply -f dist/<primary>/` adds on the primary beside the main
 * istio chart: the control-plane namespace, the objects that expose the
 * control plane to the remotes, and the mesh's services.
 */
export class PrimaryClusterChart extends ClusterChart {
  constructor(scope: Construct, id: string, props: PrimaryClusterChartProps) {
    super(scope, id);
    const { topology, cluster } = props;
    const namespace = topology.istio.namespace;
    const controlPlane = topology.controlPlane;
    addNamespacesAndServices(this, topology, cluster);
    if (controlPlane.exposure === 'loadBalancer') {
      new ControlPlaneLoadBalancers(this, 'ControlPlaneLoadBalancers', { namespace, ...controlPlane.loadBalancer });
    }
    if (controlPlane.exposure === 'gateway') {
      new ControlPlaneGateway(this, 'ControlPlaneGateway', { namespace, selector: controlPlane.gateway?.selector });
    }
  }
}
