import type { FieldRule } from '../../lib/fields';
import { annotationMap, dns1035Label, ianaSvcName, isDns1035Label, isIanaSvcName, kubeContext, labelSelector } from '../../lib/fields';
import { meshTopologySchema } from '../../topology/schema';

/** The rule a failed field check carries, as the loader reads it from zod's issue. */
function ruleOf(result: { success: boolean; error?: { issues: readonly unknown[] } }): FieldRule | undefined {
  const issue = result.error?.issues[0] as { params?: { rule?: FieldRule } } | undefined;
  return issue?.params?.rule;
}

describe('dns1035Label', () => {
  it.each(['reviews', 'a', 'ratings-v2', 'a'.repeat(63)])('accepts %s', (name) => {
    expect(isDns1035Label(name)).toBe(true);
    expect(dns1035Label('service').safeParse(name).success).toBe(true);
  });

  it.each([
    ['2nd-reviews', 'nd-reviews'],
    ['Reviews_V2', 'reviews-v2'],
    ['reviews-', 'reviews'],
    ['a'.repeat(64), 'a'.repeat(63)],
  ])('fails when the name is %s, suggesting %s', (name, suggestion) => {
    // WHEN
    const result = dns1035Label('service').safeParse(name);

    // THEN
    expect(result.success).toBe(false);
    const rule = ruleOf(result);
    expect(rule?.problem).toBe('is not a DNS-1035 label');
    expect(rule?.hint(name)).toBe(`rename the service, for example ${JSON.stringify(suggestion)}`);
  });
});

describe('kubeContext', () => {
  it.each(['primary', 'gke_project_zone_name', 'arn:aws:eks:eu-west-1:1:cluster/x', 'ctx with spaces', 'ünïcödé'])('accepts %s', (name) => {
    expect(kubeContext.safeParse(name).success).toBe(true);
  });

  it.each([['a line break', 'primary\nrm -rf ~ #'], ['a carriage return', 'primary\r'], ['a NUL', 'a\u0000b'], ['a line separator', 'a\u2028b'], ['only blanks', '  ']])(
    'fails when the name holds %s, which would end the shell comment it is written into',
    (_what, name) => {
      // WHEN
      const result = kubeContext.safeParse(name);
      // THEN
      expect(result.success).toBe(false);
      expect(ruleOf(result)?.problem).toBe('is not a kubeconfig context name');
    },
  );
});

describe('ianaSvcName', () => {
  it.each(['http', 'http-web', 'grpc-xds', 'tcp-8080', 'a23456789012345'])('accepts %s', (name) => {
    expect(isIanaSvcName(name)).toBe(true);
    expect(ianaSvcName.safeParse(name).success).toBe(true);
  });

  it.each([
    ['http-reviews-api', 'http-reviews-ap'],
    ['HTTP_Web', 'http-web'],
    ['http--web', 'http-web'],
    ['-http', 'http'],
    ['http-', 'http'],
    ['8080', 'tcp-8080'],
  ])('fails when the port name is %s, suggesting %s', (name, suggestion) => {
    // WHEN
    const result = ianaSvcName.safeParse(name);

    // THEN
    expect(result.success).toBe(false);
    const rule = ruleOf(result);
    expect(rule?.problem).toBe('is not an IANA service name (RFC 6335)');
    expect(rule?.hint(name)).toContain(`for example ${JSON.stringify(suggestion)}`);
  });

  it('agrees with the JSON-schema pattern editors check against', () => {
    // GIVEN the pattern mesh.schema.json carries
    const pattern = new RegExp(ianaSvcName.meta()?.pattern as string);

    // THEN it draws the same line as the check, length aside
    for (const name of ['http', 'tcp-8080', 'http--web', '8080', '-http', 'http-', 'HTTP']) {
      expect([name, pattern.test(name)]).toEqual([name, isIanaSvcName(name)]);
    }
  });
});

describe('services[] fields', () => {
  const topology = (service: object) => ({
    controlPlane: { pilot: '10.8.0.12' },
    clusters: [{ name: 'primary', role: 'primary', podCIDR: '10.8.0.0/16', serviceCIDR: '10.96.0.0/16', apiServer: 'https://10.0.0.1:6443' }],
    services: [{ name: 'reviews', namespace: 'bookinfo', ports: [{ name: 'http', port: 9080 }], selector: { app: 'reviews' }, ...service }],
  });

  it('fails when a service name is a DNS-1123 label but not a DNS-1035 one', () => {
    // WHEN
    const result = meshTopologySchema.safeParse(topology({ name: '9reviews' }));

    // THEN
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path)).toEqual([['services', 0, 'name']]);
    expect(ruleOf(result)?.problem).toBe('is not a DNS-1035 label');
  });

  it('fails when a port name is longer than 15 characters', () => {
    // WHEN
    const result = meshTopologySchema.safeParse(topology({ ports: [{ name: 'http-reviews-api', port: 9080 }] }));

    // THEN
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path)).toEqual([['services', 0, 'ports', 0, 'name']]);
  });
});

describe('labelSelector and annotationMap', () => {
  it('accept what Kubernetes accepts', () => {
    expect(labelSelector.safeParse({ app: 'reviews', 'app.kubernetes.io/version': 'v1.2' }).success).toBe(true);
    expect(annotationMap.safeParse({ 'Service.beta.kubernetes.io/aws-load-balancer-internal': 'true', note: 'any text at all' }).success).toBe(true);
  });

  it('fails when a selector is empty', () => {
    expect(ruleOf(labelSelector.safeParse({}))?.problem).toBe('is empty, so it would select no pods the mesh means, or every pod');
  });

  it('fails when a label key is refused, as a rule about the key', () => {
    const rule = ruleOf(labelSelector.safeParse({ 'istio ': 'ingressgateway' }));
    expect(rule).toMatchObject({ problem: expect.stringMatching(/^is not a Kubernetes label key/), subject: 'key' });
  });

  it('fails when a label value is refused, as a rule about the value', () => {
    const rule = ruleOf(labelSelector.safeParse({ app: 're views' }));
    expect(rule?.problem).toMatch(/^is not a Kubernetes label value/);
    expect(rule?.subject).toBeUndefined();
  });

  it('fails when an annotation key is refused', () => {
    expect(ruleOf(annotationMap.safeParse({ 'bad key!': 'x' }))).toMatchObject({ problem: expect.stringMatching(/^is not a Kubernetes annotation key/), subject: 'key' });
  });
});
