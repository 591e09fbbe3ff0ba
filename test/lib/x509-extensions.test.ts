import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readCaExtensions } from '../../lib/x509-extensions';
import { TestPki } from '../support/test-pki';

const pki = new TestPki('x509-extensions-');
afterAll(() => pki.cleanup());

const der = (pem: string) => new X509Certificate(readFileSync(pem)).raw;

describe('readCaExtensions', () => {
  test('reads basicConstraints CA and pathlen, and keyCertSign of keyUsage', () => {
    // GIVEN a root with pathlen:0 and a CA without a pathlen
    const root = pki.root('root', { pathLen: 0 });
    const ca = pki.issue('ca', pki.root('other-root'));
    // THEN each extension as the certificate has it
    expect(readCaExtensions(der(root.cert))).toEqual({ basicConstraints: { ca: true, pathLength: 0 }, keyUsage: { keyCertSign: true } });
    expect(readCaExtensions(der(ca.cert))).toEqual({ basicConstraints: { ca: true }, keyUsage: { keyCertSign: true } });
  });

  test('tells CA:FALSE from keyUsage without keyCertSign, which Node folds into one answer', () => {
    const root = pki.root('signer');
    const leaf = pki.issue('leaf', root, { isCa: false });
    const noCertSign = pki.issue('no-certsign', root, { keyUsage: 'digitalSignature' });
    expect(readCaExtensions(der(leaf.cert))).toEqual({ basicConstraints: { ca: false }, keyUsage: { keyCertSign: false } });
    expect(readCaExtensions(der(noCertSign.cert))).toEqual({ basicConstraints: { ca: true }, keyUsage: { keyCertSign: false } });
    // Node's view of both: not a CA, without saying why.
    expect([leaf, noCertSign].map((c) => new X509Certificate(readFileSync(c.cert)).ca)).toEqual([false, false]);
  });

  test('leaves out an extension the certificate does not have', () => {
    // GIVEN a self-signed certificate made with neither extension
    const key = pki.key('bare');
    const cert = pki.path('bare-cert.pem');
    execFileSync('openssl', ['req', '-x509', '-new', '-key', key, '-subj', '/CN=bare', '-days', '1', '-noenc', '-config', '/dev/null', '-out', cert], { stdio: 'ignore' });
    expect(readCaExtensions(der(cert))).toEqual({});
  });
});
