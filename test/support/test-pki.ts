import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Certificates made by the test itself with the openssl CLI, in a temporary
 * folder: nothing secret is committed, and each case gets exactly the defect
 * it needs. EC P-256 keys keep it fast.
 */
export interface Issued {
  /** PEM file of the certificate. */
  readonly cert: string;
  /** PEM file of its private key. */
  readonly key: string;
  readonly subject: string;
}

export interface IssueOptions {
  /** Distinguished name, openssl form. @default `/O=Test/CN=<name>` */
  readonly subject?: string;
  /** Validity in days; a negative count makes a certificate that has already expired. @default 30 */
  readonly days?: number;
  /** basicConstraints CA:TRUE. @default true */
  readonly isCa?: boolean;
  /** Sign with this existing key instead of a new one. */
  readonly key?: string;
  /** basicConstraints pathlen of a CA. @default none (no limit) */
  readonly pathLen?: number;
  /** keyUsage of a CA, openssl form. @default 'keyCertSign,cRLSign' (and digitalSignature for an issued CA) */
  readonly keyUsage?: string;
}

/** basicConstraints and keyUsage of a CA, as openssl extension values. */
function caExtensions(options: IssueOptions, defaultUsage: string): { basicConstraints: string; keyUsage: string } {
  const pathLen = options.pathLen === undefined ? '' : `,pathlen:${options.pathLen}`;
  return { basicConstraints: `critical,CA:TRUE${pathLen}`, keyUsage: `critical,${options.keyUsage ?? defaultUsage}` };
}

/**
 * Its folder holds private keys, so every test file that makes one removes it
 * with `afterAll(() => pki.cleanup())` (or `finally` for a PKI local to one
 * test), and removes the same way any folder it copies keys or tokens into:
 * keys left in the temp folder outlive the run on shared machines and CI runners.
 */
export class TestPki {
  readonly dir: string;

  constructor(prefix = 'test-pki-') {
    this.dir = mkdtempSync(join(tmpdir(), prefix));
  }

  /** A new EC P-256 private key, as a PEM file. */
  key(name: string): string {
    const file = this.path(`${name}-key.pem`);
    openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', file]);
    return file;
  }

  /** A self-signed root CA. */
  root(name: string, options: IssueOptions = {}): Issued {
    const key = options.key ?? this.key(name);
    const subject = options.subject ?? `/O=Test/CN=${name}`;
    const cert = this.path(`${name}-cert.pem`);
    const ext = caExtensions(options, 'keyCertSign,cRLSign');
    openssl([
      'req', '-x509', '-new', '-key', key, '-subj', subject, '-days', String(options.days ?? 30),
      '-addext', `basicConstraints=${ext.basicConstraints}`, '-addext', `keyUsage=${ext.keyUsage}`, '-out', cert,
    ]);
    return { cert, key, subject };
  }

  /** A certificate signed by `issuer`: an intermediate CA unless `isCa` is false. */
  issue(name: string, issuer: Issued, options: IssueOptions = {}): Issued {
    const key = options.key ?? this.key(name);
    const subject = options.subject ?? `/O=Test/CN=${name}`;
    const csr = this.path(`${name}.csr`);
    const ext = this.path(`${name}.ext`);
    const cert = this.path(`${name}-cert.pem`);
    openssl(['req', '-new', '-key', key, '-subj', subject, '-out', csr]);
    const ca = caExtensions(options, 'keyCertSign,cRLSign,digitalSignature');
    writeFileSync(
      ext,
      options.isCa === false
        ? 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n'
        : `basicConstraints=${ca.basicConstraints}\nkeyUsage=${ca.keyUsage}\n`,
    );
    // openssl 3.0 refuses -days 0 or less in `req`, but `x509 -req` takes a
    // negative count and sets notAfter before now: a certificate already expired.
    openssl(['x509', '-req', '-in', csr, '-CA', issuer.cert, '-CAkey', issuer.key, '-days', String(options.days ?? 30), '-extfile', ext, '-out', cert]);
    return { cert, key, subject };
  }

  /** A PEM file holding the given certificates in order (a cert-chain.pem). */
  chain(name: string, ...certs: Issued[]): string {
    const file = this.path(`${name}-chain.pem`);
    writeFileSync(file, certs.map((c) => readFileSync(c.cert, 'utf8')).join(''));
    return file;
  }

  path(file: string): string {
    return join(this.dir, file);
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function openssl(args: string[]): void {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}
