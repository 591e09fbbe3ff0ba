import { createHash } from 'node:crypto';
import { redactSecrets, shortHash } from '../../../output/diff/secret-redaction';

describe('redactSecrets', () => {
  it("replaces every value of a Secret's data and stringData with a short hash, anywhere", () => {
    // GIVEN a Secret in the apply tree
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'cacerts', labels: { a: 'b' } }, type: 'Opaque', data: { 'ca-key.pem': 'c2VjcmV0' }, stringData: { token: 'abc' } };
    // WHEN redacted
    const redacted = redactSecrets(secret, 'apply');
    // THEN the values are hashes and everything else stays
    expect(redacted).toEqual({ ...secret, data: { 'ca-key.pem': shortHash('c2VjcmV0') }, stringData: { token: shortHash('abc') } });
    expect(JSON.stringify(redacted)).not.toContain('c2VjcmV0');
  });

  it('hashes everything but apiVersion, kind and metadata of any object of the secrets tree', () => {
    const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { kubeconfig: 'token: abc' } };
    expect(redactSecrets(object, 'secrets')).toEqual({ ...object, data: { kubeconfig: shortHash('token: abc') } });
  });

  it('leaves other objects alone', () => {
    const object = { kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: 'b' } };
    expect(redactSecrets(object, 'apply')).toBe(object);
  });
});

describe('shortHash', () => {
  it('is sha256: and the first 8 hex digits of the hash', () => {
    expect(shortHash('abc')).toBe(`sha256:${createHash('sha256').update('abc').digest('hex').slice(0, 8)}`);
    expect(shortHash('abc')).toMatch(/^sha256:[0-9a-f]{8}$/);
  });
});
