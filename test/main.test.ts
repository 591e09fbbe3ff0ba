import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProgressStream } from '../lib/progress';
import { PROGRESS_MIN_CLUSTERS, synth } from '../main';
import { fleetMesh } from '../scripts/fleet-mesh';

const EXAMPLE = readFileSync(join(__dirname, '..', 'mesh.yaml'), 'utf8');

describe('synth (the app cdk8s runs)', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  /** Synthesizes a mesh of one primary and `remotes` remotes into a fresh --output folder. */
  function run(remotes: number, isTTY: boolean) {
    const dir = mkdtempSync(join(tmpdir(), 'main-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'mesh.yaml'), fleetMesh(EXAMPLE, remotes));
    const terminal: ProgressStream & { text: string } = { isTTY, text: '', write: (t: string) => (terminal.text += t) };
    const log: string[] = [];
    const status = synth({ MESH_TOPOLOGY: join(dir, 'mesh.yaml'), CDK8S_OUTDIR: join(dir, 'out', 'dist') }, (line) => log.push(line), terminal);
    return { status, terminal: terminal.text, log, out: join(dir, 'out') };
  }

  it('shows the clusters built out of the total, then the writing, on a terminal for a large mesh', () => {
    // GIVEN a mesh just above the threshold, and stderr a terminal
    const remotes = PROGRESS_MIN_CLUSTERS;
    // WHEN synth runs
    const { status, terminal, log, out } = run(remotes, true);
    // THEN the status line counted every cluster, then the files, and was cleared before the summary
    expect(status).toBe(0);
    const updates = terminal.split('\r').filter((u) => u !== '').map((u) => u.replace('\u001b[K', ''));
    expect(updates[0]).toBe(`synth: built 1/${remotes + 1} clusters`);
    expect(updates).toContain(`synth: built ${remotes + 1}/${remotes + 1} clusters`);
    const written = readdirSync(out, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length;
    expect(updates.slice(-2)).toEqual([`synth: writing ${written} files`, '']);
    expect(log.at(-1)).toMatch(/^synth: wrote \d+ files in .*dist-uninstall\/primary\/, .*dist-uninstall\/remote-1\/, /);
  });

  it('shows nothing when stderr is not a terminal, so CI logs stay clean', () => {
    expect(run(PROGRESS_MIN_CLUSTERS, false).terminal).toBe('');
  });

  it('shows nothing for a small mesh', () => {
    const { status, terminal } = run(PROGRESS_MIN_CLUSTERS - 1, true);
    expect(status).toBe(0);
    expect(terminal).toBe('');
  });
});
