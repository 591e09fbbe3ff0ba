import { basename, dirname, join } from 'node:path';

/**
 * Where each kind of output goes, for an output folder OUT (dist/ unless
 * `cdk8s synth --output` says otherwise):
 *
 * - OUT-crds/<cluster>/       the CRDs, applied and established before OUT/<cluster>/, committed;
 * - OUT/<cluster>/            what `kubectl apply -f` takes, committed;
 * - OUT-secrets/<cluster>/    Secrets with tokens and keys, git-ignored, 0600;
 * - OUT-uninstall/<cluster>/  the cleanup run after deleting the applied objects.
 *
 * Only cluster folders sit in OUT, so everything under OUT/<cluster>/ is
 * something `kubectl apply` accepts.
 */
export interface OutputLayout {
  readonly crds: string;
  readonly apply: string;
  readonly secrets: string;
  readonly uninstall: string;
}

export const DEFAULT_OUTPUT_DIR = 'dist';
/** cdk8s.yaml's `output:`; cdk8s empties it before the app runs, so it is only ever a staging copy. */
export const CDK8S_STAGING_DIR = 'cdk8s.out';

export function outputLayout(out: string): OutputLayout {
  const sibling = (suffix: string) => join(dirname(out), `${basename(out)}-${suffix}`);
  return { crds: sibling('crds'), apply: out, secrets: sibling('secrets'), uninstall: sibling('uninstall') };
}
