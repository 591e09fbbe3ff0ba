import { ComponentAutoscaler } from '../../constructs';
import { objectOf, synthChart } from '../support/synth-chart';
import { validateAgainstK8s } from '../support/validate-k8s';

describe('ComponentAutoscaler', () => {
  test('emits an autoscaling/v2 HorizontalPodAutoscaler on the Deployment of the same name', () => {
    // GIVEN / WHEN
    const objects = synthChart(
      (chart) =>
        new ComponentAutoscaler(chart, 'hpa', { deploymentName: 'istio-pilot', namespace: 'mesh', minReplicas: 2, maxReplicas: 7, targetCpuUtilization: 65 }),
    );
    // THEN
    expect(objects).toMatchSnapshot();
    validateAgainstK8s(objects);
    const hpa = objectOf(objects, 'HorizontalPodAutoscaler', 'istio-pilot');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.metadata.namespace).toBe('mesh');
    expect(hpa.spec).toEqual({
      minReplicas: 2,
      maxReplicas: 7,
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'istio-pilot' },
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 65 } } }],
    });
  });

  test('leaves the metrics to Kubernetes when no CPU target is given', () => {
    // GIVEN no targetCpuUtilization, as a gateway without `cpu` has
    // WHEN
    const objects = synthChart((chart) => new ComponentAutoscaler(chart, 'hpa', { deploymentName: 'custom-gateway', namespace: 'mesh', minReplicas: 1, maxReplicas: 5 }));
    // THEN the autoscaler is valid and takes autoscaling/v2's default, 80% CPU
    validateAgainstK8s(objects);
    const hpa = objectOf(objects, 'HorizontalPodAutoscaler', 'custom-gateway');
    expect(hpa.spec.metrics).toBeUndefined();
    expect(hpa.spec).toMatchObject({ minReplicas: 1, maxReplicas: 5 });
  });
});
