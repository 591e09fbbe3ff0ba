import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';

export interface ComponentAutoscalerProps {
  /** The Deployment it scales; the autoscaler takes the same name, as in the chart. */
  readonly deploymentName: string;
  readonly namespace: string;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /**
   * Percent of the pods' requested CPU the autoscaler aims at.
   * @default - no metrics: Kubernetes' own target, 80% of the requested CPU
   */
  readonly targetCpuUtilization?: number;
}

/**
 * The HorizontalPodAutoscaler the chart writes beside Pilot, Mixer and the
 * gateways, in `autoscaling/v2` (the chart's `v2beta1` is no longer served):
 * CPU utilization against the pods' requests.
 */
export class ComponentAutoscaler extends Construct {
  constructor(scope: Construct, id: string, props: ComponentAutoscalerProps) {
    super(scope, id);
    new k8s.KubeHorizontalPodAutoscalerV2(this, 'Resource', {
      metadata: { name: props.deploymentName, namespace: props.namespace },
      spec: {
        maxReplicas: props.maxReplicas,
        minReplicas: props.minReplicas,
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: props.deploymentName },
        metrics:
          props.targetCpuUtilization === undefined
            ? undefined
            : [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: props.targetCpuUtilization } } }],
      },
    });
  }
}
