import { isAlias, isCollection, isPair, isScalar, isSeq, visit, type Document, type Node } from 'yaml';
import type { Finding } from './finding';

/**
 * A problem in a YAML document's nodes, at the offset of the node it is
 * about: what is wrong, what is allowed and how to fix it, never the node's content.
 */
export interface YamlNodeProblem extends Pick<Finding, 'problem' | 'allowed' | 'hint'> {
  readonly offset: number;
  /** The field the node is the value of, for example `['controlPlane', 'policy']`. */
  readonly path: readonly (string | number)[];
}

/**
 * The yaml library's guard against alias bombs (billion laughs): how many
 * times aliases may be expanded. A plain-data file (a topology, a kubeconfig,
 * a values file) needs few aliases, or none.
 */
export const MAX_ALIAS_COUNT = 100;

const CORE_TAG_PREFIX = 'tag:yaml.org,2002:';
/** The tags of YAML 1.2's core schema, the only ones a plain-data file needs. */
const CORE_TAGS = new Set(['map', 'seq', 'str', 'null', 'bool', 'int', 'float'].map((t) => `${CORE_TAG_PREFIX}${t}`));

/**
 * A parsed document's plain value, or what stops it from having one:
 * - a tag outside the core schema (`!!python/object:...`, `!foo`), which the
 *   yaml library would turn into a plain string without a word, so that the
 *   value silently means something else than its author intended;
 * - an alias whose anchor is not defined before it (toJS throws);
 * - aliases expanded more than `maxAliasCount` times (an alias bomb,
 *   which toJS refuses by throwing).
 * The problems never quote the document's text.
 */
export function yamlToJs(document: Document, maxAliasCount = MAX_ALIAS_COUNT): { readonly value: unknown } | { readonly problems: YamlNodeProblem[] } {
  const problems: YamlNodeProblem[] = [];
  const aliases: { offset: number; path: (string | number)[] }[] = [];
  visit(document, {
    Node: (key, node, ancestors) => {
      const offset = node.range?.[0] ?? 0;
      if (isAlias(node)) {
        const path = fieldPath(key, ancestors);
        aliases.push({ offset, path });
        if (node.resolve(document) === undefined) {
          problems.push({
            offset,
            path,
            problem: `the YAML alias *${node.source} has no anchor &${node.source} before it`,
            hint: `put \`&${node.source}\` on the value to repeat, above this line, or write the value out`,
          });
        }
        return;
      }
      const tag = (node as Node).tag;
      if ((isScalar(node) || isCollection(node)) && tag !== undefined && !CORE_TAGS.has(tag)) {
        const written = tag.startsWith(CORE_TAG_PREFIX) ? `!!${tag.slice(CORE_TAG_PREFIX.length)}` : tag;
        problems.push({
          offset,
          path: fieldPath(key, ancestors),
          problem: `the YAML tag ${written} is not one of the core schema's`,
          allowed: '!!str, !!int, !!float, !!bool, !!null, !!map, !!seq',
          hint: 'remove the tag; the value would otherwise be read as plain text',
        });
      }
    },
  });
  if (problems.length > 0) {
    return { problems };
  }
  try {
    return { value: document.toJS({ maxAliasCount }) };
  } catch (err) {
    // toJS throws a ReferenceError only for aliases; everything else it throws is a bug to surface.
    if (!(err instanceof ReferenceError) || aliases.length === 0) {
      throw err;
    }
    const [first] = aliases;
    return {
      problems: [
        {
          ...first,
          problem: `the YAML aliases from here on are expanded more than ${maxAliasCount} times, which is how an alias bomb starts`,
          allowed: `at most ${maxAliasCount}`,
          hint: 'write the values out, or use fewer aliases',
        },
      ],
    };
  }
}

/** The field a node is the value of, from the ancestors visit() passes: pair keys and list indexes. */
function fieldPath(key: number | 'key' | 'value' | null, ancestors: readonly unknown[]): (string | number)[] {
  const path: (string | number)[] = [];
  const chain = [...ancestors];
  for (let i = 0; i < chain.length; i++) {
    const node = chain[i];
    if (isPair(node) && isScalar(node.key)) {
      path.push(String(node.key.value));
    } else if (isSeq(node)) {
      const child = i + 1 < chain.length ? chain[i + 1] : undefined;
      const index = child === undefined ? key : node.items.indexOf(child as never);
      if (typeof index === 'number' && index >= 0) {
        path.push(index);
      }
    }
  }
  return path;
}
