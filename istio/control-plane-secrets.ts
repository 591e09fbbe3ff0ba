/**
 * The Secrets of Istio 1.0.7's control plane in its own namespace on the
 * primary, by name, with who makes them. Each remote gets a Secret named after
 * it in that namespace (the one Pilot reads its kubeconfig from), so a remote
 * named like one of these would replace it when applied: `cacerts` would swap
 * the shared CA for a kubeconfig.
 */
export const CONTROL_PLANE_SECRETS: Readonly<Record<string, string>> = {
  cacerts: "the cluster's CA, which Citadel signs with when the CA is shared (dist-secrets/)",
  'istio-ca-secret': "Citadel's self-signed CA, which Citadel writes itself",
  'istio-ingressgateway-certs': "the ingress gateway's TLS certificate (charts/gateways)",
  'istio-ingressgateway-ca-certs': "the ingress gateway's client CA (charts/gateways)",
  'istio-egressgateway-certs': "the egress gateway's TLS certificate (charts/gateways)",
  'istio-egressgateway-ca-certs': "the egress gateway's client CA (charts/gateways)",
  kiali: "Kiali's login (charts/kiali)",
};
