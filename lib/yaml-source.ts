import { isMap, isPair, isScalar, isSeq, LineCounter, type Document, type Node } from 'yaml';
import { describeFinding, formatPath, type Finding } from './finding';

/** The problem of a key the schema does not know; such findings point at the key, not its value. */
export const UNKNOWN_FIELD = 'is not a known field';

export interface Position {
  readonly line: number;
  readonly col: number;
}

/**
 * A parsed YAML file (the topology, a values file) that can point at its own
 * lines: every finding, from a schema, a rule or a certificate check, is
 * reported at the line and column of the value it is about, or of the nearest
 * enclosing node when that value is missing.
 */
export class YamlSource {
  constructor(
    readonly file: string,
    readonly document: Document,
    private readonly lines: LineCounter,
  ) {}

  /** The position of the value at `path`; for a key of a map, `keyOnly` points at the key itself. */
  locate(path: readonly (string | number)[], keyOnly = false): Position {
    let node: unknown = this.document.contents;
    let found: Node | undefined = isNode(node) ? node : undefined;
    let keyNode: Node | undefined;
    for (const segment of path) {
      keyNode = undefined;
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === segment);
        if (!pair) {
          break;
        }
        keyNode = isNode(pair.key) ? pair.key : undefined;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
        node = node.items[segment];
      } else {
        break;
      }
      if (isNode(node)) {
        found = node;
      } else if (keyNode) {
        // `key:` with no value: point at the key.
        found = keyNode;
      }
    }
    const target = keyOnly && keyNode ? keyNode : found;
    const offset = target?.range?.[0] ?? 0;
    return this.lines.linePos(offset);
  }

  /** `mesh.yaml:14:9: clusters[1].name: "Remote_2" is not a DNS-1123 label (...): rename it, ...` */
  format(finding: Finding, keyOnly = false): string {
    return this.place(finding, keyOnly).text;
  }

  /** The finding's position and its formatted line, for reports sorted in file order. */
  place(finding: Finding, keyOnly = false): Position & { readonly text: string } {
    const { line, col } = this.locate(finding.path, keyOnly);
    const prefix = finding.severity === 'warning' ? 'warning: ' : '';
    return { line, col, text: `${this.file}:${line}:${col}: ${prefix}${formatPath(finding.path)}: ${describeFinding(finding)}` };
  }

  /** Formats findings in file order, errors and warnings apart. */
  report(findings: readonly Finding[]): { readonly errors: string[]; readonly warnings: string[] } {
    // An unknown key is reported at the key itself: its value may be anything.
    const placed = findings
      .map((finding) => ({ finding, ...this.place(finding, finding.problem === UNKNOWN_FIELD || finding.subject === 'key') }))
      .sort((a, b) => a.line - b.line || a.col - b.col);
    return {
      errors: placed.filter((p) => p.finding.severity !== 'warning').map((p) => p.text),
      warnings: placed.filter((p) => p.finding.severity === 'warning').map((p) => p.text),
    };
  }
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value;
}
