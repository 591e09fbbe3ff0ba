import { parse } from 'yaml';
import { IstioRemoteValuesOverlay, mergeIstioRemoteValues } from '../../istio/istio-remote-values';
import { IstioValuesOverlay, mergeIstioValues } from '../../istio/istio-values';
import { renderInjectionTemplate, SidecarInjectorConfig } from '../../constructs';
import { objectOf, synthChart } from '../support/synth-chart';
import { validateAgainstK8s } from '../support/validate-k8s';

const template = (...overlays: IstioRemoteValuesOverlay[]) => {
  const global = mergeIstioRemoteValues(...overlays).global;
  return renderInjectionTemplate(global, { chart: 'istio-remote', zipkinAddress: global.zipkinAddress });
};

describe('SidecarInjectorConfig', () => {
  test('emits ConfigMap istio-sidecar-injector with the policy and the template', () => {
    // GIVEN / WHEN the chart defaults
    const objects = synthChart((chart) => new SidecarInjectorConfig(chart, 'config'));
    // THEN
    expect(objects).toMatchSnapshot();
    validateAgainstK8s(objects);
    const configMap = objectOf(objects, 'ConfigMap', 'istio-sidecar-injector');
    expect(configMap.metadata.labels).toEqual({ app: 'istio-remote', istio: 'sidecar-injector' });
    const config = parse(configMap.data.config);
    expect(config.policy).toBe('enabled');
    expect(config.template).toBe(template());
  });

  test('puts the chart values into the template', () => {
    // GIVEN non-default proxy values
    const text = template({
      global: {
        hub: 'registry.example/istio',
        tag: '1.0.6',
        imagePullPolicy: 'Always',
        proxy: {
          image: 'proxy-debug',
          includeIPRanges: '10.0.0.0/8',
          excludeIPRanges: '10.1.0.0/16',
          excludeInboundPorts: '8081',
          resources: { requests: { memory: '64Mi', cpu: '50m' }, limits: { cpu: '1' } },
        },
        proxy_init: { image: 'proxy_init_debug' },
      },
    });
    // THEN
    expect(text).toContain('  image: registry.example/istio/proxy_init_debug:1.0.6\n');
    expect(text).toContain('\n  registry.example/istio/proxy-debug:1.0.6\n');
    expect(text).toContain('\n  - "10.0.0.0/8"\n');
    expect(text).toContain('\n  - "10.1.0.0/16"\n');
    expect(text).toContain('\n  - "8081"\n');
    expect(text).not.toContain('IfNotPresent');
    expect(text).toContain('  [[ else -]]\n    limits:\n      cpu: "1"\n    requests:\n      cpu: 50m\n      memory: 64Mi\n  [[ end -]]');
  });

  test('sets the policy from autoInject', () => {
    const values = mergeIstioRemoteValues({ global: { proxy: { autoInject: 'disabled' } } });
    const configMap = objectOf(synthChart((chart) => new SidecarInjectorConfig(chart, 'config', { namespace: 'mesh', global: values.global })), 'ConfigMap', 'istio-sidecar-injector');
    expect(parse(configMap.data.config).policy).toBe('disabled');
    expect(configMap.metadata.namespace).toBe('mesh');
  });

  test('passes --statsdUdpAddress only when statsd is enabled', () => {
    expect(template()).not.toContain('--statsdUdpAddress');
    expect(template({ global: { proxy: { envoyStatsd: { enabled: true, host: 'statsd' } } } })).toContain('  - --statsdUdpAddress\n  - [[ .ProxyConfig.StatsdUdpAddress ]]\n');
  });

  test('adds the core-dump init container and a writable root filesystem with enableCoreDump', () => {
    const text = template({ global: { proxy: { enableCoreDump: true } } });
    expect(text).toContain('  name: enable-core-dump');
    expect(text).not.toContain('readOnlyRootFilesystem');
    expect(template()).toContain('readOnlyRootFilesystem: true');
  });

  test('leaves the resources branch empty when proxy resources are removed', () => {
    expect(template({ global: { proxy: { resources: null } } })).toContain('  [[ else -]]\n  [[ end -]]');
  });

  test('runs istio-init privileged with global.proxy.privileged', () => {
    expect(template({ global: { proxy: { privileged: true } } })).toContain('      - NET_ADMIN\n    privileged: true\n  restartPolicy: Always\n');
    expect(template()).not.toContain('privileged');
  });

  test('passes --domain to the proxy agent when proxyDomain is set', () => {
    expect(template({ global: { proxy: { proxyDomain: 'mesh.svc.cluster.local' } } })).toContain(
      '  - proxy\n  - sidecar\n  - --domain\n  - mesh.svc.cluster.local\n  - --configPath\n',
    );
    expect(template()).not.toContain('--domain');
  });

  test('passes --zipkinAddress only when global.zipkinAddress is set', () => {
    expect(template({ global: { zipkinAddress: 'zipkin.istio-system:9411' } })).toContain(
      '  - [[ formatDuration .ProxyConfig.DiscoveryRefreshDelay ]]\n  - --zipkinAddress\n  - [[ .ProxyConfig.ZipkinAddress ]]\n  - --connectTimeout\n',
    );
    expect(template()).not.toContain('--zipkinAddress');
  });

  test("writes the core-dump init container as the chart does: proxy_init under the hub, command's list indented", () => {
    // GIVEN a renamed proxy_init image
    const text = template({ global: { hub: 'registry.example/istio', proxy_init: { image: 'my_init' }, proxy: { enableCoreDump: true } } });
    // THEN istio-init uses it, the core-dump container keeps the chart's fixed name
    expect(text).toContain('  image: registry.example/istio/my_init:1.0.7\n');
    expect(text).toContain('  command:\n    - /bin/sh\n  image: registry.example/istio/proxy_init:1.0.7\n');
  });
});

describe("SidecarInjectorConfig with the istio chart's template", () => {
  const primary = (overlay: IstioValuesOverlay = {}) => {
    const global = mergeIstioValues(overlay).global;
    return renderInjectionTemplate(global, { chart: 'istio', proxy: global.proxy });
  };

  test('emits the istio chart\'s ConfigMap, labelled with the chart name', () => {
    // GIVEN the istio chart's defaults
    const global = mergeIstioValues().global;
    // WHEN
    const objects = synthChart((chart) => new SidecarInjectorConfig(chart, 'config', { global, injection: { chart: 'istio', proxy: global.proxy } }));
    // THEN
    expect(objects).toMatchSnapshot();
    validateAgainstK8s(objects);
    const configMap = objectOf(objects, 'ConfigMap', 'istio-sidecar-injector');
    expect(configMap.metadata.labels).toEqual({ app: 'istio', istio: 'sidecar-injector' });
    const config = parse(configMap.data.config);
    expect(config.template).toBe(primary());
    // and the injector's `annotation` helper reads the pod's annotations
    expect(config.template).toContain('  - "[[ annotation .ObjectMeta `traffic.sidecar.istio.io/includeOutboundIPRanges`  "*"  ]]"\n');
    expect(config.template).not.toContain('isset .ObjectMeta.Annotations "');
  });

  test('adds the status port, its readiness probe and its capture exclusion when statusPort is set', () => {
    const text = primary({ global: { proxy: { statusPort: 15020, readinessInitialDelaySeconds: 5, readinessPeriodSeconds: 10, readinessFailureThreshold: 3 } } });
    expect(text).toContain('[[ excludeInboundPort (annotation .ObjectMeta `status.sidecar.istio.io/port`  15020 ) ');
    expect(text).toContain('[[- if (ne (annotation .ObjectMeta `status.sidecar.istio.io/port`  15020 ) "0") ]]\n  - --statusPort\n');
    expect(text).toContain('    initialDelaySeconds: [[ annotation .ObjectMeta `readiness.status.sidecar.istio.io/initialDelaySeconds`  5  ]]\n');
    expect(text).toContain('    periodSeconds: [[ annotation .ObjectMeta `readiness.status.sidecar.istio.io/periodSeconds`  10  ]]\n');
    expect(text).toContain('    failureThreshold: [[ annotation .ObjectMeta `readiness.status.sidecar.istio.io/failureThreshold`  3  ]]\n');
  });

  test("publishes Envoy's Prometheus port unless stats.prometheusPort is 0", () => {
    expect(primary()).toContain('  ports:\n  - containerPort: 15090\n    protocol: TCP\n    name: http-envoy-prom\n  args:\n');
    expect(primary({ global: { proxy: { stats: { prometheusPort: 15099 } } } })).toContain('  - containerPort: 15099\n');
    expect(primary({ global: { proxy: { stats: { prometheusPort: 0 } } } })).not.toContain('http-envoy-prom');
  });

  test('runs istio-init privileged always, and istio-proxy with global.proxy.privileged', () => {
    expect(primary()).toContain('      - NET_ADMIN\n    privileged: true\n  restartPolicy: Always\n');
    expect(primary()).toContain('  [[ end -]]securityContext:\n    readOnlyRootFilesystem: true\n');
    expect(primary({ global: { proxy: { privileged: true } } })).toContain('  [[ end -]]securityContext:\n    privileged: true\n    readOnlyRootFilesystem: true\n');
  });

  test('always passes --zipkinAddress, and takes images, pull policy and capture ranges from the values', () => {
    const text = primary({
      global: { hub: 'registry.example/istio', tag: '1.0.6', imagePullPolicy: 'Always', proxy: { image: 'proxy-debug', excludeIPRanges: '10.1.0.0/16', excludeInboundPorts: '8081' } },
    });
    expect(text).toContain('  - --zipkinAddress\n  - [[ .ProxyConfig.ZipkinAddress ]]\n');
    expect(text).toContain('  image: "registry.example/istio/proxy_init:1.0.6"\n');
    expect(text).toContain('  image: [[ annotation .ObjectMeta `sidecar.istio.io/proxyImage`  "registry.example/istio/proxy-debug:1.0.6"  ]]\n');
    expect(text).toContain('`traffic.sidecar.istio.io/excludeOutboundIPRanges`  "10.1.0.0/16"  ]]"');
    expect(text).toContain('`traffic.sidecar.istio.io/excludeInboundPorts`  "8081" ) ]]"');
    expect(text).toContain('  imagePullPolicy: Always\n  securityContext:\n');
    expect(text).not.toContain('IfNotPresent\n  [[ if');
  });

  test("writes the sidecar's resources from global.proxy.resources", () => {
    expect(primary()).toContain('  [[ else -]]\n    requests:\n      cpu: 10m\n  [[ end -]]');
    expect(primary({ global: { proxy: { resources: null } } })).toContain('  [[ else -]]\n  [[ end -]]');
  });

  test('adds the core-dump init container and a writable root filesystem with enableCoreDump', () => {
    const text = primary({ global: { proxy: { enableCoreDump: true } } });
    expect(text).toContain('  name: enable-core-dump');
    expect(text).not.toContain('readOnlyRootFilesystem');
  });
});
