/**
 * `global` values that differ from both charts' defaults in everything a
 * control-plane pod takes from them: registry, tag, pull policy and secrets,
 * priority class and default resources. For the "takes ... from the values"
 * test of each component.
 */
export const CUSTOM_GLOBAL = {
  hub: 'registry.example/istio',
  tag: '1.0.7-patched',
  imagePullPolicy: 'Always' as const,
  imagePullSecrets: ['regcred'],
  priorityClassName: 'system-cluster-critical',
  defaultResources: { requests: { cpu: '50m', memory: '64Mi' } },
};
