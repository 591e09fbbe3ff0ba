import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

export const PROJECT_ROOT = resolve(__dirname, '..', '..');

const scratchDirs: string[] = [];

/** Removes every scratch project made so far; call from afterAll. */
export function removeScratchProjects(): void {
  for (const dir of scratchDirs.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A scratch project that runs this repository's app through the real
 * `cdk8s synth`, so tests see what users see (the CLI empties its output
 * folder first, then runs the app) without touching the repository's dist/.
 */
export function scratchProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mesh-synth-'));
  scratchDirs.push(dir);
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, 'cdk8s.yaml'), `language: typescript\napp: ${projectApp()}\noutput: cdk8s.out\n`);
  return dir;
}

/** cdk8s.yaml's own app command, with the project's files at absolute paths so it runs from anywhere. */
function projectApp(): string {
  const app = /^app: (.*)$/m.exec(readFileSync(join(PROJECT_ROOT, 'cdk8s.yaml'), 'utf8'))![1];
  return app.replace(/\S+\.[jt]s\b/g, (file) => join(PROJECT_ROOT, file));
}

export interface SynthResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function cdk8sSynth(cwd: string, args: readonly string[] = [], env: NodeJS.ProcessEnv = {}): SynthResult {
  const result = spawnSync(join(PROJECT_ROOT, 'node_modules', '.bin', 'cdk8s'), ['synth', ...args], {
    cwd,
    env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Every file below `dir`, by relative path, with its content: a whole folder as one comparable value. */
export function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (current: string) => {
    for (const entry of readdirSync(current).sort()) {
      const full = join(current, entry);
      if (statSync(full).isDirectory()) {
        walk(full);
      } else {
        out[relative(dir, full)] = readFileSync(full, 'utf8');
      }
    }
  };
  walk(dir);
  return out;
}
