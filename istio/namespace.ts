/**
 * The namespace Istio 1.0.7's charts are installed into unless `helm
 * --namespace` says otherwise, and so the default of `istio.namespace`.
 */
export const DEFAULT_ISTIO_NAMESPACE = 'istio-system';
