import { isMap, isScalar, parseDocument, Scalar, type Pair, type YAMLMap } from 'yaml';
import { isAddress } from '../lib/net';

/** New control-plane addresses for the topology file; fields left out stay as they are. */
export interface AddressUpdate {
  readonly pilot?: string;
  readonly policy?: string;
  readonly telemetry?: string;
  readonly zipkin?: string;
  /** `controlPlane.statsd.host`; `controlPlane.statsd` must already be in the file. */
  readonly statsdHost?: string;
}

const PATHS: Record<keyof AddressUpdate, readonly string[]> = {
  pilot: ['controlPlane', 'pilot'],
  policy: ['controlPlane', 'policy'],
  telemetry: ['controlPlane', 'telemetry'],
  zipkin: ['controlPlane', 'zipkin'],
  statsdHost: ['controlPlane', 'statsd', 'host'],
};

/**
 * Returns the topology text with only the given addresses changed: every
 * other byte (comments, blank lines, key order, quoting) is the user's.
 *
 * `yaml` can re-stringify an edited document, but it normalises indentation,
 * comment spacing and flow collections on the way, so the edit is a splice at
 * the source range of each value instead. A value keeps its quoting style; a
 * key not yet in the file is appended, as a plain scalar, at the end of its
 * block mapping with the mapping's indentation.
 *
 * Throws when the text is not valid YAML or the place for a value cannot be
 * edited without rewriting the user's layout (a flow mapping, a missing
 * `statsd:` block, a non-scalar value).
 */
export function updateAddresses(text: string, update: AddressUpdate): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    throw new Error(`the topology file is not valid YAML (${doc.errors[0].message.split('\n')[0]}): fix it first`);
  }

  const edits: (Splice & { readonly order: number; readonly depth: number })[] = [];
  (Object.keys(PATHS) as (keyof AddressUpdate)[]).forEach((field, order) => {
    const value = update[field];
    if (value === undefined) {
      return;
    }
    const path = PATHS[field];
    const where = path.join('.');
    if (!isAddress(value)) {
      throw new Error(`${where}: ${JSON.stringify(value)} is neither an IP address nor a DNS name; refusing to write it`);
    }
    const parent = doc.getIn(path.slice(0, -1), true);
    if (!isMap(parent) || parent.range === undefined || parent.range === null) {
      throw new Error(`${where}: ${path.slice(0, -1).join('.')} is not a mapping in the file: add it by hand, then run again`);
    }
    const pair = (parent as YAMLMap).items.find((item) => isScalar(item.key) && item.key.value === path[path.length - 1]);
    const splice = pair ? replaceValue(pair, value, text, where) : appendKey(parent as YAMLMap, path[path.length - 1], value, text, where);
    edits.push({ ...splice, order, depth: path.length });
  });

  // Splice from the end of the text back, so earlier offsets stay valid. Keys
  // appended at one place (the end of `statsd:` is also the end of
  // `controlPlane:`) go nested first, then in field order; a later splice at
  // the same offset lands before an earlier one.
  const sorted = [...edits].sort((a, b) => b.at - a.at || a.depth - b.depth || b.order - a.order);
  let out = text;
  for (const edit of sorted) {
    out = out.slice(0, edit.at) + edit.text + out.slice(edit.end);
  }

  const check = parseDocument(out);
  for (const field of Object.keys(PATHS) as (keyof AddressUpdate)[]) {
    if (update[field] !== undefined && (check.errors.length > 0 || check.getIn(PATHS[field]) !== update[field])) {
      throw new Error(`${PATHS[field].join('.')}: the edited file would not read back the new value: edit it by hand`);
    }
  }
  return out;
}

interface Splice {
  readonly at: number;
  readonly end: number;
  readonly text: string;
}

function replaceValue(pair: Pair, value: string, text: string, where: string): Splice {
  const node = pair.value;
  if (node === null) {
    // `pilot:` at the end of the document: yaml gives no value node at all.
    const keyEnd = (pair.key as Scalar).range![1];
    const colon = text.indexOf(':', keyEnd);
    return { at: colon + 1, end: colon + 1, text: ` ${value}` };
  }
  if (!isScalar(node) || !node.range) {
    throw new Error(`${where} is not a single value in the file: make it one, for example \`${where.split('.').pop()}: ${value}\``);
  }
  const [start, end] = node.range;
  if (start === end) {
    // `zipkin:` or `zipkin: # later`: an empty scalar. Write right after the
    // colon, so a comment keeps the space YAML needs before its `#`.
    const colon = text.lastIndexOf(':', start - 1);
    return { at: colon + 1, end: colon + 1, text: ` ${value}` };
  }
  return { at: start, end, text: render(value, node.type) };
}

function appendKey(map: YAMLMap, key: string, value: string, text: string, where: string): Splice {
  const last = map.items[map.items.length - 1] as Pair | undefined;
  if (map.flow || last === undefined || !isScalar(last.key) || !last.key.range) {
    throw new Error(`${where}: the mapping that should hold it is written in flow style ({...}) or is empty: add \`${key}:\` by hand, then run again`);
  }
  const keyStart = last.key.range[0];
  const indent = keyStart - (text.lastIndexOf('\n', keyStart - 1) + 1);
  const lastNode = last.value as { range?: [number, number, number] | null } | null;
  const end = lastNode?.range ? lastNode.range[2] : last.key.range[2];
  // Insert after the line the mapping's last entry ends on.
  const newline = text[end - 1] === '\n' ? end - 1 : text.indexOf('\n', end);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const line = `${' '.repeat(indent)}${key}: ${value}${eol}`;
  if (newline === -1) {
    return { at: text.length, end: text.length, text: `${eol}${line}` };
  }
  return { at: newline + 1, end: newline + 1, text: line };
}

function render(value: string, type: Scalar['type']): string {
  switch (type) {
    case Scalar.QUOTE_DOUBLE:
      return JSON.stringify(value);
    case Scalar.QUOTE_SINGLE:
      return `'${value}'`;
    default:
      return value;
  }
}
