import { readFileSync } from 'node:fs';
import { Chart, Testing } from 'cdk8s';
import { CaCertsSecret, type CaCertsSecretProps } from '../../constructs';
import { objectOf, synthChart } from '../support/synth-chart';
import { TestPki } from '../support/test-pki';
import { validateAgainstK8s } from '../support/validate-k8s';

// Fixed placeholders keep the snapshot stable and free of key material; the
// construct copies text, it does not parse it (readCaBundles checks the files).
const PLACEHOLDERS: CaCertsSecretProps = {
  caCert: 'ca-cert placeholder\n',
  caKey: 'ca-key placeholder\n',
  rootCert: 'root-cert placeholder\n',
  certChain: 'cert-chain placeholder\n',
};

function decoded(secret: { data: Record<string, string> }): Record<string, string> {
  return Object.fromEntries(Object.entries(secret.data).map(([key, value]) => [key, Buffer.from(value, 'base64').toString('utf8')]));
}

describe('CaCertsSecret', () => {
  test('emits the cacerts Secret with the four files Citadel reads', () => {
    // GIVEN / WHEN
    const objects = synthChart((chart) => new CaCertsSecret(chart, 'cacerts', PLACEHOLDERS));

    // THEN
    expect(objects).toMatchSnapshot();
    validateAgainstK8s(objects);
    const secret = objectOf(objects, 'Secret', 'cacerts');
    expect(secret.metadata).toEqual({ name: 'cacerts', namespace: 'istio-system' });
    expect(decoded(secret)).toEqual({
      'ca-cert.pem': 'ca-cert placeholder\n',
      'ca-key.pem': 'ca-key placeholder\n',
      'cert-chain.pem': 'cert-chain placeholder\n',
      'root-cert.pem': 'root-cert placeholder\n',
    });
  });

  test('carries PEM files byte for byte', () => {
    // GIVEN real certificates made for this run
    const pki = new TestPki();
    try {
      const root = pki.root('root');
      const ca = pki.issue('ca', root);
      const text = (file: string) => readFileSync(file, 'utf8');
      const props = { caCert: text(ca.cert), caKey: text(ca.key), rootCert: text(root.cert), certChain: text(ca.cert), namespace: 'mesh' };

      // WHEN
      const secret = objectOf(synthChart((chart) => new CaCertsSecret(chart, 'cacerts', props)), 'Secret', 'cacerts');

      // THEN
      expect(secret.metadata.namespace).toBe('mesh');
      expect(decoded(secret)['ca-key.pem']).toBe(props.caKey);
      expect(decoded(secret)['root-cert.pem']).toBe(props.rootCert);
    } finally {
      pki.cleanup();
    }
  });

  test('fails when a file is empty', () => {
    const chart = new Chart(Testing.app(), 'test');

    expect(() => new CaCertsSecret(chart, 'cacerts', { ...PLACEHOLDERS, caKey: '' })).toThrow(/ca-key.pem of the cacerts Secret is empty/);
  });
});
