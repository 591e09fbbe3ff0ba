import { parseTopology } from '../../topology/load';
import { topologyErrors } from '../support/topology-errors';
import { VALID } from '../support/valid-topology';


/** The errors synth reports for `text`, which must be rejected. */
function errorsOf(text: string): string[] {
  const errors = topologyErrors(text);
  if (errors.length === 0) {
    throw new Error('expected the topology to be rejected');
  }
  return errors;
}

function edit(from: string, to: string): string {
  if (!VALID.includes(from)) {
    throw new Error(`test bug: ${from} is not in the base topology`);
  }
  return VALID.replace(from, to);
}

describe('parseTopology', () => {
  it('applies the defaults of every optional field', () => {
    // GIVEN a topology that leaves the optional fields out
    // WHEN it is parsed
    const { topology } = parseTopology(VALID, 'mesh.yaml');
    // THEN the chart's defaults fill them in
    expect(topology.istio).toEqual({
      namespace: 'istio-system',
      hub: 'docker.io/istio',
      tag: '1.0.7',
      controlPlaneSecurityEnabled: false,
      mtlsEnabled: false,
      tracingEnabled: false,
      ca: { selfSigned: true },
    });
    expect(topology.controlPlane.exposure).toBe('podIP');
    expect(topology.controlPlane.statsd.port).toBe(9125);
    const remote = topology.clusters[1];
    expect(remote.role === 'remote' && remote.sidecarInjectorWebhook).toBe(true);
    expect(remote.role === 'remote' && remote.pilotSelectorlessService).toBe(false);
    const primary = topology.clusters[0];
    expect(primary.role === 'primary' && primary.values).toEqual({});
    expect(topology.services).toEqual([]);
  });

  it('reports every error at once, shape and cross-cluster rules together, in file order', () => {
    // GIVEN a bad name, a bad CIDR, a second primary and an overlap, written out of order
    const text = edit('name: remote-1', 'name: Remote_1')
      .replace('role: remote', 'role: primary')
      .replace('podCIDR: 10.9.0.0/16', 'podCIDR: 10.8.0.0/24')
      .replace('serviceCIDR: 10.96.0.0/16', 'serviceCIDR: 10.96.0.0/33')
      .replace('    injectionNamespaces: [bookinfo]\n', '');
    // WHEN it is parsed
    const errors = errorsOf(text);
    // THEN one run reports all of them, sorted by line
    expect(errors.map((e) => e.split(': ').slice(0, 2).join(': '))).toEqual([
      'mesh.yaml:11:3: clusters',
      'mesh.yaml:14:18: clusters[0].serviceCIDR',
      'mesh.yaml:16:11: clusters[1].name',
      'mesh.yaml:17:11: clusters[1].role',
      'mesh.yaml:18:14: clusters[1].podCIDR',
    ]);
    expect(errors[0]).toMatch(/has no cluster with role remote/);
    expect(errors[4]).toMatch(/overlaps clusters\[0\]\.podCIDR \(primary\) 10\.8\.0\.0\/16/);
  });

  it('fails when the YAML is malformed', () => {
    const [error] = errorsOf(edit('injectionNamespaces: [bookinfo]', 'injectionNamespaces: [bookinfo'));
    expect(error).toMatch(/^mesh\.yaml:22:1: YAML syntax error \(\w+\): .*: fix the syntax at this position$/);
  });

  it('fails when a key appears twice', () => {
    const [error] = errorsOf(edit('    role: remote\n', '    role: remote\n    role: remote\n'));
    expect(error).toBe('mesh.yaml:18:5: key "role" appears twice in the same map (first at line 17): keep one; YAML would silently use only one of them');
  });

  it('fails when an alias has no anchor, instead of crashing', () => {
    // GIVEN `policy: *nope`, an alias of an anchor that does not exist
    // WHEN it is parsed
    const errors = errorsOf(edit('policy: 10.8.0.13', 'policy: *nope'));
    // THEN one located error names the alias, and nothing throws
    expect(errors).toEqual([
      'mesh.yaml:5:11: controlPlane.policy: the YAML alias *nope has no anchor &nope before it: put `&nope` on the value to repeat, above this line, or write the value out',
    ]);
  });

  it('fails when aliases expand like an alias bomb, instead of crashing', () => {
    // GIVEN a billion-laughs chain of aliases above a valid topology
    const bomb = ['x-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]', 'x-b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'x-c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'x-d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]'];
    // WHEN it is parsed
    const errors = errorsOf(`${bomb.join('\n')}\n${VALID}`);
    // THEN the yaml library's maxAliasCount stops it, as a located error at the first alias
    expect(errors).toEqual([
      'mesh.yaml:2:10: x-b[0]: the YAML aliases from here on are expanded more than 100 times, which is how an alias bomb starts (allowed: at most 100): write the values out, or use fewer aliases',
    ]);
  });

  it('accepts an alias of an anchor defined before it', () => {
    const { topology } = parseTopology(edit('policy: 10.8.0.13', 'policy: &policy 10.8.0.13').replace('telemetry: 10.8.0.14', 'telemetry: *policy'), 'mesh.yaml');
    expect(topology.controlPlane.telemetry).toBe('10.8.0.13');
  });

  it.each([
    ['!!python/object:os.system ls', '4:36', '!!python/object:os.system'],
    ['!foo 10.8.0.12', '4:15', '!foo'],
    ['!!binary aGk=', '4:19', '!!binary'],
  ])('fails when a value carries the YAML tag %s, instead of dropping the tag', (written, position, tag) => {
    const errors = errorsOf(edit('pilot: 10.8.0.12', `pilot: ${written}`));
    expect(errors).toEqual([
      `mesh.yaml:${position}: controlPlane.pilot: the YAML tag ${tag} is not one of the core schema's (allowed: !!str, !!int, !!float, !!bool, !!null, !!map, !!seq): remove the tag; the value would otherwise be read as plain text`,
    ]);
  });

  it('accepts the core schema\'s own tags', () => {
    const { topology } = parseTopology(edit('pilot: 10.8.0.12', 'pilot: !!str 10.8.0.12'), 'mesh.yaml');
    expect(topology.controlPlane.pilot).toBe('10.8.0.12');
  });

  it.each([
    ['a password file', 'root:$6$Zq8vN3kLr$secrethashvalue:19000:0:99999:7:::\n', 'it is a map of 1 key, none of them a topology key'],
    ['a one-line string', 'root:$6$Zq8vN3kLr$secrethashvalue\n', 'it holds a string of 33 characters, not a map'],
    ['a list', '- root:$6$Zq8vN3kLr$secrethashvalue\n- bin\n', 'it holds a list of 2 entries, not a map'],
  ])('fails when the file is %s, without echoing its content', (_what, text, what) => {
    const errors = errorsOf(text);
    expect(errors).toEqual([
      `mesh.yaml:1:1: (document): the file is not a mesh topology: ${what} (allowed: a map with the keys istio, controlPlane, clusters, services): point MESH_TOPOLOGY at your mesh.yaml, or start from the mesh.yaml of the README`,
    ]);
    expect(errors.join('\n')).not.toMatch(/Zq8vN3kLr|root/);
  });

  it('fails when the file holds no YAML value', () => {
    expect(errorsOf('# nothing yet\n')).toEqual([
      'mesh.yaml:1:1: (document): the file holds no YAML value (allowed: a map with the keys istio, controlPlane, clusters, services): point MESH_TOPOLOGY at your mesh.yaml, or start from the mesh.yaml of the README',
    ]);
  });

  it('fails when a key is unknown, and suggests the nearest one', () => {
    // the missing podCIDR and the unknown podCidr are both reported
    const errors = errorsOf(edit('podCIDR: 10.9.0.0/16', 'podCidr: 10.9.0.0/16'));
    expect(errors).toHaveLength(2);
    const unknown = errors.find((e) => e.includes('podCidr'));
    expect(unknown).toBe(
      'mesh.yaml:18:5: clusters[1].podCidr: is not a known field (allowed: name, podCIDR, serviceCIDR, apiServer, context, cacerts, role, sidecarInjectorWebhook, injectionNamespaces, pilotSelectorlessService, kubeconfig, values): did you mean "podCIDR"?',
    );
  });

  it('fails when a value has the wrong type', () => {
    const [error] = errorsOf(edit('enabled: true', 'enabled: "yes"'));
    expect(error).toBe('mesh.yaml:8:14: controlPlane.statsd.enabled: "yes" is a string, not a boolean (allowed: a boolean): write true or false, without quotes');
  });

  it('fails when a required field is missing', () => {
    const [error] = errorsOf(edit('    apiServer: https://remote-1:6443\n', ''));
    expect(error).toMatch(/^mesh\.yaml:16:5: clusters\[1\]\.apiServer: is required but missing .*add `apiServer:`/);
  });

  it('fails when a cluster name is not a DNS-1123 label', () => {
    const [error] = errorsOf(edit('name: remote-1', 'name: Remote_1'));
    expect(error).toBe(
      `mesh.yaml:16:11: clusters[1].name: "Remote_1" is not a DNS-1123 label (allowed: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters): rename the cluster, for example "remote-1"`,
    );
  });

  it('fails when a cluster name would leave its folder', () => {
    const [error] = errorsOf(edit('name: remote-1', 'name: ../x'));
    expect(error).toMatch(/^mesh\.yaml:16:11: clusters\[1\]\.name: "\.\.\/x" is not a DNS-1123 label .*for example "x"$/);
  });

  it('fails when a cluster name is longer than 63 characters', () => {
    const [error] = errorsOf(edit('name: remote-1', `name: ${'r'.repeat(64)}`));
    expect(error).toMatch(/^mesh\.yaml:16:11: clusters\[1\]\.name: "r{64}" is not a DNS-1123 label .*for example "r{63}"$/);
  });

  it('fails when two clusters share a name', () => {
    const [error] = errorsOf(edit('name: remote-1', 'name: primary'));
    expect(error).toMatch(/^mesh\.yaml:16:11: clusters\[1\]\.name: "primary" is already the name of clusters\[0\]/);
  });

  it.each([
    ['cacerts', "the cluster's CA, which Citadel signs with when the CA is shared (dist-secrets/)"],
    ['istio-ca-secret', "Citadel's self-signed CA, which Citadel writes itself"],
    ['istio-ingressgateway-certs', "the ingress gateway's TLS certificate (charts/gateways)"],
  ])('fails when a remote is named %s, a Secret the control plane keeps in its namespace', (name, owner) => {
    const errors = errorsOf(edit('name: remote-1', `name: ${name}`));
    expect(errors).toEqual([
      `mesh.yaml:16:11: clusters[1].name: "${name}" names this remote's kubeconfig Secret on the primary, Secret istio-system/${name}, which is already ${owner}: applying one would replace the other (allowed: a name that is not one of the control plane's Secrets (cacerts, istio-ca-secret, istio-ingressgateway-certs, istio-ingressgateway-ca-certs, istio-egressgateway-certs, istio-egressgateway-ca-certs, kiali)): rename the cluster, for example "remote-${name}"`,
    ]);
  });

  it('accepts a primary named like a control-plane Secret, which makes no Secret', () => {
    expect(() => parseTopology(edit('name: primary', 'name: cacerts'), 'mesh.yaml')).not.toThrow();
  });

  it('fails when there is no primary', () => {
    const [error] = errorsOf(edit('role: primary', 'role: remote'));
    expect(error).toMatch(/^mesh\.yaml:11:3: clusters: has no cluster with role primary .*set `role: primary`/);
  });

  it('fails when there are two primaries', () => {
    const errors = errorsOf(edit('role: remote', 'role: primary').replace('    injectionNamespaces: [bookinfo]\n', ''));
    // in file order: the list, then the second primary's role
    expect(errors[0]).toMatch(/^mesh\.yaml:11:3: clusters: has no cluster with role remote/);
    expect(errors[1]).toMatch(/^mesh\.yaml:17:11: clusters\[1\]\.role: "primary" makes a second primary/);
  });

  it('fails when the role is unknown', () => {
    const [error] = errorsOf(edit('role: remote', 'role: remte'));
    expect(error).toBe('mesh.yaml:17:11: clusters[1].role: "remte" is not one of the accepted values (allowed: "primary", "remote"): did you mean "remote"?');
  });

  it('fails when a CIDR is malformed', () => {
    const [error] = errorsOf(edit('podCIDR: 10.9.0.0/16', 'podCIDR: 10.9.0.1/16'));
    expect(error).toMatch(/^mesh\.yaml:18:14: clusters\[1\]\.podCIDR: "10\.9\.0\.1\/16" is not a CIDR block .*: write the network address, "10\.9\.0\.0\/16"/);
  });

  it('fails when a CIDR overlaps another cluster\'s', () => {
    const [error] = errorsOf(edit('serviceCIDR: 10.97.0.0/16', 'serviceCIDR: 10.8.128.0/20'));
    expect(error).toMatch(/^mesh\.yaml:19:18: clusters\[1\]\.serviceCIDR: "10\.8\.128\.0\/20" overlaps clusters\[0\]\.podCIDR \(primary\) 10\.8\.0\.0\/16/);
  });

  it('fails when a cluster\'s own pod and service CIDRs overlap', () => {
    const [error] = errorsOf(edit('serviceCIDR: 10.97.0.0/16', 'serviceCIDR: 10.9.0.0/24'));
    expect(error).toMatch(/^mesh\.yaml:19:18: clusters\[1\]\.serviceCIDR: "10\.9\.0\.0\/24" overlaps clusters\[1\]\.podCIDR \(remote-1\)/);
  });

  it('fails when IPv6 networks overlap', () => {
    const text = edit('podCIDR: 10.8.0.0/16', 'podCIDR: fd00:8::/32').replace('podCIDR: 10.9.0.0/16', 'podCIDR: fd00:8:1::/48');
    const [error] = errorsOf(text);
    expect(error).toMatch(/^mesh\.yaml:18:14: clusters\[1\]\.podCIDR: "fd00:8:1::\/48" overlaps clusters\[0\]\.podCIDR \(primary\) fd00:8::\/32/);
  });

  it.each(['::ffff:10.9.0.0/112', '::ffff:a09:0/112'])('fails when the IPv4-mapped IPv6 network %s overlaps an IPv4 one', (mapped) => {
    const [error] = errorsOf(edit('serviceCIDR: 10.97.0.0/16', `serviceCIDR: "${mapped}"`));
    expect(error).toMatch(new RegExp(`^mesh\\.yaml:19:18: clusters\\[1\\]\\.serviceCIDR: "${mapped.replace(/\./g, '\\.')}" overlaps clusters\\[1\\]\\.podCIDR \\(remote-1\\) 10\\.9\\.0\\.0/16`));
  });

  it('fails when an address is neither an IP nor a DNS name', () => {
    const [error] = errorsOf(edit('pilot: 10.8.0.12', 'pilot: http://pilot:15007'));
    expect(error).toMatch(/^mesh\.yaml:4:10: controlPlane\.pilot: "http:\/\/pilot:15007" is neither an IP address nor a DNS name/);
  });

  it('fails when the selector-less pilot Endpoints are asked for with a host name', () => {
    const text = edit('pilot: 10.8.0.12', 'pilot: pilot.example.com').replace('injectionNamespaces: [bookinfo]', 'pilotSelectorlessService: true');
    const [error] = errorsOf(text);
    expect(error).toMatch(/^mesh\.yaml:21:31: clusters\[1\]\.pilotSelectorlessService: true asks for istio-pilot Endpoints, but controlPlane\.pilot is the host name "pilot\.example\.com"/);
  });

  it('fails when statsd is enabled without a host', () => {
    const [error] = errorsOf(edit('    host: 10.8.0.15\n', ''));
    expect(error).toMatch(/^mesh\.yaml:8:5: controlPlane\.statsd\.host: is missing while statsd is enabled .*: run `npm run --silent mesh -- discover/);
  });

  it('reports a mistyped pilot IP once, not again as a host name for the selector-less Endpoints', () => {
    const text = edit('pilot: 10.8.0.12', 'pilot: 10.8.0.300').replace('injectionNamespaces: [bookinfo]', 'pilotSelectorlessService: true');
    const errors = errorsOf(text);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^mesh\.yaml:4:10: controlPlane\.pilot: "10\.8\.0\.300" is neither an IP address nor a DNS name/);
  });

  it('fails when a port is out of range', () => {
    const [error] = errorsOf(edit('host: 10.8.0.15', 'host: 10.8.0.15\n    port: 70000'));
    expect(error).toMatch(/^mesh\.yaml:10:11: controlPlane\.statsd\.port: 70000 is not a port number \(allowed: an integer from 1 to 65535\)/);
  });

  it('fails when the API server is not an https URL', () => {
    const [error] = errorsOf(edit('apiServer: https://remote-1:6443', 'apiServer: http://remote-1:6443'));
    expect(error).toMatch(/^mesh\.yaml:20:16: clusters\[1\]\.apiServer: "http:\/\/remote-1:6443" is not an https:\/\/ URL/);
  });

  it.each([
    ['https://admin:hunter2@remote-1:6443', 'has a user name or password (user:password@), which'],
    ['https://remote-1:6443/k8s/clusters/c-1', 'has a path, which'],
    ['https://remote-1:6443?token=hunter2', 'has a query (?...), which'],
  ])('fails when the API server URL is %s, without echoing it', (url, problem) => {
    const [error, ...more] = errorsOf(edit('apiServer: https://remote-1:6443', `apiServer: "${url}"`));
    expect(more).toEqual([]);
    expect(error).toBe(
      `mesh.yaml:20:16: clusters[1].apiServer: ${problem} an API server URL does not carry; the value is not shown, as it may hold a secret (allowed: https://, a host and an optional port, such as https://10.0.0.1:6443): keep only the scheme, host and port; credentials belong in the kubeconfig that \`mesh kubeconfig\` writes`,
    );
  });

  it('fails when a URL that is not https carries a password, without echoing it', () => {
    const [error] = errorsOf(edit('apiServer: https://remote-1:6443', 'apiServer: "http://admin:hunter2@remote-1:6443"'));
    expect(error).toMatch(/^mesh\.yaml:20:16: clusters\[1\]\.apiServer: is not an https:\/\/ URL; the value is not shown/);
    expect(error).not.toContain('hunter2');
  });

  it('fails when a context name holds a line break, which would reach the shell script synth writes', () => {
    const [error] = errorsOf(edit('apiServer: https://primary:6443', 'apiServer: https://primary:6443\n    context: "primary\\nrm -rf ~"'));
    expect(error).toBe(
      'mesh.yaml:16:14: clusters[0].context: "primary\\nrm -rf ~" is not a kubeconfig context name (allowed: one line of printable characters, as `kubectl config get-contexts -o name` prints it): copy the name from `kubectl config get-contexts -o name`',
    );
  });

  it('fails when an injection namespace is listed twice', () => {
    const [error] = errorsOf(edit('[bookinfo]', '[bookinfo, bookinfo]'));
    expect(error).toMatch(/^mesh\.yaml:21:37: clusters\[1\]\.injectionNamespaces\[1\]: "bookinfo" is listed twice/);
  });

  it('fails when the control-plane namespace is labeled for injection', () => {
    const [error] = errorsOf(edit('[bookinfo]', '[bookinfo, istio-system]'));
    expect(error).toMatch(/^mesh\.yaml:21:37: clusters\[1\]\.injectionNamespaces\[1\]: "istio-system" is the control-plane namespace/);
  });

  it.each(['kube-system', 'kube-public', 'kube-node-lease'])('fails when the Kubernetes namespace %s is labeled for injection', (namespace) => {
    const [error] = errorsOf(edit('[bookinfo]', `[bookinfo, ${namespace}]`));
    expect(error).toBe(
      `mesh.yaml:21:37: clusters[1].injectionNamespaces[1]: "${namespace}" is one of Kubernetes' own namespaces, and the injection webhook's failurePolicy is Fail: while the injector is down, no pod would start there (allowed: application namespaces; none starting with 'kube-'): remove it from the list; the cluster's own pods must not depend on the mesh`,
    );
  });

  const SERVICE = '  - name: reviews\n    namespace: bookinfo\n    ports: [{name: http, port: 9080}]\n    selector: {app: reviews}\n';

  it('fails when a service selector value is not a Kubernetes label value', () => {
    const errors = errorsOf(`${VALID}services:\n${SERVICE.replace('{app: reviews}', '{app: re views}')}`);
    expect(errors).toEqual([
      `mesh.yaml:26:21: services[0].selector.app: "re views" is not a Kubernetes label value: it has characters other than letters, digits, '-', '_' and '.', or does not start and end with a letter or digit (allowed: empty, or at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit): write the value of the label the pods carry`,
    ]);
  });

  it('fails when a service has no ports, in words that agree in number', () => {
    const errors = errorsOf(`${VALID}services:\n${SERVICE.replace('[{name: http, port: 9080}]', '[]')}`);
    expect(errors).toEqual(['mesh.yaml:25:12: services[0].ports: [] has too few entries (allowed: at least 1 entry): add an entry']);
  });

  it('fails when a service selector is empty', () => {
    const errors = errorsOf(`${VALID}services:\n${SERVICE.replace('{app: reviews}', '{}')}`);
    expect(errors).toEqual([
      "mesh.yaml:26:15: services[0].selector: {} is empty, so it would select no pods the mesh means, or every pod (allowed: at least one label, such as {app: reviews}): write the labels of the pods, as in their Deployment's template",
    ]);
  });

  it('fails when the gateway selector has a key and a value Kubernetes refuses, naming the key without echoing the value twice', () => {
    const gateway = edit('  pilot: 10.8.0.12\n  policy: 10.8.0.13\n  telemetry: 10.8.0.14\n', '  exposure: gateway\n  gateway:\n    address: 10.8.0.20\n    selector: {"istio ": "in gress"}\n');
    const errors = errorsOf(gateway);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^mesh\.yaml:7:16: controlPlane\.gateway\.selector\["istio "\]: is not a Kubernetes label key: it has a name with characters other than letters, digits, '-', '_' and '\.'.* \(allowed: an optional DNS-1123 subdomain prefix and '\/', then a name/);
    expect(errors[1]).toMatch(/^mesh\.yaml:7:26: controlPlane\.gateway\.selector\["istio "\]: "in gress" is not a Kubernetes label value/);
  });

  it('fails when the gateway selector is empty', () => {
    const gateway = edit('  pilot: 10.8.0.12\n  policy: 10.8.0.13\n  telemetry: 10.8.0.14\n', '  exposure: gateway\n  gateway:\n    address: 10.8.0.20\n    selector: {}\n');
    expect(errorsOf(gateway)).toEqual([expect.stringMatching(/^mesh\.yaml:7:15: controlPlane\.gateway\.selector: \{\} is empty, so it would select no pods/)]);
  });

  it('fails when a load balancer annotation key is not a Kubernetes annotation key', () => {
    const text = edit('  pilot: 10.8.0.12\n', '  exposure: loadBalancer\n  pilot: 10.8.0.12\n  loadBalancer:\n    pilot:\n      annotations: {"bad key!": "true"}\n');
    expect(errorsOf(text)).toEqual([
      expect.stringMatching(/^mesh\.yaml:8:21: controlPlane\.loadBalancer\.pilot\.annotations\["bad key!"\]: is not a Kubernetes annotation key: it has a name with characters/),
    ]);
  });

  it.each([
    ['cpu: lots', 'proxy.resources.requests.cpu: "lots" is not a Kubernetes resource quantity'],
    ['memory: 1 Gi', 'proxy.resources.requests.memory: "1 Gi" is not a Kubernetes resource quantity'],
    ['gpu: 1', 'proxy.resources.requests.gpu: is not a container resource name'],
  ])('fails when a values block asks for %s', (request, message) => {
    const text = `${VALID}    values:\n      global:\n        proxy:\n          resources:\n            requests: {${request}}\n`;
    expect(errorsOf(text)).toEqual([expect.stringContaining(`: clusters[1].values.global.${message}`)]);
    expect(errorsOf(text)[0]).toMatch(/^mesh\.yaml:26:\d+: /);
  });

  it('fails when a values block names an architecture or a priority class Kubernetes refuses', () => {
    const text = `${VALID}    values:\n      global:\n        arch: {"amd 64": 2}\n        priorityClassName: Critical\n`;
    expect(errorsOf(text)).toEqual([
      expect.stringMatching(/^mesh\.yaml:24:16: clusters\[1\]\.values\.global\.arch\["amd 64"\]: is not a Kubernetes label value, as the node affinity needs/),
      expect.stringMatching(/^mesh\.yaml:25:28: clusters\[1\]\.values\.global\.priorityClassName: "Critical" is not a PriorityClass name/),
    ]);
  });

  it('fails when a values block has a key the chart does not have', () => {
    const [error] = errorsOf(`${VALID}    values:\n      global:\n        hubb: x\n`);
    expect(error).toMatch(/^mesh\.yaml:24:9: clusters\[1\]\.values\.global\.hubb: is not a known field .*did you mean "hub"\?/);
  });
});
