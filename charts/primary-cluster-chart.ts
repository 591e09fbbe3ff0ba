import type { Construct } from 'constructs';
import { ControlPlaneGateway } from '../constructs/control-plane-gateway';
import { ControlPlaneLoadBalancers } from '../constructs/control-plane-load-balancers';
import { IstioControlPlane } from '../constructs/istio-control-plane';
import type { IstioValues } from '../istio/istio-values';
import type { MeshTopology, PrimaryClusterSpec } from '../topology/schema';
import { addNamespacesAndServices } from './namespaces-and-services';
import { ClusterChart } from './cluster-chart';

export interface PrimaryClusterChartProps {
  readonly topology: MeshTopology;
  readonly cluster: PrimaryClusterSpec;
  /** The istio chart values for the primary, merged (plan/primary-values.ts). */
  readonly values: IstioValues;
}

/**
 * Everything `kubectl apply -f dist/<primary>/` installs on the primary: the
 * control-plane namespace, Istio's control plane itself, the objects that
 * expose it to the remotes, and the mesh's services.
 */
export class PrimaryClusterChart extends ClusterChart {
  constructor(scope: Construct, id: string, props: PrimaryClusterChartProps) {
    super(scope, id);
    const { topology, cluster, values } = props;
    const namespace = topology.istio.namespace;
    const controlPlane = topology.controlPlane;
    addNamespacesAndServices(this, topology, cluster);
    new IstioControlPlane(this, 'IstioControlPlane', { namespace, values });
    if (controlPlane.exposure === 'loadBalancer') {
      new ControlPlaneLoadBalancers(this, 'ControlPlaneLoadBalancers', { namespace, ...controlPlane.loadBalancer });
    }
    if (controlPlane.exposure === 'gateway') {
      new ControlPlaneGateway(this, 'ControlPlaneGateway', { namespace, selector: controlPlane.gateway?.selector });
    }
  }
}
