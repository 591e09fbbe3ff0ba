import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { DEFAULT_ISTIO_NAMESPACE } from '../istio/namespace';

export interface CaCertsSecretProps {
  /** PEM of this cluster's CA certificate (`ca-cert.pem`), signed by the shared root. */
  readonly caCert: string;
  /** PEM of this cluster's CA private key (`ca-key.pem`). */
  readonly caKey: string;
  /** PEM of the shared root certificate (`root-cert.pem`). */
  readonly rootCert: string;
  /** PEM of the chain from the CA certificate to the root (`cert-chain.pem`). */
  readonly certChain: string;
  /** The control-plane namespace, where Citadel runs. @default 'istio-system' */
  readonly namespace?: string;
}

/**
 * The `cacerts` Secret: the plugged-in CA that Citadel signs with when
 * `security.selfSigned` is false. Citadel mounts it at /etc/cacerts and reads
 * these four file names, so the name and keys are fixed by Istio.
 */
export class CaCertsSecret extends Construct {
  static readonly NAME = 'cacerts';

  constructor(scope: Construct, id: string, props: CaCertsSecretProps) {
    super(scope, id);
    const namespace = props.namespace ?? DEFAULT_ISTIO_NAMESPACE;
    const files: Record<string, string> = {
      'ca-cert.pem': props.caCert,
      'ca-key.pem': props.caKey,
      'cert-chain.pem': props.certChain,
      'root-cert.pem': props.rootCert,
    };
    for (const [key, text] of Object.entries(files)) {
      if (text.trim() === '') {
        // Citadel would crash-loop on an empty file rather than say which one.
        throw new Error(`${key} of the cacerts Secret is empty: give the PEM text of the file named in mesh.yaml`);
      }
    }

    new k8s.KubeSecret(this, 'Resource', {
      metadata: { name: CaCertsSecret.NAME, namespace },
      type: 'Opaque',
      // `data`, not `stringData`: the API server turns stringData into data, so
      // a stringData manifest never matches what `kubectl diff` or a GitOps
      // tool reads back, while base64 of the same PEM is the same every time.
      data: Object.fromEntries(Object.entries(files).map(([key, text]) => [key, Buffer.from(text, 'utf8').toString('base64')])),
    });
  }
}
