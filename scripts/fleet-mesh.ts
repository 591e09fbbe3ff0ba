/**
 * The example mesh's settings and primary with `remotes` generated remotes,
 * each with its own pod and service networks: a fleet-sized topology for the
 * benchmark and the tests of large meshes.
 */
export function fleetMesh(example: string, remotes: number): string {
  const head = example.slice(0, example.indexOf('  - name: remote-east'));
  const clusters = Array.from({ length: remotes }, (_, i) => {
    const n = i + 1;
    // 10.<20+>.<n>.0/24 and 172.<20+>.<n>.0/24: apart from each other and from the example's networks.
    const net = `${20 + Math.floor(n / 256)}.${n % 256}.0/24`;
    return [
      `  - name: remote-${n}`,
      '    role: remote',
      `    podCIDR: 10.${net}`,
      `    serviceCIDR: 172.${net}`,
      `    apiServer: https://remote-${n}.example.com:6443`,
      `    injectionNamespaces: [app-${n}]`,
      `    pilotSelectorlessService: ${n % 2 === 0}`,
      '',
    ].join('\n');
  });
  return head + clusters.join('');
}
