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

/** Pilot's and Mixer's validation webhooks, on Galley's `/admitpilot` and `/admitmixer`. */
function validationWebhooks(namespace: string): string {
  return `  - name: pilot.validation.istio.io
    clientConfig:
      service:
        name: istio-galley
        namespace: ${namespace}
        path: "/admitpilot"
      caBundle: ""
    rules:
      - operations:
        - CREATE
        - UPDATE
        apiGroups:
        - config.istio.io
        apiVersions:
        - v1alpha2
        resources:
        - httpapispecs
        - httpapispecbindings
        - quotaspecs
        - quotaspecbindings
      - operations:
        - CREATE
        - UPDATE
        apiGroups:
        - rbac.istio.io
        apiVersions:
        - "*"
        resources:
        - "*"
      - operations:
        - CREATE
        - UPDATE
        apiGroups:
        - authentication.istio.io
        apiVersions:
        - "*"
        resources:
        - "*"
      - operations:
        - CREATE
        - UPDATE
        apiGroups:
        - networking.istio.io
        apiVersions:
        - "*"
        resources:
        - destinationrules
        - envoyfilters
        - gateways
        - serviceentries
        - virtualservices
    failurePolicy: Fail
  - name: mixer.validation.istio.io
    clientConfig:
      service:
        name: istio-galley
        namespace: ${namespace}
        path: "/admitmixer"
      caBundle: ""
    rules:
      - operations:
        - CREATE
        - UPDATE
        apiGroups:
        - config.istio.io
        apiVersions:
        - v1alpha2
        resources:
        - rules
        - attributemanifests
        - circonuses
        - deniers
        - fluentds
        - kubernetesenvs
        - listcheckers
        - memquotas
        - noops
        - opas
        - prometheuses
        - rbacs
        - servicecontrols
        - solarwindses
        - stackdrivers
        - statsds
        - stdios
        - apikeys
        - authorizations
        - checknothings
        # - kuberneteses
        - listentries
        - logentries
        - metrics
        - quotas
        - reportnothings
        - servicecontrolreports
        - tracespans
    failurePolicy: Fail`;
}
