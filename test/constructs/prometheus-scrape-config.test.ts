import { parse } from 'yaml';
import { prometheusScrapeConfig } from '../../constructs/prometheus-scrape-config';

describe('prometheusScrapeConfig', () => {
  test("is the chart's file: every job it scrapes, every 15 s by default", () => {
    // GIVEN / WHEN
    const text = prometheusScrapeConfig('istio-system');
    // THEN
    expect(text).toMatchSnapshot();
    const config = parse(text);
    expect(config.global).toEqual({ scrape_interval: '15s' });
    expect(config.scrape_configs.map((job: any) => job.job_name)).toEqual([
      'istio-mesh',
      'envoy-stats',
      'istio-policy',
      'istio-telemetry',
      'pilot',
      'galley',
      'kubernetes-apiservers',
      'kubernetes-nodes',
      'kubernetes-cadvisor',
      'kubernetes-service-endpoints',
      'kubernetes-pods',
      'kubernetes-pods-istio-secure',
    ]);
  });

  test('keeps the relabelling text Prometheus expands itself', () => {
    const config = parse(prometheusScrapeConfig('istio-system'));
    const nodes = config.scrape_configs.find((job: any) => job.job_name === 'kubernetes-nodes');
    expect(nodes.relabel_configs[2].replacement).toBe('/api/v1/nodes/${1}/proxy/metrics');
    const envoy = config.scrape_configs.find((job: any) => job.job_name === 'envoy-stats');
    expect(envoy.relabel_configs[1]).toMatchObject({ regex: '([^:]+)(?::\\d+)?;(\\d+)', replacement: '$1:15090' });
  });
});
