import { X509Certificate } from 'node:crypto';
import { stringify } from 'yaml';
import { CliError } from '../cli/cli-error';
import { describeFinding, type Finding } from '../topology/finding';
import { DNS1123_ALLOWED } from '../topology/fields';
import { isDns1123Label, suggestDns1123Label } from '../topology/net';

/**
 * The kubeconfig the primary's Pilot uses to watch one remote cluster, as the
 * `istio-multi` service account. Pilot takes the cluster's identity from the
 * Secret's data key, and the Istio 1.0 guide names the cluster, the context and
 * the user after it, so one name runs through the whole file.
 */
export interface KubeconfigInput {
  /** The remote cluster's name in the topology. */
  readonly name: string;
  /** The remote API server URL, as Pilot on the primary dials it. */
  readonly server: string;
  /** PEM of the CA that signed the remote API server's certificate. */
  readonly caPem: string;
  /** `istio-multi`'s service-account token. Never echoed. */
  readonly token: string;
}

/**
 * Where each input came from, as the user should read it in a finding: a flag,
 * or a key of a live Secret. The finding's path is this label.
 */
export type KubeconfigSources = Readonly<Record<keyof KubeconfigInput, string>>;

/** The flags of the explicit mode of `mesh kubeconfig`. */
export const FLAG_SOURCES: KubeconfigSources = { name: '--cluster', server: '--server', caPem: '--ca-file', token: '--token-file' };

/** Every problem of the input, errors and warnings, in field order. */
export function checkKubeconfigInput(input: KubeconfigInput, sources: KubeconfigSources = FLAG_SOURCES): Finding[] {
  const findings: Finding[] = [];
  if (!isDns1123Label(input.name)) {
    findings.push({
      path: [sources.name],
      value: input.name,
      // Pilot uses the name as a Secret data key, which must be DNS-1123.
      problem: 'is not a DNS-1123 label, so it cannot be the data key of the remote Secret',
      allowed: DNS1123_ALLOWED,
      hint: `rename the cluster, for example ${JSON.stringify(suggestDns1123Label(input.name))}, in mesh.yaml and here`,
    });
  }
  findings.push(...checkServer(input.server, sources.server));
  if (!parsesAsCertificate(input.caPem)) {
    findings.push({
      path: [sources.caPem],
      problem: 'is not a PEM X.509 certificate',
      allowed: 'the PEM of the CA that signed the API server certificate (-----BEGIN CERTIFICATE-----)',
      hint: "use the `ca.crt` of the istio-multi token Secret, or the cluster's certificate-authority-data decoded from base64",
    });
  }
  if (input.token.trim() === '') {
    findings.push({
      path: [sources.token],
      problem: 'is empty',
      allowed: "the istio-multi service account's token",
      hint: 'read `data.token` of the istio-multi-token Secret on the remote (base64-decoded)',
    });
  }
  return findings;
}

function checkServer(server: string, source: string): Finding[] {
  const url = URL.canParse(server) ? new URL(server) : undefined;
  if (!url || url.protocol !== 'https:' || url.hostname === '') {
    return [
      {
        path: [source],
        value: server,
        problem: 'is not an https:// URL',
        allowed: 'the API server URL as in a kubeconfig, such as https://10.0.0.1:6443',
        hint: 'copy `server:` from `kubectl config view --minify` for the remote cluster',
      },
    ];
  }
  if (isLoopback(url.hostname)) {
    return [
      {
        path: [source],
        value: server,
        // The kubeconfig is used by Pilot inside the primary cluster, where the
        // remote's loopback address is Pilot's own pod.
        problem: "is a loopback address, which Pilot on the primary cannot use to reach the remote's API server",
        allowed: 'an address of the remote API server routable from the primary',
        hint: "pass --server with the API server's routable address (the cluster's apiServer in mesh.yaml)",
        severity: 'warning',
      },
    ];
  }
  return [];
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1';
}

function parsesAsCertificate(pem: string): boolean {
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    return false;
  }
  try {
    new X509Certificate(pem);
    return true;
  } catch {
    return false;
  }
}

/** One line per finding: `--server "http://x" is not an https:// URL (allowed: ...): hint`. */
export function formatKubeconfigFinding(finding: Finding): string {
  const label = finding.severity === 'warning' ? 'warning: ' : '';
  return `${label}${finding.path.join('.')} ${describeFinding(finding)}`;
}

/**
 * The kubeconfig YAML. Throws a CliError listing every error (never the token);
 * returns the warnings for the caller to print.
 */
export function buildKubeconfig(
  input: KubeconfigInput,
  sources: KubeconfigSources = FLAG_SOURCES,
): { readonly yaml: string; readonly warnings: readonly Finding[] } {
  const findings = checkKubeconfigInput(input, sources);
  const errors = findings.filter((f) => f.severity !== 'warning');
  if (errors.length > 0) {
    throw new CliError(errors.map(formatKubeconfigFinding).join('\n'));
  }
  const { name } = input;
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name,
        cluster: {
          'certificate-authority-data': Buffer.from(input.caPem, 'utf8').toString('base64'),
          server: input.server,
        },
      },
    ],
    contexts: [{ name, context: { cluster: name, user: name } }],
    'current-context': name,
    preferences: {},
    users: [{ name, user: { token: input.token.trim() } }],
  };
  // lineWidth 0: a folded base64 line would still parse, but one line per value
  // keeps the file greppable and byte-stable.
  return { yaml: stringify(config, { lineWidth: 0 }), warnings: findings.filter((f) => f.severity === 'warning') };
}
