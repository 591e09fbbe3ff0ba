import { webcrypto } from 'node:crypto';
import type * as X509 from '@peculiar/x509';

let library: typeof X509 | undefined;

/**
 * @peculiar/x509, loaded on first use: loading it takes a good part of a
 * synth's second, and only a shared CA needs it.
 */
function x509(): typeof X509 {
  if (library === undefined) {
    // tsyringe, which the library uses for its registry, needs a Reflect
    // metadata polyfill loaded before it.
    require('reflect-metadata');
    library = require('@peculiar/x509') as typeof X509;
    // The library asks its provider for Web Crypto; Node's is the one to use,
    // whatever global a test environment sets up.
    library.cryptoProvider.set(webcrypto as unknown as Parameters<typeof library.cryptoProvider.set>[0]);
  }
  return library;
}

/**
 * The two extensions that make a certificate a CA (RFC 5280 4.2.1.3 and
 * 4.2.1.9), read one by one. Node's X509Certificate.ca folds them into one
 * answer, which cannot say which is wrong, and exposes no path length.
 */
export interface CaExtensions {
  /** Undefined when the certificate has no basicConstraints extension. */
  readonly basicConstraints?: {
    readonly ca: boolean;
    /** pathLenConstraint: how many CA certificates may follow this one in a path. Undefined: no limit. */
    readonly pathLength?: number;
  };
  /** Undefined when the certificate has no keyUsage extension, which allows every use. */
  readonly keyUsage?: {
    readonly keyCertSign: boolean;
  };
}

/** The CA extensions of a DER certificate (Node's `X509Certificate.raw`). */
export function readCaExtensions(der: Uint8Array): CaExtensions {
  const { BasicConstraintsExtension, KeyUsageFlags, KeyUsagesExtension, X509Certificate } = x509();
  const cert = new X509Certificate(der);
  const basic = cert.getExtension(BasicConstraintsExtension);
  const usage = cert.getExtension(KeyUsagesExtension);
  return {
    ...(basic && { basicConstraints: { ca: basic.ca, ...(basic.pathLength !== undefined && { pathLength: basic.pathLength }) } }),
    ...(usage && { keyUsage: { keyCertSign: (usage.usages & KeyUsageFlags.keyCertSign) !== 0 } }),
  };
}
