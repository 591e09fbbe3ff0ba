import type { OutputTree } from './publish';

/** Folders named one by one before the line says how many more there are. */
const FOLDERS_NAMED = 4;

/**
 * What synth tells the user it wrote: per output tree, the cluster folders to
 * apply (`kubectl apply -f dist/<cluster>/`), any file beside them, and how many files there are.
 * Paths are the published ones; `staging`, when given, is the folder of
 * copies that cdk8s lists after the app exits, which nobody should apply.
 */
export function synthSummary(trees: readonly OutputTree[], staging?: string): string[] {
  const lines = trees
    .filter((tree) => tree.files.length > 0)
    .map((tree) => {
      const folders = [...new Set(tree.files.filter((f) => f.path.includes('/')).map((f) => f.path.split('/')[0]))].map((folder) => `${tree.dir}/${folder}/`);
      // A file beside the cluster folders (the overview, MESH.md) is named after them, as the file it is.
      const loose = tree.files.filter((f) => !f.path.includes('/')).map((f) => `${tree.dir}/${f.path}`);
      const named = [
        folders.length <= FOLDERS_NAMED ? folders.join(', ') : `${folders.slice(0, FOLDERS_NAMED - 1).join(', ')}, ... ${folders[folders.length - 1]} (${folders.length} folders)`,
        ...loose,
      ].filter((part) => part !== '').join(', ');
      const count = tree.files.length;
      return `synth: wrote ${count} file${count === 1 ? '' : 's'} in ${named}`;
    });
  if (staging !== undefined) {
    lines.push(`synth: the ${staging}/ paths cdk8s lists next are staging copies: apply the folders above`);
  }
  return lines;
}
