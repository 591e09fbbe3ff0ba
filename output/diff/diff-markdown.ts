import { formatFieldPath, type FieldChange } from '../../lib/structural-diff';
import { describeCounts, describeDiff, describeFieldValues, diffTotals, setSuffix, type DiffLabels } from './diff-wording';
import type { MeshDiff, ObjectChange } from './mesh-diff';
import { describeObject } from './object-identity';

/** GitHub refuses a comment longer than 65,536 characters; bytes are never fewer, so this bound holds for both. */
export const MARKDOWN_LIMIT_BYTES = 64 * 1024;
/** Room kept for the closing tags and the line that says what was left out. */
const RESERVE_BYTES = 1024;
/** A value longer than this is cut: a whole new container is a block of JSON nobody reads in a comment. */
const MAX_VALUE_CHARS = 200;
/** Lines of one text diff shown before the rest is summarised. */
const MAX_DIFF_LINES = 60;

/**
 * The diff for a pull-request comment: a headline, a table of the changed
 * clusters, then one collapsed section per changed cluster. It stays under
 * MARKDOWN_LIMIT_BYTES: past that, whole objects are left out and the last
 * line says how many, in which clusters, and how to see them all.
 */
export function formatDiffMarkdown(diff: MeshDiff, labels: DiffLabels, limit = MARKDOWN_LIMIT_BYTES): string {
  const totals = diffTotals(diff);
  const changed = diff.clusters.filter((c) => c.objects.length > 0);
  const head = [`### ${escapeText(describeDiff(diff, labels))}`, ''];
  if (changed.length > 0) {
    head.push('| cluster | changed | added | removed |', '| --- | ---: | ---: | ---: |');
    // The table takes at most half the budget, so some detail always follows it.
    let bytes = 0;
    const rows = changed.map((c) => `| ${escapeText(c.cluster)} | ${c.changed} | ${c.added} | ${c.removed} |`);
    const fitting = rows.filter((row) => (bytes += Buffer.byteLength(row) + 1) <= limit / 2);
    head.push(...fitting);
    if (fitting.length < rows.length) {
      head.push(`| … ${rows.length - fitting.length} more changed clusters | | | |`);
    }
    const unchanged = totals.clusters - totals.clustersChanged;
    if (unchanged > 0) {
      head.push('', `${unchanged} other cluster${unchanged === 1 ? '' : 's'} unchanged.`);
    }
  }

  const out = new Budget(limit - RESERVE_BYTES);
  out.push(`${head.join('\n')}\n`);
  const leftOut = new Map<string, number>();
  for (const cluster of changed) {
    let opened = false;
    for (const object of cluster.objects) {
      const open = opened ? '' : `\n<details><summary><b>${escapeText(cluster.cluster)}</b>: ${describeCounts(cluster)}</summary>\n\n`;
      // Each object needs room for itself and the closing tag of its section.
      const text = open + objectMarkdown(object);
      if (out.fits(text + CLOSE)) {
        out.push(text);
        opened = true;
      } else {
        leftOut.set(cluster.cluster, (leftOut.get(cluster.cluster) ?? 0) + 1);
      }
    }
    if (opened) {
      out.push(CLOSE);
    }
  }
  if (leftOut.size > 0) {
    const objects = [...leftOut.values()].reduce((a, b) => a + b, 0);
    const clusters = [...leftOut.keys()];
    const named = clusters.slice(0, 10).join(', ') + (clusters.length > 10 ? `, and ${clusters.length - 10} more` : '');
    out.push(
      `\n**Truncated** to stay under ${limit / 1024} KiB: ${objects} changed object${objects === 1 ? '' : 's'} left out, in ${clusters.length} cluster${clusters.length === 1 ? '' : 's'} (${escapeText(named)}). ` +
        `Run \`npm run --silent mesh -- diff ${escapeText(labels.base)}\` for the whole diff.\n`,
    );
  }
  return out.text();
}

const CLOSE = '\n</details>\n';

function objectMarkdown(object: ObjectChange): string {
  const lines = [`- **${object.change}** ${code(describeObject(object.identity))}${setSuffix(object.identity)}`];
  for (const field of object.fields) {
    lines.push(...fieldMarkdown(field));
  }
  return `${lines.join('\n')}\n`;
}

function fieldMarkdown(field: FieldChange): string[] {
  const path = code(formatFieldPath(field.path) || '(whole object)');
  if (field.lines === undefined) {
    return [`  - ${path}: ${describeFieldValues(field, MAX_VALUE_CHARS, code)}`];
  }
  const body: string[] = [];
  for (const hunk of field.lines) {
    body.push(`@@ -${hunk.oldLine} +${hunk.newLine} @@`, ...hunk.removed.map((l) => `-${l}`), ...hunk.added.map((l) => `+${l}`));
  }
  const shown = body.slice(0, MAX_DIFF_LINES);
  if (body.length > shown.length) {
    shown.push(`… ${body.length - shown.length} more lines`);
  }
  const fence = '`'.repeat(Math.max(3, longestRun(shown.join('\n'), '`') + 1));
  return [`  - ${path}: lines changed`, '', `    ${fence}diff`, ...shown.map((l) => `    ${l}`), `    ${fence}`, ''];
}

/** An inline code span that survives backticks in its content. */
function code(text: string): string {
  const ticks = '`'.repeat(longestRun(text, '`') + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

function longestRun(text: string, char: string): number {
  let best = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return best;
}

/** Plain text outside code: HTML and table syntax made literal. */
function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|');
}

/** Text that grows up to a byte budget: callers ask `fits` first, except for the closing lines, which use the reserve. */
class Budget {
  private readonly parts: string[] = [];
  private used = 0;

  constructor(private readonly limit: number) {}

  fits(text: string): boolean {
    return this.used + Buffer.byteLength(text) <= this.limit;
  }

  push(text: string): void {
    this.parts.push(text);
    this.used += Buffer.byteLength(text);
  }

  text(): string {
    return this.parts.join('');
  }
}
