import { mergeIstioRemoteValues } from '../../istio/istio-remote-values';
import { mergeIstioValues } from '../../istio/istio-values';
import { Citadel } from '../../constructs';
import { objectOf, synthChart } from '../support/synth-chart';
import { validateAgainstK8s } from '../support/validate-k8s';

describe('Citadel', () => {
  test('emits a self-signed Citadel by default', () => {
    // GIVEN / WHEN the chart defaults
    const objects = synthChart((chart) => new Citadel(chart, 'citadel'));
    // THEN
    expect(objects).toMatchSnapshot();
    validateAgainstK8s(objects);
    const deployment = objectOf(objects, 'Deployment', 'istio-citadel');
    expect(deployment.apiVersion).toBe('apps/v1');
    expect(deployment.spec.selector).toEqual({ matchLabels: { istio: 'citadel' } });
    expect(deployment.spec.template.metadata.labels).toEqual({ istio: 'citadel' });
    const container = deployment.spec.template.spec.containers[0];
    expect(container.image).toBe('docker.io/istio/citadel:1.0.7');
    expect(container.args).toContain('--self-signed-ca=true');
    expect(container.args).toContain('--citadel-storage-namespace=istio-system');
    expect(container.volumeMounts).toBeUndefined();
    expect(deployment.spec.template.spec.volumes).toBeUndefined();
  });

  test('mounts the cacerts Secret when not self-signed', () => {
    // GIVEN a plugged-in CA
    const values = mergeIstioRemoteValues({ security: { selfSigned: false } });
    // WHEN
    const objects = synthChart((chart) => new Citadel(chart, 'citadel', { global: values.global, security: values.security }));
    // THEN
    expect(objects).toMatchSnapshot();
    validateAgainstK8s(objects);
    const pod = objectOf(objects, 'Deployment', 'istio-citadel').spec.template.spec;
    expect(pod.containers[0].args).toEqual(expect.arrayContaining(['--self-signed-ca=false', '--signing-key=/etc/cacerts/ca-key.pem', '--cert-chain=/etc/cacerts/cert-chain.pem']));
    expect(pod.containers[0].volumeMounts).toEqual([{ name: 'cacerts', mountPath: '/etc/cacerts', readOnly: true }]);
    expect(pod.volumes).toEqual([{ name: 'cacerts', secret: { secretName: 'cacerts', optional: true } }]);
  });

  test('takes hub, tag, replicas, pull secrets, priority class and resources from the values', () => {
    // GIVEN non-default values
    const values = mergeIstioRemoteValues({
      global: {
        hub: 'registry.example/istio',
        tag: '1.0.7-patched',
        imagePullPolicy: 'Always',
        imagePullSecrets: ['regcred'],
        priorityClassName: 'system-cluster-critical',
        defaultResources: { requests: { cpu: '50m', memory: '64Mi' } },
      },
      security: { replicaCount: 2, image: 'citadel-debug' },
    });
    // WHEN
    const objects = synthChart((chart) => new Citadel(chart, 'citadel', { namespace: 'mesh', global: values.global, security: values.security }));
    // THEN
    validateAgainstK8s(objects);
    const deployment = objectOf(objects, 'Deployment', 'istio-citadel');
    expect(deployment.spec.replicas).toBe(2);
    expect(deployment.spec.template.spec.priorityClassName).toBe('system-cluster-critical');
    expect(deployment.spec.template.spec.containers[0]).toMatchObject({
      image: 'registry.example/istio/citadel-debug:1.0.7-patched',
      imagePullPolicy: 'Always',
      resources: { requests: { cpu: '50m', memory: '64Mi' } },
    });
    expect(objectOf(objects, 'ServiceAccount', 'istio-citadel-service-account').imagePullSecrets).toEqual([{ name: 'regcred' }]);
    expect(objectOf(objects, 'ClusterRole', 'istio-citadel-mesh').metadata.namespace).toBeUndefined();
    expect(objectOf(objects, 'ClusterRoleBinding', 'istio-citadel-mesh').subjects[0].namespace).toBe('mesh');
  });

  test('leaves out priorityClassName and imagePullSecrets when the values leave them empty', () => {
    const objects = synthChart((chart) => new Citadel(chart, 'citadel'));
    expect(objectOf(objects, 'Deployment', 'istio-citadel').spec.template.spec.priorityClassName).toBeUndefined();
    expect(objectOf(objects, 'ServiceAccount', 'istio-citadel-service-account').imagePullSecrets).toBeUndefined();
  });

  test("takes security.resources over global.defaultResources", () => {
    const values = mergeIstioRemoteValues({ security: { resources: { limits: { memory: '256Mi' } } } });
    const objects = synthChart((chart) => new Citadel(chart, 'citadel', { global: values.global, security: values.security }));
    validateAgainstK8s(objects);
    expect(objectOf(objects, 'Deployment', 'istio-citadel').spec.template.spec.containers[0].resources).toEqual({ limits: { memory: '256Mi' } });
  });

  test("takes the istio chart's values too, the subchart being the same in both", () => {
    const values = mergeIstioValues({ global: { hub: 'registry.example/istio' }, security: { selfSigned: false } });
    const objects = synthChart((chart) => new Citadel(chart, 'citadel', { global: values.global, security: values.security }));
    validateAgainstK8s(objects);
    expect(objectOf(objects, 'Deployment', 'istio-citadel').spec.template.spec.containers[0].image).toBe('registry.example/istio/citadel:1.0.7');
  });

  test('adds the custom DNS names, qualified with the namespace, in the order given', () => {
    // GIVEN Pilot's and the ingress gateway's accounts, in another namespace
    const customDnsNames = { 'istio-pilot-service-account': 'istio-pilot', 'istio-ingressgateway-service-account': 'istio-ingressgateway' };
    // WHEN
    const objects = synthChart((chart) => new Citadel(chart, 'citadel', { namespace: 'mesh', customDnsNames }));
    // THEN
    validateAgainstK8s(objects);
    const args: string[] = objectOf(objects, 'Deployment', 'istio-citadel').spec.template.spec.containers[0].args;
    expect(args).toContain('--custom-dns-names=istio-pilot-service-account.mesh:istio-pilot.mesh,istio-ingressgateway-service-account.mesh:istio-ingressgateway.mesh');
    // before the CA flags, as the chart writes them
    expect(args.indexOf('--self-signed-ca=true')).toBe(args.length - 1);
  });

  test('adds no custom DNS names by default, as the istio-remote chart writes none', () => {
    const objects = synthChart((chart) => new Citadel(chart, 'citadel'));
    const args: string[] = objectOf(objects, 'Deployment', 'istio-citadel').spec.template.spec.containers[0].args;
    expect(args.some((arg) => arg.startsWith('--custom-dns-names'))).toBe(false);
  });
});
