import { isIP } from 'node:net';

/**
 * The rules the Kubernetes 1.27 API server applies beyond the OpenAPI schema
 * that validate-k8s.ts checks: the OpenAPI types a label key as "string",
 * while apimachinery's validation (IsQualifiedName, IsValidLabelValue,
 * IsDNS1123Subdomain, the resource.Quantity grammar) rejects `bad key!`.
 * A test oracle, written from the Kubernetes rules and not from this
 * project's input checks, so that a value that slipped past those checks
 * into the output is caught here. Returns one line per problem.
 */
export function apiServerRuleViolations(object: any): string[] {
  const where = `${object?.kind ?? '?'} ${object?.metadata?.namespace ?? '-'}/${object?.metadata?.name ?? '?'}`;
  const problems: string[] = [];
  const report = (path: string, problem: string) => problems.push(`${where}: ${path} ${problem}`);
  checkMetadata(object, report);
  walk(object, '', report);
  if (object?.kind === 'ConfigMap' || object?.kind === 'Secret') {
    for (const field of ['data', 'stringData']) {
      for (const key of Object.keys(object[field] ?? {})) {
        if (!CONFIG_KEY.test(key) || key.length > 253) {
          report(`${field}[${JSON.stringify(key)}]`, "is not a valid config key (letters, digits, '-', '_', '.')");
        }
      }
    }
  }
  if (object?.kind === 'ConfigMap') {
    checkTemplateQuantities(object, report);
  }
  return problems;
}

type Report = (path: string, problem: string) => void;

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const IANA_SVC_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** resource.Quantity: a signed decimal number with a binary-SI, decimal-SI or exponent suffix. */
const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;
/** Kinds named by a path segment rather than a DNS subdomain (rbac's ValidateRBACName). */
const PATH_SEGMENT_NAMED = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

export function isQualifiedName(key: string): boolean {
  const parts = key.split('/');
  if (parts.length > 2) {
    return false;
  }
  const name = parts[parts.length - 1];
  const prefix = parts.length === 2 ? parts[0] : undefined;
  return (
    name.length <= 63 &&
    QUALIFIED_NAME_PART.test(name) &&
    (prefix === undefined || (prefix.length <= 253 && DNS1123_SUBDOMAIN.test(prefix)))
  );
}

export function isLabelValue(value: string): boolean {
  return value === '' || (value.length <= 63 && QUALIFIED_NAME_PART.test(value));
}

export function isQuantity(value: unknown): boolean {
  return (typeof value === 'number' && Number.isFinite(value) && value >= 0) || (typeof value === 'string' && QUANTITY.test(value) && !value.startsWith('-'));
}

function checkMetadata(object: any, report: Report): void {
  const { name, namespace } = object?.metadata ?? {};
  const kind = object?.kind;
  if (typeof name !== 'string' || name === '') {
    report('metadata.name', 'is missing');
  } else if (kind === 'Namespace' && !(name.length <= 63 && DNS1123_LABEL.test(name))) {
    report('metadata.name', `${JSON.stringify(name)} is not a DNS-1123 label`);
  } else if (kind === 'Service' && !(name.length <= 63 && DNS1035_LABEL.test(name))) {
    report('metadata.name', `${JSON.stringify(name)} is not a DNS-1035 label`);
  } else if (PATH_SEGMENT_NAMED.has(kind) ? /[/%]/.test(name) || name === '.' || name === '..' : !(name.length <= 253 && DNS1123_SUBDOMAIN.test(name))) {
    report('metadata.name', `${JSON.stringify(name)} is not a valid ${kind} name`);
  }
  if (namespace !== undefined && !(typeof namespace === 'string' && namespace.length <= 63 && DNS1123_LABEL.test(namespace))) {
    report('metadata.namespace', `${JSON.stringify(namespace)} is not a DNS-1123 label`);
  }
}

/** Every label map, annotation map, selector, resource list and port below `node`, wherever it sits. */
function walk(node: unknown, path: string, report: Report): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => walk(item, `${path}[${i}]`, report));
    return;
  }
  if (typeof node !== 'object' || node === null) {
    return;
  }
  for (const [key, value] of Object.entries(node)) {
    const at = path === '' ? key : `${path}.${key}`;
    if (key === 'labels' || key === 'matchLabels' || (key === 'selector' && isStringMap(value))) {
      checkLabels(value, at, report, key !== 'labels');
    } else if (key === 'annotations') {
      checkAnnotations(value, at, report);
    } else if (key === 'resources' && isMap(value) && ('requests' in value || 'limits' in value)) {
      checkResources(value, at, report);
    } else if (key === 'ports' && Array.isArray(value)) {
      value.forEach((port, i) => checkPort(port, `${at}[${i}]`, report));
    } else if (key === 'addresses' && Array.isArray(value)) {
      value.forEach((address, i) => {
        if (isMap(address) && 'ip' in address && !(typeof address.ip === 'string' && isIP(address.ip) !== 0)) {
          report(`${at}[${i}].ip`, `${JSON.stringify(address.ip)} is not an IP address`);
        }
      });
    }
    walk(value, at, report);
  }
}

function checkLabels(value: unknown, at: string, report: Report, selector: boolean): void {
  if (!isMap(value)) {
    return;
  }
  const entries = Object.entries(value);
  if (selector && entries.length === 0) {
    // An empty selector selects everything (a Gateway, a matchLabels) or nothing (a Service): never what was meant.
    report(at, 'is an empty selector');
  }
  for (const [key, label] of entries) {
    if (!isQualifiedName(key)) {
      report(`${at}[${JSON.stringify(key)}]`, 'is not a valid label key');
    }
    if (typeof label !== 'string' || !isLabelValue(label)) {
      report(`${at}[${JSON.stringify(key)}]`, `has ${JSON.stringify(label)}, not a valid label value`);
    }
  }
}

function checkAnnotations(value: unknown, at: string, report: Report): void {
  if (!isMap(value)) {
    return;
  }
  for (const key of Object.keys(value)) {
    if (!isQualifiedName(key.toLowerCase())) {
      report(`${at}[${JSON.stringify(key)}]`, 'is not a valid annotation key');
    }
  }
  if (JSON.stringify(value).length > 256 * 1024) {
    report(at, 'exceeds the 256 KiB the API server allows');
  }
}

function checkResources(value: Record<string, unknown>, at: string, report: Report): void {
  for (const list of ['requests', 'limits']) {
    const quantities = value[list];
    if (!isMap(quantities)) {
      continue;
    }
    for (const [resource, quantity] of Object.entries(quantities)) {
      if (!isQualifiedName(resource)) {
        report(`${at}.${list}[${JSON.stringify(resource)}]`, 'is not a valid resource name');
      }
      if (!isQuantity(quantity)) {
        report(`${at}.${list}.${resource}`, `has ${JSON.stringify(quantity)}, not a non-negative quantity`);
      }
    }
  }
}

function checkPort(port: unknown, at: string, report: Report): void {
  if (!isMap(port)) {
    return;
  }
  for (const field of ['port', 'containerPort', 'nodePort', 'targetPort']) {
    const value = port[field];
    if (typeof value === 'number' && !(Number.isInteger(value) && value >= 1 && value <= 65535)) {
      report(`${at}.${field}`, `${value} is not a port number`);
    } else if (typeof value === 'string' && !isIanaSvcName(value)) {
      report(`${at}.${field}`, `${JSON.stringify(value)} is not a port name`);
    }
  }
  if (typeof port.name === 'string' && port.name !== '' && !(port.name.length <= 63 && DNS1123_LABEL.test(port.name))) {
    report(`${at}.name`, `${JSON.stringify(port.name)} is not a DNS-1123 label`);
  }
}

function isIanaSvcName(value: string): boolean {
  return value.length <= 15 && IANA_SVC_NAME.test(value) && !value.includes('--') && /[a-z]/.test(value);
}

/**
 * The sidecar injector's template carries the sidecar's resources as text
 * (`cpu: 100m` inside `[[ ... ]]` directives), where the walk above cannot see
 * them; a bad quantity there fails every injected pod, not the install.
 */
function checkTemplateQuantities(object: any, report: Report): void {
  for (const [key, text] of Object.entries(object.data ?? {})) {
    if (typeof text !== 'string' || !text.includes('[[')) {
      continue;
    }
    for (const match of text.matchAll(/^\s*(cpu|memory|ephemeral-storage):\s*(.+?)\s*$/gm)) {
      const quantity = match[2].replace(/^"(.*)"$/, '$1');
      if (!quantity.includes('[[') && !isQuantity(quantity)) {
        report(`data[${JSON.stringify(key)}]`, `sets ${match[1]} to ${JSON.stringify(quantity)}, not a non-negative quantity`);
      }
    }
  }
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringMap(value: unknown): boolean {
  return isMap(value) && Object.values(value).every((v) => typeof v === 'string');
}
