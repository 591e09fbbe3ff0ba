/**
 * The ValidatingWebhookConfiguration that Istio 1.0.7's Galley registers
 * itself, from a file of ConfigMap `istio-galley-configuration` (its
 * `--webhook-config-file`), line for line as the galley subchart writes it,
 * less the Helm labels. Galley fills in `caBundle` and keeps the object in
 * step at run time, so it is data here, not an object of the output; it stays
 * in `admissionregistration.k8s.io/v1beta1`, the only version the 1.0.7
 * Galley writes.
 */

/** The file's text. Without `configValidation`, `webhooks` is left empty, as the chart leaves it. */
export function galleyWebhookConfiguration(namespace: string, configValidation: boolean): string {
  const head = `apiVersion: admissionregistration.k8s.io/v1beta1
kind: ValidatingWebhookConfiguration
metadata:
  name: istio-galley
  namespace: ${namespace}
  labels:
    app: istio-galley
webhooks:`;
  return configValidation ? `${head}\n${validationWebhooks(namespace)}` : head;
}

interface ValidationWebhook {
  /** `pilot` or `mixer`: the webhook's name and Galley's `/admit<component>` path. */
  readonly component: string;
  readonly rules: readonly ValidationRule[];
}

interface ValidationRule {
  readonly apiGroup: string;
  readonly apiVersion: string;
  readonly resources: readonly string[];
}

/**
 * Pilot's and Mixer's validation webhooks, on Galley's `/admitpilot` and
 * `/admitmixer`: per rule the API group, version and kinds, as the chart lists
 * them (Mixer's keeps the chart's commented-out `kuberneteses`).
 */
const VALIDATION_WEBHOOKS: readonly ValidationWebhook[] = [
  {
    component: 'pilot',
    rules: [
      {
        apiGroup: 'config.istio.io',
        apiVersion: 'v1alpha2',
        resources: ['httpapispecs', 'httpapispecbindings', 'quotaspecs', 'quotaspecbindings'],
      },
      {
        apiGroup: 'rbac.istio.io',
        apiVersion: '"*"',
        resources: ['"*"'],
      },
      {
        apiGroup: 'authentication.istio.io',
        apiVersion: '"*"',
        resources: ['"*"'],
      },
      {
        apiGroup: 'networking.istio.io',
        apiVersion: '"*"',
        resources: ['destinationrules', 'envoyfilters', 'gateways', 'serviceentries', 'virtualservices'],
      },
    ],
  },
  {
    component: 'mixer',
    rules: [
      {
        apiGroup: 'config.istio.io',
        apiVersion: 'v1alpha2',
        resources: ['rules', 'attributemanifests', 'circonuses', 'deniers', 'fluentds', 'kubernetesenvs', 'listcheckers', 'memquotas', 'noops', 'opas', 'prometheuses', 'rbacs', 'servicecontrols', 'solarwindses', 'stackdrivers', 'statsds', 'stdios', 'apikeys', 'authorizations', 'checknothings', '# - kuberneteses', 'listentries', 'logentries', 'metrics', 'quotas', 'reportnothings', 'servicecontrolreports', 'tracespans'],
      },
    ],
  },
];

function validationWebhooks(namespace: string): string {
  return VALIDATION_WEBHOOKS.map((webhook) => validationWebhook(namespace, webhook)).join('\n');
}

function validationWebhook(namespace: string, { component, rules }: ValidationWebhook): string {
  const head = `  - name: ${component}.validation.istio.io
    clientConfig:
      service:
        name: istio-galley
        namespace: ${namespace}
        path: "/admit${component}"
      caBundle: ""
    rules:`;
  return [head, ...rules.map(validationRule), '    failurePolicy: Fail'].join('\n');
}

/** A rule on CREATE and UPDATE; a kind written as a YAML comment stays one. */
function validationRule(rule: ValidationRule): string {
  const kinds = rule.resources.map((kind) => (kind.startsWith('#') ? `        ${kind}` : `        - ${kind}`));
  return `      - operations:
        - CREATE
        - UPDATE
        apiGroups:
        - ${rule.apiGroup}
        apiVersions:
        - ${rule.apiVersion}
        resources:
${kinds.join('\n')}`;
}
