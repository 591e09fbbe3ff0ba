import { X509Certificate } from 'node:crypto';
import { LineCounter, parseDocument, stringify } from 'yaml';
import { CliError } from '../lib/cli-error';
import { describeFinding, type Finding } from '../lib/finding';
import { DNS1123_ALLOWED } from '../lib/fields';
import { isDns1123Label, suggestDns1123Label } from '../lib/net';
import { yamlToJs } from '../lib/yaml-to-js';
import { checkBearerToken } from './bearer-token';

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

/** The fields of a kubeconfig file as `buildKubeconfig` writes it, for a file read back. */
export const FILE_SOURCES: KubeconfigSources = {
  name: 'clusters[0].name',
  server: 'clusters[0].cluster.server',
  caPem: 'clusters[0].cluster.certificate-authority-data',
  token: 'users[0].user.token',
};

/** The remote's API server as the topology declares it, and where: `clusters[1].apiServer`. */
export interface DeclaredApiServer {
  readonly apiServer: string;
  readonly field: string;
}

/**
 * Every problem of the input, errors and warnings, in field order. The one set
 * of rules for a kubeconfig, whether about to be built or read back from a file.
 */
export function checkKubeconfigInput(input: KubeconfigInput, sources: KubeconfigSources = FLAG_SOURCES, declared?: DeclaredApiServer): Finding[] {
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
  const serverFindings = checkServer(input.server, sources.server);
  findings.push(...serverFindings);
  // mesh.yaml's apiServer is the address Pilot on the primary dials; another
  // server (often a context's public or tunnelled address) may work from a
  // laptop and not from inside the primary.
  if (declared !== undefined && declared.apiServer !== input.server && serverFindings.every((f) => f.severity === 'warning')) {
    findings.push({
      path: [sources.server],
      value: input.server,
      problem: `differs from ${declared.field} ${JSON.stringify(declared.apiServer)}, the address Pilot on the primary dials`,
      hint: `if Pilot reaches the remote at ${declared.apiServer}, make that the server (\`mesh kubeconfig --server ${declared.apiServer}\`); otherwise correct ${declared.field}`,
      severity: 'warning',
    });
  }
  if (!parsesAsCertificate(input.caPem)) {
    findings.push({
      path: [sources.caPem],
      problem: 'is not a PEM X.509 certificate',
      allowed: 'the PEM of the CA that signed the API server certificate (-----BEGIN CERTIFICATE-----)',
      hint: "use the `ca.crt` of the istio-multi token Secret, or the cluster's certificate-authority-data decoded from base64",
    });
  }
  const token = checkBearerToken(input.token);
  if ('problem' in token) {
    findings.push({ path: [sources.token], problem: token.problem, allowed: token.allowed, hint: token.hint });
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
  declared?: DeclaredApiServer,
): { readonly yaml: string; readonly warnings: readonly Finding[] } {
  const findings = checkKubeconfigInput(input, sources, declared);
  const errors = findings.filter((f) => f.severity !== 'warning');
  if (errors.length > 0) {
    throw new CliError(errors.map(formatKubeconfigFinding).join('\n'));
  }
  const { name } = input;
  // Checked above: the token without its file's trailing newline.
  const checked = checkBearerToken(input.token);
  const token = 'token' in checked ? checked.token : input.token;
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
    users: [{ name, user: { token } }],
  };
  // lineWidth 0: a folded base64 line would still parse, but one line per value
  // keeps the file greppable and byte-stable.
  return { yaml: stringify(config, { lineWidth: 0 }), warnings: findings.filter((f) => f.severity === 'warning') };
}

/**
 * A kubeconfig file read back, checked as `mesh kubeconfig` checks its input:
 * first the layout Pilot relies on (one cluster, context and user, all named
 * after the cluster, and that context current), then checkKubeconfigInput on
 * what it holds. Finding paths are the file's fields (FILE_SOURCES), or empty
 * for the whole file; values never hold the CA or the token. Returns the
 * input when the layout is right.
 */
export function parseKubeconfig(
  text: string,
  name: string,
  declared?: DeclaredApiServer,
): { readonly input?: KubeconfigInput; readonly findings: Finding[] } {
  const allowed = `one cluster, context and user, each named ${JSON.stringify(name)}, and current-context ${JSON.stringify(name)}`;
  const hint = 'write it with `mesh kubeconfig`';
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (doc.errors.length > 0) {
    // The code and position only: yaml's message quotes the source, which may be the token.
    const [error] = doc.errors;
    const at = error.linePos ? ` at line ${error.linePos[0].line}, column ${error.linePos[0].col}` : '';
    return { findings: [{ path: [], problem: `is not valid YAML (${error.code}${at})`, hint }] };
  }
  // An alias without an anchor or an alias bomb would make toJS throw, and a
  // foreign tag would silently become text: each is a finding at its place.
  const plain = yamlToJs(doc);
  if ('problems' in plain) {
    return {
      findings: plain.problems.map(({ offset, problem, allowed, hint: fix }) => {
        const { line, col } = lines.linePos(offset);
        // The place only, not the field: a key of a broken file may be the token itself.
        return { path: [], problem: `is not plain YAML data (line ${line}, column ${col}): ${problem}`, ...(allowed !== undefined && { allowed }), hint: fix };
      }),
    };
  }
  const config: unknown = plain.value;
  if (!isMap(config)) {
    return { findings: [{ path: [], problem: config == null ? 'is empty' : 'is not a YAML mapping', allowed: `a kubeconfig: ${allowed}`, hint }] };
  }
  const layout: Finding[] = [];
  const expectName = (path: string, value: unknown) => {
    if (value !== name) {
      layout.push({ path: [path], value, problem: `is not the cluster name ${JSON.stringify(name)}`, allowed, hint });
    }
  };
  const only = (list: string): Record<string, unknown> | undefined => {
    const entries = config[list];
    if (!Array.isArray(entries) || entries.length !== 1 || !isMap(entries[0])) {
      const count = Array.isArray(entries) ? entries.length : 0;
      const problem = count === 1 ? 'holds an entry that is not a mapping' : `holds ${count} entries, not exactly one`;
      layout.push({ path: [list], problem, allowed, hint });
      return undefined;
    }
    expectName(`${list}[0].name`, entries[0].name);
    return entries[0];
  };
  const cluster = only('clusters');
  const context = only('contexts');
  const user = only('users');
  if (context !== undefined) {
    const { cluster: contextCluster, user: contextUser } = isMap(context.context) ? context.context : { cluster: undefined, user: undefined };
    expectName('contexts[0].context.cluster', contextCluster);
    expectName('contexts[0].context.user', contextUser);
  }
  // Pilot builds its client from the current context (clientcmd), whatever else the file holds.
  expectName('current-context', config['current-context']);
  if (layout.length > 0 || cluster === undefined || user === undefined) {
    return { findings: layout };
  }
  const clusterFields = isMap(cluster.cluster) ? cluster.cluster : {};
  const userFields = isMap(user.user) ? user.user : {};
  const caData = clusterFields['certificate-authority-data'];
  const input: KubeconfigInput = {
    name,
    server: typeof clusterFields.server === 'string' ? clusterFields.server : '',
    // A CA named by file path (certificate-authority) would be read inside Pilot's pod, where that file is not: data only.
    caPem: typeof caData === 'string' ? Buffer.from(caData, 'base64').toString('utf8') : '',
    token: typeof userFields.token === 'string' ? userFields.token : '',
  };
  return { input, findings: checkKubeconfigInput(input, FILE_SOURCES, declared) };
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
