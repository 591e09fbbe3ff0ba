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
});
