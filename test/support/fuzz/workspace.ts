import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { outputLayout } from '../../../output/layout';
import { CliError } from '../../../lib/cli-error';
import { buildKubeconfig } from '../../../pki/kubeconfig';
import { TestPki } from '../test-pki';

/** Cluster CAs in the shared PKI: one per cluster of the largest generated mesh. */
export const FUZZ_CLUSTER_CAS = 5;

/** Files of the shared PKI, as a topology beside them names them. */
export const FUZZ_PKI = {
  rootCert: 'root-cert.pem',
  caCert: (i: number) => `ca-${i}-cert.pem`,
  caKey: (i: number) => `ca-${i}-key.pem`,
  /** cert-chain.pem holding only the CA certificate, as Citadel accepts for a CA signed by the root. */
  chainShort: (i: number) => `ca-${i}-cert.pem`,
  /** cert-chain.pem holding the CA certificate and the root. */
  chainToRoot: (i: number) => `ca-${i}-root-chain.pem`,
  /** A ca-cert.pem holding two certificates (the CA's, then the root), which Citadel cannot sign with. */
  twoCerts: (i: number) => `ca-${i}-two-chain.pem`,
} as const;

/** A remote's istio-multi kubeconfig the case writes where the topology looks for it. */
export interface FuzzKubeconfig {
  /** Relative to the topology file. */
  readonly path: string;
  readonly name: string;
  readonly server: string;
}

/**
 * One folder for a whole fuzz run: the shared PKI, made once with openssl
 * (a few hundred milliseconds; per case it would dominate the run), and the
 * case files written and removed beside it. The topology file sits in the
 * folder, so the PKI's file names are the paths a topology writes.
 */
export class FuzzWorkspace {
  readonly dir: string;
  readonly topologyFile: string;
  /** The output folder synth gets (`--output`); its siblings (out/dist-secrets, ...) follow outputLayout. */
  readonly outputDir: string;
  private readonly pki: TestPki;
  private readonly rootPem: string;

  constructor() {
    this.pki = new TestPki('mesh-fuzz-');
    this.dir = this.pki.dir;
    const root = this.pki.root('root', { days: 3650 });
    for (let i = 0; i < FUZZ_CLUSTER_CAS; i++) {
      const ca = this.pki.issue(`ca-${i}`, root, { days: 3650 });
      this.pki.chain(`ca-${i}-root`, ca, root);
      this.pki.chain(`ca-${i}-two`, ca, root);
    }
    this.rootPem = readFileSync(root.cert, 'utf8');
    this.topologyFile = join(this.dir, 'mesh.yaml');
    this.outputDir = join(this.dir, 'out', 'dist');
  }

  /**
   * Writes one case: its topology text, the kubeconfigs it names, and a
   * previous output that a failed synth must leave as it was.
   */
  prepare(text: string, kubeconfigs: readonly FuzzKubeconfig[]): void {
    this.clear();
    writeFileSync(this.topologyFile, text);
    for (const kubeconfig of kubeconfigs) {
      const file = join(this.dir, kubeconfig.path);
      mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
      let yaml: string;
      try {
        ({ yaml } = buildKubeconfig({ name: kubeconfig.name, server: kubeconfig.server, caPem: this.rootPem, token: 'fuzz-token-not-a-secret' }));
      } catch (err) {
        // A mutated name or server that `mesh kubeconfig` refuses: no user has that file either.
        if (err instanceof CliError) {
          continue;
        }
        throw err;
      }
      writeFileSync(file, yaml, { mode: 0o600 });
    }
    for (const tree of Object.values(outputLayout(this.outputDir))) {
      mkdirSync(join(tree, 'previous'), { recursive: true });
      writeFileSync(join(tree, 'previous', 'previous.k8s.yaml'), `# the output of an earlier synth (${basename(tree)})\n`);
    }
  }

  /** Removes the case's files, keeping the PKI. */
  clear(): void {
    for (const entry of ['mesh.yaml', 'secrets', 'out']) {
      rmSync(join(this.dir, entry), { recursive: true, force: true });
    }
  }

  /** Removes the whole folder: it holds the PKI's private keys. */
  cleanup(): void {
    this.pki.cleanup();
  }
}
