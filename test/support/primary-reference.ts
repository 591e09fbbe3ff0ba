import { parseAllDocuments } from 'yaml';
import { readReference } from './parity';

/**
 * A render of Istio 1.0.7's `istio` chart as the reference README
 * (../shared/reference/istio-1.0.7/README.md) compares it: each item of the
 * tracing subchart's `kind: List` documents is an object in its own right,
 * and the `post-install` hook is replaced by what it applies. That hook's
 * Job runs `kubectl apply` on the documents in ConfigMap
 * `istio-security-custom-resources`; static YAML holds those documents
 * (the MeshPolicy and DestinationRules) themselves, so they are reference
 * objects, and the Job, its account trio and the ConfigMap are not.
 */

/** The ConfigMap whose `custom-resources.yaml` the post-install Job applies. */
export const SECURITY_CUSTOM_RESOURCES = 'istio-security-custom-resources';
/** The prefix of the post-install Job's name and of its ServiceAccount, ClusterRole and ClusterRoleBinding. */
const POST_INSTALL_PREFIX = 'istio-security-post-install';

export function readPrimaryReference(path: string): any[] {
  const objects = readReference(path).flatMap((object) => (object.kind === 'List' ? (object.items ?? []) : [object]));
  const customResources = objects.find((object) => object.kind === 'ConfigMap' && object.metadata?.name === SECURITY_CUSTOM_RESOURCES);
  const applied = customResources === undefined ? [] : documentsOf(customResources.data?.['custom-resources.yaml'] ?? '');
  const hookSet = (object: any) =>
    object === customResources || (typeof object.metadata?.name === 'string' && object.metadata.name.startsWith(POST_INSTALL_PREFIX));
  return [...objects.filter((object) => !hookSet(object)), ...applied];
}

function documentsOf(text: string): any[] {
  return parseAllDocuments(text)
    .map((doc) => doc.toJS())
    .filter((doc) => doc !== null && typeof doc === 'object');
}
