/** A small valid topology (a primary and one remote in podIP exposure); a failing case edits one line of it. */
export const VALID = `istio:
  namespace: istio-system
controlPlane:
  pilot: 10.8.0.12
  policy: 10.8.0.13
  telemetry: 10.8.0.14
  statsd:
    enabled: true
    host: 10.8.0.15
clusters:
  - name: primary
    role: primary
    podCIDR: 10.8.0.0/16
    serviceCIDR: 10.96.0.0/16
    apiServer: https://primary:6443
  - name: remote-1
    role: remote
    podCIDR: 10.9.0.0/16
    serviceCIDR: 10.97.0.0/16
    apiServer: https://remote-1:6443
    injectionNamespaces: [bookinfo]
`;
