import { annotationKeyProblem, isDns1123Subdomain, isQuantity, labelValueProblem, qualifiedNameProblem, resourceNameProblem } from '../../lib/kubernetes-names';

describe('qualifiedNameProblem (label keys)', () => {
  it.each(['app', 'istio', 'app.kubernetes.io/name', 'example.com/A_b.c-9', 'a'.repeat(63)])('accepts %s', (key) => {
    expect(qualifiedNameProblem(key)).toBeUndefined();
  });

  it.each([
    ['istio ', 'has a name with characters other than'],
    ['bad key!', 'has a name with characters other than'],
    ['-app', 'has a name with characters other than'],
    ['Example.com/app', 'has the prefix "Example.com", which is not a DNS-1123 subdomain'],
    ['a/b/c', "has more than one '/'"],
    ['example.com/', 'has an empty name'],
    ['', 'has an empty name'],
    ['a'.repeat(64), 'has a name of 64 characters, more than 63'],
  ])('fails when the key is %j', (key, problem) => {
    expect(qualifiedNameProblem(key)).toMatch(new RegExp(`^${problem.replace(/[.()]/g, '\\$&')}`));
  });
});

describe('annotationKeyProblem', () => {
  it('accepts a prefix in capitals, as the API server lowercases before checking', () => {
    expect(annotationKeyProblem('Service.Beta.Kubernetes.io/aws-load-balancer-internal')).toBeUndefined();
  });
  it('fails when the key has a space or a "!"', () => {
    expect(annotationKeyProblem('bad key!')).toMatch(/^has a name with characters other than/);
  });
});

describe('labelValueProblem', () => {
  it.each(['', 'ingressgateway', 'v1.0_b-2'])('accepts %j', (value) => {
    expect(labelValueProblem(value)).toBeUndefined();
  });
  it.each(['re views', 'in gress', 'x-', 'a'.repeat(64)])('fails when the value is %j', (value) => {
    expect(labelValueProblem(value)).toBeDefined();
  });
});

describe('isQuantity', () => {
  it.each(['100m', '128Mi', '1', '0.5', '.5', '1.', '2e3', '1E-2', '1G', '+1Ki', '-1'])('accepts %s', (text) => {
    expect(isQuantity(text)).toBe(true);
  });
  it.each(['lots', '', '1 Gi', '1gi', 'Mi', '1.2.3', '1e', '1Kib', '0x10'])('fails when the quantity is %j', (text) => {
    expect(isQuantity(text)).toBe(false);
  });
});

describe('resourceNameProblem', () => {
  it.each(['cpu', 'memory', 'ephemeral-storage', 'hugepages-2Mi', 'nvidia.com/gpu'])('accepts %s', (name) => {
    expect(resourceNameProblem(name)).toBeUndefined();
  });
  it('fails when an extended resource has no domain', () => {
    expect(resourceNameProblem('gpu')).toMatch(/needs a domain prefix/);
  });
});

describe('isDns1123Subdomain', () => {
  it('accepts dotted lowercase labels and refuses the rest', () => {
    expect(isDns1123Subdomain('system-cluster-critical')).toBe(true);
    expect(isDns1123Subdomain('a.b-c.d')).toBe(true);
    expect(isDns1123Subdomain('Critical')).toBe(false);
    expect(isDns1123Subdomain(`${'a'.repeat(250)}.com`)).toBe(false);
  });
});
