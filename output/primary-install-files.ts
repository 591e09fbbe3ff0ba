import type { MeshTopology } from '../topology/schema';
import type { OutputLayout } from './layout';
import type { InstallFile } from './mesh-output';

/** Placeholder until pki/primary-install lands. */
export function primaryInstallFiles(_topology: MeshTopology, _layout: OutputLayout): InstallFile[] {
  return [];
}
