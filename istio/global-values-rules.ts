import { isHostName, isIpAddress, parseCidr, suggestCidr } from '../lib/net';
import { Finding } from '../lib/finding';
import type { SharedGlobalValues } from './global-values';

/** statsd_exporter's UDP port, which Istio 1.0's statsd-prom-bridge listened on. */
export const DEFAULT_STATSD_PORT = 9125;

export const ADDRESS_ALLOWED = 'an IPv4 or IPv6 address, or a host name such as istio-pilot.example.com';

/**
 * Semantic checks of the merged `global` values both charts share: statsd,
 * the sidecar's capture ranges and ports, and the architecture weights.
 * Returns every problem at once.
 */
export function checkSharedGlobalValues(global: SharedGlobalValues): Finding[] {
  const findings: Finding[] = [];
  const statsd = global.proxy.envoyStatsd;
  if (statsd.enabled && (statsd.host === undefined || statsd.host === '')) {
    findings.push({
      path: ['global', 'proxy', 'envoyStatsd', 'host'],
      problem: 'is missing, but envoyStatsd.enabled=true (Istio 1.0.7 ships no statsd collector to default to)',
      allowed: ADDRESS_ALLOWED,
      hint: 'set global.proxy.envoyStatsd.host to your statsd collector, or set global.proxy.envoyStatsd.enabled=false',
    });
  } else if (statsd.enabled && statsd.host !== undefined && !isIpAddress(statsd.host) && !isHostName(statsd.host)) {
    findings.push({
      path: ['global', 'proxy', 'envoyStatsd', 'host'],
      value: statsd.host,
      problem: 'is neither an IP address nor a host name',
      allowed: ADDRESS_ALLOWED,
      hint: 'write the bare host; the port goes in global.proxy.envoyStatsd.port',
    });
  }
  if (statsd.port !== undefined && (statsd.port < 1 || statsd.port > 65535)) {
    findings.push({
      path: ['global', 'proxy', 'envoyStatsd', 'port'],
      value: statsd.port,
      problem: 'is not a port number',
      allowed: '1 to 65535',
      hint: `use the collector's UDP port, usually ${DEFAULT_STATSD_PORT}`,
    });
  } else if (statsd.enabled && statsd.port === undefined) {
    // The chart rendered `host:` here, which breaks the mesh config; we use the usual port instead.
    findings.push({
      path: ['global', 'proxy', 'envoyStatsd', 'port'],
      problem: `is not set: ${DEFAULT_STATSD_PORT} is used`,
      hint: 'set global.proxy.envoyStatsd.port to silence this warning',
      severity: 'warning',
    });
  }

  // The injector writes these into every pod's iptables setup; a bad entry breaks pod start-up, not the install.
  const proxy = global.proxy;
  for (const key of ['includeIPRanges', 'excludeIPRanges'] as const) {
    const bad = proxy[key] === '*' && key === 'includeIPRanges' ? [] : listItems(proxy[key]).filter((item) => parseCidr(item) === undefined);
    if (bad.length > 0) {
      const suggestion = suggestCidr(bad[0]);
      findings.push({
        path: ['global', 'proxy', key],
        value: proxy[key],
        problem: `has ${bad.map((item) => JSON.stringify(item)).join(', ')}, not a network CIDR`,
        allowed: `${key === 'includeIPRanges' ? '"*", or ' : ''}comma-separated CIDRs with no host bits, such as 10.0.0.0/8,172.16.0.0/12`,
        hint: suggestion ? `did you mean ${suggestion}?` : 'write each range as address/prefix',
      });
    }
  }
  const badPorts = listItems(proxy.excludeInboundPorts).filter((item) => !/^\d{1,5}$/.test(item) || Number(item) < 1 || Number(item) > 65535);
  if (badPorts.length > 0) {
    findings.push({
      path: ['global', 'proxy', 'excludeInboundPorts'],
      value: proxy.excludeInboundPorts,
      problem: `has ${badPorts.map((item) => JSON.stringify(item)).join(', ')}, not a port number`,
      allowed: 'comma-separated ports from 1 to 65535, or empty',
      hint: 'list the container ports the sidecar must not capture, for example 8081,9090',
    });
  }

  if (!Object.values(global.arch).some((weight) => weight > 0)) {
    findings.push({
      path: ['global', 'arch'],
      value: global.arch,
      problem: 'gives every architecture weight 0, so no node can run the control-plane pods',
      allowed: 'at least one architecture with weight 1 to 100',
      hint: 'set global.arch.amd64=2 (or the architecture of your nodes)',
    });
  }
  return findings;
}

/** `a,b` → ['a', 'b']; empty text is an empty list. */
function listItems(text: string): string[] {
  return text === '' ? [] : text.split(',');
}

/** The findings that stop a render; warnings do not. */
export function errorsOf(findings: readonly Finding[]): Finding[] {
  return findings.filter((finding) => (finding.severity ?? 'error') === 'error');
}
