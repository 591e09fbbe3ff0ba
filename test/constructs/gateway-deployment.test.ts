import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { GatewayValues, IstioValuesOverlay, mergeIstioValues } from '../../istio/istio-values';
import { GatewayDeployment, IstioControlPlane } from '../../constructs';
import { describeWithShared } from '../support/shared-reference';
import { objectOf, synthChart } from '../support/synth-chart';
import { validateAgainstK8s } from '../support/validate-k8s';

/** The objects of gateway `name` of the merged values, in namespace `namespace`. */
function gatewayObjects(name: string, overlays: IstioValuesOverlay[] = [], namespace = 'istio-system'): any[] {
  const values = mergeIstioValues(...overlays);
  const gateway = values.gateways[name] as GatewayValues;
  return synthChart((chart) => new GatewayDeployment(chart, name, { name, namespace, gateway, global: values.global }));
}

const proxyOf = (objects: any[], name: string) => objectOf(objects, 'Deployment', name).spec.template.spec.containers[0];

const CUSTOM: GatewayValues = { enabled: true, labels: { istio: 'mine' }, ports: [{ port: 80, name: 'http2' }] };

describe('GatewayDeployment', () => {
  test("emits the ingress gateway's account, role, Service, router Deployment and autoscaler from its values", () => {
    // GIVEN / WHEN the chart's default ingress gateway
    const objects = gatewayObjects('istio-ingressgateway');
    // THEN
    expect(objects).toMatchSnapshot();
    validateAgainstK8s(objects);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ServiceAccount/istio-ingressgateway-service-account',
      'ClusterRole/istio-ingressgateway-istio-system',
      'ClusterRoleBinding/istio-ingressgateway-istio-system',
      'Service/istio-ingressgateway',
      'Deployment/istio-ingressgateway',
      'HorizontalPodAutoscaler/istio-ingressgateway',
    ]);
    const service = objectOf(objects, 'Service', 'istio-ingressgateway');
    // no empty annotations, which the chart writes as null
    expect(service.metadata).not.toHaveProperty('annotations');
    expect(service.spec.type).toBe('LoadBalancer');
    expect(service.spec.selector).toEqual({ app: 'istio-ingressgateway', istio: 'ingressgateway' });
    expect(service.spec.ports[0]).toEqual({ name: 'http2', nodePort: 31380, port: 80, targetPort: 80 });
    const proxy = proxyOf(objects, 'istio-ingressgateway');
    expect(proxy.image).toBe('docker.io/istio/proxyv2:1.0.7');
    expect(proxy.ports.map((p: any) => p.containerPort)).toEqual([80, 443, 31400, 15011, 8060, 853, 15030, 15031, 15090]);
    expect(proxy.args.slice(-4)).toEqual(['--controlPlaneAuthPolicy', 'NONE', '--discoveryAddress', 'istio-pilot:8080']);
    // `resources: {}` falls back to global.defaultResources
    expect(proxy.resources).toEqual({ requests: { cpu: '10m' } });
    expect(objectOf(objects, 'HorizontalPodAutoscaler', 'istio-ingressgateway').spec).toMatchObject({ minReplicas: 1, maxReplicas: 5 });
  });

  test('the egress gateway is a ClusterIP Service with its own certificates', () => {
    // GIVEN / WHEN the chart's default egress gateway
    const objects = gatewayObjects('istio-egressgateway');
    // THEN
    expect(objects).toMatchSnapshot();
    validateAgainstK8s(objects);
    expect(objectOf(objects, 'Service', 'istio-egressgateway').spec).toMatchObject({ type: 'ClusterIP', ports: [{ name: 'http2', port: 80 }, { name: 'https', port: 443 }] });
    const pod = objectOf(objects, 'Deployment', 'istio-egressgateway').spec.template.spec;
    expect(pod.volumes.map((v: any) => v.secret.secretName)).toEqual([
      'istio.istio-egressgateway-service-account',
      'istio-egressgateway-certs',
      'istio-egressgateway-ca-certs',
    ]);
    expect(objectOf(objects, 'ServiceAccount', 'istio-egressgateway-service-account').metadata.labels).toEqual({ app: 'egressgateway' });
  });

  test('dials Pilot over mTLS when control-plane security is on', () => {
    // GIVEN global.controlPlaneSecurityEnabled
    const objects = gatewayObjects('istio-ingressgateway', [{ global: { controlPlaneSecurityEnabled: true } }]);
    // THEN Pilot's sidecar port, with mutual TLS
    expect(proxyOf(objects, 'istio-ingressgateway').args.slice(-4)).toEqual(['--controlPlaneAuthPolicy', 'MUTUAL_TLS', '--discoveryAddress', 'istio-pilot:15005']);
  });

  test('dials Pilot and Zipkin in global.istioNamespace when the gateway runs apart from the control plane', () => {
    // GIVEN a gateway rendered into its own namespace, the control plane elsewhere
    const objects = gatewayObjects('istio-ingressgateway', [{ global: { istioNamespace: 'mesh-control' } }], 'edge');
    // THEN
    validateAgainstK8s(objects);
    const args = proxyOf(objects, 'istio-ingressgateway').args;
    expect(args).toEqual(expect.arrayContaining(['zipkin.mesh-control:9411', 'istio-pilot.mesh-control:8080']));
    expect(objectOf(objects, 'Deployment', 'istio-ingressgateway').metadata.namespace).toBe('edge');
    expect(objectOf(objects, 'ClusterRole', 'istio-ingressgateway-edge')).toBeDefined();
    expect(objectOf(objects, 'ClusterRoleBinding', 'istio-ingressgateway-edge').subjects).toEqual([
      { kind: 'ServiceAccount', name: 'istio-ingressgateway-service-account', namespace: 'edge' },
    ]);
  });

  test('takes hub, tag, pull policy and secrets, priority class, statsd, stats port and core dumps from global', () => {
    // GIVEN non-default global values
    const objects = gatewayObjects('istio-egressgateway', [
      {
        global: {
          hub: 'registry.example/istio',
          tag: '1.0.7-patched',
          imagePullPolicy: 'Always',
          imagePullSecrets: ['regcred'],
          priorityClassName: 'system-cluster-critical',
          proxy: { enableCoreDump: true, envoyStatsd: { enabled: true, host: 'statsd.monitoring', port: 9125 }, stats: { prometheusPort: 0 } },
        },
      },
    ]);
    // THEN
    validateAgainstK8s(objects);
    const pod = objectOf(objects, 'Deployment', 'istio-egressgateway').spec.template.spec;
    expect(pod.priorityClassName).toBe('system-cluster-critical');
    expect(pod.containers[0]).toMatchObject({ image: 'registry.example/istio/proxyv2:1.0.7-patched', imagePullPolicy: 'Always' });
    expect(pod.containers[0].args).toEqual(expect.arrayContaining(['--statsdUdpAddress', 'statsd.monitoring:9125']));
    // prometheusPort 0: no Envoy metrics port
    expect(pod.containers[0].ports).toEqual([{ containerPort: 80 }, { containerPort: 443 }]);
    expect(pod.initContainers).toEqual([expect.objectContaining({ name: 'enable-core-dump', image: 'registry.example/istio/proxy_init:1.0.7-patched' })]);
    expect(pod.initContainers[0].securityContext).toEqual({ privileged: true });
    expect(objectOf(objects, 'ServiceAccount', 'istio-egressgateway-service-account').imagePullSecrets).toEqual([{ name: 'regcred' }]);
  });

  test('publishes what the gateway block says: annotations, load balancer IP, traffic policy, replicas, resources', () => {
    // GIVEN a tuned ingress gateway
    const objects = gatewayObjects('istio-ingressgateway', [
      {
        gateways: {
          'istio-ingressgateway': {
            serviceAnnotations: { 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb' },
            loadBalancerIP: '203.0.113.7',
            externalTrafficPolicy: 'Local',
            replicaCount: 3,
            autoscaleMin: 3,
            autoscaleMax: 9,
            cpu: { targetAverageUtilization: 60 },
            resources: { requests: { cpu: '1', memory: '256Mi' } },
          },
        },
      },
    ]);
    // THEN
    validateAgainstK8s(objects);
    const service = objectOf(objects, 'Service', 'istio-ingressgateway');
    expect(service.metadata.annotations).toEqual({ 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb' });
    expect(service.spec).toMatchObject({ loadBalancerIP: '203.0.113.7', externalTrafficPolicy: 'Local' });
    const deployment = objectOf(objects, 'Deployment', 'istio-ingressgateway');
    expect(deployment.spec.replicas).toBe(3);
    expect(deployment.spec.template.spec.containers[0].resources).toEqual({ requests: { cpu: '1', memory: '256Mi' } });
    expect(objectOf(objects, 'HorizontalPodAutoscaler', 'istio-ingressgateway').spec).toMatchObject({
      minReplicas: 3,
      maxReplicas: 9,
      metrics: [{ resource: { target: { averageUtilization: 60 } } }],
    });
  });

  test('has no autoscaler when autoscaleMin is 0, as the chart tests it', () => {
    // GIVEN
    const objects = gatewayObjects('istio-egressgateway', [{ gateways: { 'istio-egressgateway': { autoscaleMin: 0 } } }]);
    // THEN
    expect(objects.map((o) => o.kind)).not.toContain('HorizontalPodAutoscaler');
    expect(objectOf(objects, 'Deployment', 'istio-egressgateway').spec.replicas).toBe(1);
  });

  test("a gateway of the user's own gets only what it names", () => {
    // GIVEN a minimal gateway: no type, replicas, autoscaling, volumes or `istio` label
    const objects = synthChart(
      (chart) => new GatewayDeployment(chart, 'gw', { name: 'my-gateway', namespace: 'istio-system', gateway: { ...CUSTOM, labels: { app: 'mine' } }, global: mergeIstioValues().global }),
    );
    // THEN Kubernetes' defaults stand in for what the chart leaves empty
    validateAgainstK8s(objects);
    expect(objects.map((o) => o.kind)).not.toContain('HorizontalPodAutoscaler');
    expect(objectOf(objects, 'ServiceAccount', 'my-gateway-service-account').metadata).not.toHaveProperty('labels');
    const service = objectOf(objects, 'Service', 'my-gateway');
    expect(service.spec).toEqual({ selector: { app: 'mine' }, ports: [{ name: 'http2', port: 80 }] });
    const deployment = objectOf(objects, 'Deployment', 'my-gateway');
    expect(deployment.spec).not.toHaveProperty('replicas');
    expect(deployment.spec.selector).toEqual({ matchLabels: { app: 'mine' } });
    expect(deployment.spec.template.spec.volumes).toEqual([
      { name: 'istio-certs', secret: { secretName: 'istio.my-gateway-service-account', optional: true } },
    ]);
  });

  test.each<[string, GatewayValues, RegExp]>([
    ['labels are missing', { ...CUSTOM, labels: {} }, /gateways\.my-gateway\.labels: is missing/],
    ['ports are missing', { ...CUSTOM, ports: [] }, /gateways\.my-gateway\.ports: is missing/],
    ['autoscaleMax is below autoscaleMin', { ...CUSTOM, autoscaleMin: 3, autoscaleMax: 2 }, /gateways\.my-gateway\.autoscaleMax: .*is below autoscaleMin \(3\)/],
    ['autoscaleMax is missing', { ...CUSTOM, autoscaleMin: 2 }, /gateways\.my-gateway\.autoscaleMax: is missing/],
    ['a ClusterIP gateway sets a nodePort', { ...CUSTOM, type: 'ClusterIP', ports: [{ port: 80, name: 'http2', nodePort: 31380 }] }, /ports\[0\]\.nodePort: .*ClusterIP/],
  ])('fails when %s', (_what, gateway, message) => {
    // GIVEN a gateway block the Service or autoscaler cannot take
    const build = () => synthChart((chart) => new GatewayDeployment(chart, 'gw', { name: 'my-gateway', namespace: 'istio-system', gateway, global: mergeIstioValues().global }));
    // THEN it names the field
    expect(build).toThrow(message);
  });

  test('fails when the name cannot name a Service', () => {
    const build = () => synthChart((chart) => new GatewayDeployment(chart, 'gw', { name: 'My_Gateway', namespace: 'istio-system', gateway: CUSTOM, global: mergeIstioValues().global }));
    expect(build).toThrow(/gateways\.My_Gateway: "My_Gateway" is not a name a gateway Service can take/);
  });
});

describe('IstioControlPlane gateways', () => {
  const gatewayNames = (objects: any[]) => objects.filter((o) => o.kind === 'Deployment').map((o) => o.metadata.name);

  test('builds one gateway per enabled entry of the map, none with gateways.enabled=false', () => {
    // GIVEN the ILB gateway turned on and the egress gateway off
    const values = mergeIstioValues({ gateways: { 'istio-ilbgateway': { enabled: true }, 'istio-egressgateway': { enabled: false } } });
    // WHEN
    const objects = synthChart((chart) => new IstioControlPlane(chart, 'cp', { values }));
    // THEN
    validateAgainstK8s(objects);
    expect(gatewayNames(objects)).toEqual(expect.arrayContaining(['istio-ilbgateway', 'istio-ingressgateway']));
    expect(gatewayNames(objects)).not.toContain('istio-egressgateway');
    expect(objectOf(objects, 'Service', 'istio-ilbgateway').metadata.annotations).toEqual({ 'cloud.google.com/load-balancer-type': 'internal' });
    const off = synthChart((chart) => new IstioControlPlane(chart, 'cp', { values: mergeIstioValues({ gateways: { enabled: false } }) }));
    expect(off.filter((o) => o.metadata.name.includes('gateway'))).toEqual([]);
  });
});

describeWithShared(['reference', 'istio-1.0.7'], "the release's values-istio-gateways.yaml", (dir) => {
  test('renders the custom gateway beside the shipped ones, each named by its key, dialing the control plane in istioNamespace', () => {
    // GIVEN the release's gateways-only values file
    const values = mergeIstioValues(parse(readFileSync(join(dir, 'values-istio-gateways.yaml'), 'utf8')) as IstioValuesOverlay);
    // WHEN
    const objects = synthChart((chart) => new IstioControlPlane(chart, 'cp', { values }));
    // THEN one gateway per enabled entry, with its objects named as the chart names them
    validateAgainstK8s(objects);
    expect(objects.filter((o) => o.kind === 'Deployment').map((o) => o.metadata.name)).toEqual(['custom-gateway', 'istio-egressgateway', 'istio-ingressgateway']);
    for (const name of ['custom-gateway', 'istio-egressgateway', 'istio-ingressgateway']) {
      for (const [kind, objectName] of [
        ['ServiceAccount', `${name}-service-account`],
        ['ClusterRole', `${name}-istio-system`],
        ['ClusterRoleBinding', `${name}-istio-system`],
        ['Service', name],
        ['HorizontalPodAutoscaler', name],
      ]) {
        expect(objectOf(objects, kind, objectName)).toBeDefined();
      }
    }
    const custom = proxyOf(objects, 'custom-gateway');
    expect(custom.args).toEqual(expect.arrayContaining(['--serviceCluster', 'custom-gateway', 'zipkin.istio-system:9411', 'istio-pilot.istio-system:8080']));
    expect(custom.volumeMounts.map((m: any) => m.mountPath)).toEqual(['/etc/certs', '/etc/istio/customgateway-certs', '/etc/istio/customgateway-ca-certs']);
    expect(objectOf(objects, 'Service', 'custom-gateway').spec.ports).toHaveLength(7);
    // the file gives custom-gateway no `cpu` block: its autoscaler takes Kubernetes' own CPU target
    expect(objectOf(objects, 'HorizontalPodAutoscaler', 'custom-gateway').spec.metrics).toBeUndefined();
  });
});
