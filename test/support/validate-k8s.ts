import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { istioCrdFor, isIstioApiVersion } from '../../istio/crds';

/**
 * Validates rendered objects against the Kubernetes 1.27 OpenAPI schema, using
 * kubernetes-models 4.4.2 (one class per group/version/kind, CommonJS).
 * kubernetes-models also keeps versions 1.27 no longer serves
 * (extensions/v1beta1 ...), so the served set comes from imports/k8s.ts,
 * generated from the 1.27 API.
 * Istio's custom resources are not in it: each must be served by one of the
 * 50 CRDs of istio/crds.ts, whose schema keeps any object, and be namespaced
 * exactly when its CRD is.
 */

export function validateAgainstK8s(objects: readonly any[]): void {
  objects.forEach((object, index) => {
    const where = `object ${index} (${object?.kind ?? '?'} ${object?.metadata?.namespace ?? '-'}/${object?.metadata?.name ?? '?'})`;
    if (typeof object?.apiVersion !== 'string' || typeof object?.kind !== 'string') {
      throw new Error(`${where} has no apiVersion or kind`);
    }
    if (isIstioApiVersion(object.apiVersion)) {
      checkIstioResource(object, where);
      return;
    }
    if (!servedKinds().has(`${object.apiVersion} ${object.kind}`)) {
      throw new Error(`${where}: Kubernetes 1.27 does not serve ${object.apiVersion} ${object.kind}`);
    }
    const model = loadModel(object.apiVersion, object.kind, where);
    try {
      new model(object).validate();
    } catch (error) {
      throw new Error(`${where} is invalid for Kubernetes 1.27 ${object.apiVersion} ${object.kind}: ${(error as Error).message}`);
    }
  });
}

function checkIstioResource(object: any, where: string): void {
  const crd = istioCrdFor(object.apiVersion, object.kind);
  if (crd === undefined) {
    throw new Error(`${where}: no Istio 1.0.7 CRD serves ${object.apiVersion} ${object.kind}`);
  }
  if (typeof object.metadata?.name !== 'string' || object.metadata.name === '') {
    throw new Error(`${where} has no metadata.name`);
  }
  const namespaced = object.metadata.namespace !== undefined;
  if (namespaced !== (crd.scope === 'Namespaced')) {
    throw new Error(`${where}: ${object.kind} is ${crd.scope === 'Namespaced' ? 'namespaced and needs' : 'cluster-scoped and takes no'} metadata.namespace`);
  }
}

function loadModel(apiVersion: string, kind: string, where: string): new (data: unknown) => { validate(): void } {
  const modulePath = `kubernetes-models/${apiVersion}/${kind}`;
  let exported: Record<string, unknown>;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    exported = require(modulePath);
  } catch {
    throw new Error(`${where}: Kubernetes 1.27 does not serve ${apiVersion} ${kind} (no ${modulePath})`);
  }
  const model = exported[kind];
  if (typeof model !== 'function') {
    throw new Error(`${where}: ${modulePath} exports no ${kind}`);
  }
  return model as new (data: unknown) => { validate(): void };
}

let served: Set<string> | undefined;

/** `apps/v1 Deployment`, ... for every kind of the generated 1.27 bindings. */
function servedKinds(): Set<string> {
  if (served === undefined) {
    const bindings = readFileSync(join(__dirname, '..', '..', 'imports', 'k8s.ts'), 'utf8');
    served = new Set([...bindings.matchAll(/apiVersion: '([^']+)',\s*kind: '([^']+)'/g)].map(([, version, kind]) => `${version} ${kind}`));
  }
  return served;
}
