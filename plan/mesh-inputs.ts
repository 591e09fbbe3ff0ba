import type { CaBundle } from '../pki/ca-bundle';

/** What synth read from files the topology names, already checked. */
export interface MeshInputs {
  /** istio-multi kubeconfig of each remote that has one, by cluster name. */
  readonly kubeconfigs: ReadonlyMap<string, string>;
  /** The `cacerts` files of each cluster, by cluster name, when the CA is shared. */
  readonly caBundles: ReadonlyMap<string, CaBundle>;
}
