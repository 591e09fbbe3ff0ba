import { isHostName, isIpAddress } from '../lib/net';
import { Finding } from '../lib/finding';
import { ADDRESS_ALLOWED, checkSharedGlobalValues } from './global-values-rules';
import { IstioRemoteValues } from './istio-remote-values';

/**
 * Semantic checks of merged values: what the schema cannot see, and the
 * chart's defects (a host name in Endpoints, statsd without a host or port).
 * Returns every problem at once so that one run shows them all.
 */
export function checkIstioRemoteValues(values: IstioRemoteValues): Finding[] {
  const findings: Finding[] = [];
  const global = values.global;

  if (global.remotePilotAddress === '') {
    findings.push({
      path: ['global', 'remotePilotAddress'],
      value: '',
      problem: 'is empty, but sidecars need the control plane\'s Pilot',
      allowed: ADDRESS_ALLOWED,
      hint: 'set it to the Pilot address of the primary cluster, for example --set global.remotePilotAddress=10.8.0.12',
    });
  }
  for (const key of ['remotePilotAddress', 'remotePolicyAddress', 'remoteTelemetryAddress', 'remoteZipkinAddress'] as const) {
    const address = global[key];
    if (address !== '' && !isIpAddress(address) && !isHostName(address)) {
      findings.push({
        path: ['global', key],
        value: address,
        problem: 'is neither an IP address nor a host name',
        allowed: ADDRESS_ALLOWED,
        hint: 'write the bare address, without scheme or port (the chart appends the port)',
      });
    }
  }
  if (global.remotePilotCreateSvcEndpoint && global.remotePilotAddress !== '' && !isIpAddress(global.remotePilotAddress)) {
    // Endpoints.subsets[].addresses[].ip accepts only IPs; the API server rejects the chart's output.
    findings.push({
      path: ['global', 'remotePilotAddress'],
      value: global.remotePilotAddress,
      problem: 'is a host name, but remotePilotCreateSvcEndpoint=true writes it into Endpoints, which take only IP addresses',
      allowed: 'an IPv4 or IPv6 address',
      hint: 'give the Pilot IP address, or set global.remotePilotCreateSvcEndpoint=false to use the host name directly',
    });
  }

  findings.push(...checkSharedGlobalValues(global));
  return findings;
}
