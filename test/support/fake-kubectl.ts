import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/**
 * A stand-in `kubectl` for tests: it looks up its arguments (joined by spaces)
 * in `answers` and prints the matching JSON, or fails like kubectl does for an
 * unknown object. Returns an environment whose PATH finds it first, and the
 * file where it logs every call, one line each.
 */
export interface FakeKubectl {
  readonly env: NodeJS.ProcessEnv;
  readonly dir: string;
  readonly callLog: string;
}

export function fakeKubectl(answers: Record<string, unknown>): FakeKubectl {
  const dir = mkdtempSync(join(tmpdir(), 'fake-kubectl-'));
  const answersFile = join(dir, 'answers.json');
  const callLog = join(dir, 'calls.log');
  writeFileSync(answersFile, JSON.stringify(answers));
  writeFileSync(callLog, '');
  const script = `#!/usr/bin/env node
const fs = require('node:fs');
const args = process.argv.slice(2).join(' ');
fs.appendFileSync(${JSON.stringify(callLog)}, args + '\\n');
const answers = JSON.parse(fs.readFileSync(${JSON.stringify(answersFile)}, 'utf8'));
if (!(args in answers)) {
  process.stderr.write('Error from server (NotFound): no fixture for: ' + args + '\\n');
  process.exit(1);
}
process.stdout.write(JSON.stringify(answers[args]));
`;
  const bin = join(dir, 'kubectl');
  writeFileSync(bin, script);
  chmodSync(bin, 0o755);
  return { env: { ...process.env, PATH: `${dir}${delimiter}${process.env.PATH ?? ''}` }, dir, callLog };
}
