import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * No private key or token may reach git. Secret manifests go to the
 * git-ignored `dist-secrets/`, kubeconfigs to `secrets/`; this test reads what
 * git tracks and the committed output folders, including the base64 `data`
 * of any Secret there, and fails on the first key or token.
 */

const ROOT = resolve(__dirname, '..');
/** The output folders that are committed; they are scanned whole, tracked or not yet. */
const OUTPUT_DIRS = ['dist-crds', 'dist', 'dist-uninstall'];
/** Files whose format carries tokens as `token: value` (kubeconfigs, manifests, JSON). */
const CONFIG_EXTENSIONS = new Set(['.yaml', '.yml', '.json', '.kubeconfig', '.conf', '']);

// Built at run time so that this file itself holds no PEM header to find.
const PRIVATE_KEY = new RegExp(`-----BEGIN (?:[A-Z0-9]+ )*${'PRIVATE'} KEY-----`);
/** `token: <something>` in YAML; empty and null values are no token. */
const YAML_TOKEN = /^[ \t-]*["']?token["']?[ \t]*:[ \t]*(?!(?:""|''|null|~)?[ \t]*$)\S/m;
/** `"token": "<something>"` anywhere in JSON, minified or not. */
const JSON_TOKEN = /"token"\s*:\s*"[^"]/;

interface Leak {
  readonly file: string;
  readonly what: string;
}

/** What a text gives away, if anything; `config` says whether token lines count in this kind of file. */
function leaksIn(file: string, text: string, config: boolean): Leak[] {
  const leaks: Leak[] = [];
  if (PRIVATE_KEY.test(text)) {
    leaks.push({ file, what: 'a PEM private key' });
  }
  if (config && (YAML_TOKEN.test(text) || JSON_TOKEN.test(text))) {
    leaks.push({ file, what: 'a token' });
  }
  if (config && /^\s*kind:\s*Secret\s*$/m.test(text)) {
    leaks.push(...secretDataLeaks(file, text));
  }
  return leaks;
}

/** Secret values are base64 in `data`: decode them before looking. */
function secretDataLeaks(file: string, text: string): Leak[] {
  const leaks: Leak[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (!('toJS' in doc)) {
      continue;
    }
    const object = doc.toJS() as { kind?: string; data?: Record<string, string>; stringData?: Record<string, string> } | null;
    if (object?.kind !== 'Secret') {
      continue;
    }
    const values = [
      ...Object.entries(object.data ?? {}).map(([key, value]) => [key, Buffer.from(String(value), 'base64').toString('utf8')]),
      ...Object.entries(object.stringData ?? {}),
    ];
    for (const [key, value] of values) {
      for (const leak of leaksIn(`${file} (Secret data ${key})`, String(value), true)) {
        leaks.push(leak);
      }
    }
  }
  return leaks;
}

function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f !== '' && existsSync(join(ROOT, f)));
}

function filesUnder(dir: string): string[] {
  if (!existsSync(join(ROOT, dir))) {
    return [];
  }
  return (readdirSync(join(ROOT, dir), { recursive: true }) as string[])
    .map((f) => join(dir, f))
    .filter((f) => statSync(join(ROOT, f)).isFile());
}

function scan(files: readonly string[], isConfig: (file: string) => boolean): Leak[] {
  return files.flatMap((file) => {
    const bytes = readFileSync(join(ROOT, file));
    if (bytes.includes(0)) {
      return [];
    }
    return leaksIn(file, bytes.toString('utf8'), isConfig(file));
  });
}

describe('secrets hygiene', () => {
  it('finds no private key in any git-tracked file', () => {
    expect(scan(trackedFiles(), () => false)).toEqual([]);
  });

  it('finds no token in git-tracked configuration files', () => {
    const configs = trackedFiles().filter((f) => CONFIG_EXTENSIONS.has(extname(f)) && !f.startsWith('test/') && f !== 'package-lock.json');

    expect(scan(configs, () => true)).toEqual([]);
  });

  it('finds no private key or token in the committed output folders, Secret data included', () => {
    const files = OUTPUT_DIRS.flatMap(filesUnder);

    expect(scan(files, () => true)).toEqual([]);
  });

  it('keeps the folders that hold credentials out of git', () => {
    const ignored = (path: string) => {
      try {
        execFileSync('git', ['check-ignore', '-q', '--no-index', path], { cwd: ROOT });
        return true;
      } catch {
        return false;
      }
    };

    expect(['dist-secrets/primary/primary-secrets.k8s.yaml', 'secrets/remote-east.kubeconfig'].filter((p) => !ignored(p))).toEqual([]);
    expect(trackedFiles().filter((f) => /^(dist-secrets|secrets)\//.test(f))).toEqual([]);
  });
});

describe('the leak detector', () => {
  const header = (kind: string) => `-----BEGIN ${kind}${'PRIVATE'} KEY-----`;

  it('finds PEM private keys of every kind', () => {
    for (const kind of ['', 'EC ', 'RSA ', 'ENCRYPTED ']) {
      expect(leaksIn('f', `x\n${header(kind)}\nMIGH...\n`, false)).toEqual([{ file: 'f', what: 'a PEM private key' }]);
    }
    expect(leaksIn('f', '-----BEGIN CERTIFICATE-----\n', true)).toEqual([]);
  });

  it('finds a kubeconfig token, and ignores empty ones', () => {
    expect(leaksIn('k', 'users:\n- name: a\n  user:\n    token: abc.def\n', true)).toEqual([{ file: 'k', what: 'a token' }]);
    expect(leaksIn('k', '{"user": {"token": "abc"}}', true)).toEqual([{ file: 'k', what: 'a token' }]);
    expect(leaksIn('k', '{\n  "token": "abc"\n}', true)).toEqual([{ file: 'k', what: 'a token' }]);
    for (const empty of ['token:', 'token: ""', "token: ''", 'token: null', 'token: ~', '"token": ""']) {
      expect(leaksIn('k', `user:\n  ${empty}\n`, true)).toEqual([]);
    }
  });

  it('finds keys and tokens hidden in the base64 data of a Secret', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const manifest = [
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n',
      `apiVersion: v1\nkind: Secret\nmetadata: {name: cacerts}\ndata:\n  ca-key.pem: ${b64(`${header('EC ')}\nx\n`)}\n`,
      `apiVersion: v1\nkind: Secret\nmetadata: {name: east}\ndata:\n  east: ${b64('users:\n- user:\n    token: abc\n')}\n`,
    ].join('---\n');

    expect(leaksIn('d.yaml', manifest, true)).toEqual([
      { file: 'd.yaml (Secret data ca-key.pem)', what: 'a PEM private key' },
      { file: 'd.yaml (Secret data east)', what: 'a token' },
    ]);
  });
});
