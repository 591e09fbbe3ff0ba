import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const LOADER = join(ROOT, 'scripts', 'ts-loader.js');

describe('scripts/ts-loader.js', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ts-loader-'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function run(entry: string) {
    const result = spawnSync(process.execPath, ['--require', LOADER, join(dir, entry)], { encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('runs TypeScript that imports TypeScript and packages, with the class semantics tsconfig.json asks for', () => {
    // GIVEN a module with types, an enum and a class field set after super(), as ES2022 defines it
    writeFileSync(join(dir, 'shapes.ts'), 'export enum Kind { Square = 4 }\nexport const sides = (k: Kind): number => k;\n');
    writeFileSync(
      join(dir, 'main.ts'),
      [
        "import { parse } from 'yaml';",
        "import { Kind, sides } from './shapes';",
        'class Base { constructor() { this.init(); } init(): void {} }',
        'class Derived extends Base { value?: number; override init(): void { this.value = 2; } }',
        "const doc: { a: number } = parse('a: 3');",
        'console.log(sides(Kind.Square), new Derived().value, doc.a);',
      ].join('\n'),
    );
    // WHEN it runs under the loader
    const result = run('main.ts');
    // THEN
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('4 undefined 3\n');
  });

  it('never runs stale code: an edit that keeps the file\'s length is seen on the next run', () => {
    // V8 checks a compile cache entry against the source's length only; the loader's keys are content hashes.
    writeFileSync(join(dir, 'version.ts'), "console.log('first');\n");
    expect(run('version.ts').stdout).toBe('first\n');
    writeFileSync(join(dir, 'version.ts'), "console.log('again');\n");
    expect(run('version.ts').stdout).toBe('again\n');
    writeFileSync(join(dir, 'version.ts'), "console.log('first');\n");
    expect(run('version.ts').stdout).toBe('first\n');
  });

  it('runs the current code when its pack of cache entries is damaged, and writes a whole one', () => {
    // GIVEN an entry script that ran once, so its pack holds its entries
    writeFileSync(join(dir, 'packed.ts'), "import { parse } from 'yaml';\nconsole.log(parse('n: 7').n);\n");
    expect(run('packed.ts').stdout).toBe('7\n');
    // The pack is named after the entry script's path (see the loader).
    const pack = join(ROOT, 'node_modules', '.cache', 'ts-loader', `${createHash('sha256').update(join(dir, 'packed.ts')).update('\0').digest('hex')}.pack`);
    const size = readFileSync(pack).length;
    // WHEN the pack loses its second half
    truncateSync(pack, Math.floor(size / 2));
    // THEN the next run is right, and writes a whole pack, which serves the run after it entirely (so it is left as it is)
    expect(run('packed.ts')).toMatchObject({ status: 0, stdout: '7\n', stderr: '' });
    const rewritten = readFileSync(pack);
    expect(rewritten.length).toBeGreaterThan(size / 2);
    expect(run('packed.ts')).toMatchObject({ status: 0, stdout: '7\n', stderr: '' });
    expect(readFileSync(pack).equals(rewritten)).toBe(true);
  });

  it('loads a package nested in another once, from the top-level copy, when both are the same release', () => {
    // GIVEN cdk8s's bundled yaml, and the project's own
    const cdk8s = join(ROOT, 'node_modules', 'cdk8s');
    const same = readFileSync(join(cdk8s, 'node_modules', 'yaml', 'package.json')).equals(readFileSync(join(ROOT, 'node_modules', 'yaml', 'package.json')));
    writeFileSync(
      join(dir, 'copies.ts'),
      [
        `const fromCdk8s = require.resolve('yaml', { paths: [${JSON.stringify(cdk8s)}] });`,
        `const onlyInCdk8s = require.resolve('fast-json-patch', { paths: [${JSON.stringify(cdk8s)}] });`,
        'console.log(fromCdk8s === require.resolve("yaml"), onlyInCdk8s.includes("/cdk8s/node_modules/fast-json-patch/"));',
      ].join('\n'),
    );
    // WHEN the loader resolves yaml for cdk8s
    const result = run('copies.ts');
    // THEN it gets the top-level copy exactly when the two package.json files are identical; a package with no top-level copy stays where it is
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`${same} true\n`);
  });

  it('fails when a source does not parse, naming the file, and runs nothing', () => {
    writeFileSync(join(dir, 'broken.ts'), "console.log('ran');\nconst x: = 1;\n");
    const result = run('broken.ts');
    expect(result.status).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(join(dir, 'broken.ts'));
  });
});
