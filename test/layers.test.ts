import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The layers of the project, lowest first: a module may import from its own
 * layer and the layers before it, never from a later one. Data flows this way:
 * generic helpers, Istio's facts and chart models, the topology, the
 * certificate and kubeconfig checks, the per-cluster plan, constructs, charts,
 * output; file and process I/O at the edge.
 */
const LAYERS = ['imports', 'lib', 'istio', 'topology', 'pki', 'plan', 'constructs', 'charts', 'output', 'inputs', 'cli', 'main.ts', 'scripts'];

const ROOT = resolve(__dirname, '..');

interface Edge {
  readonly from: string;
  readonly to: string;
}

/** Every .ts module of the layers, as a path relative to the project root. */
function sourceModules(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(ROOT, dir))) {
      const path = join(dir, entry);
      if (statSync(join(ROOT, path)).isDirectory()) {
        walk(path);
      } else if (path.endsWith('.ts')) {
        out.push(path);
      }
    }
  };
  for (const layer of LAYERS) {
    if (layer.endsWith('.ts')) {
      out.push(layer);
    } else {
      walk(layer);
    }
  }
  return out.sort();
}

// `import ... from '…'`, `export ... from '…'`, `import '…'`, `require('…')`: type-only imports count too,
// since a type shared backwards couples the layers as much as a value does.
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]|(?:^|\n)\s*import\s+['"]([^'"]+)['"]|\brequire\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The project modules a module imports, resolved to paths relative to the root. */
function importsOf(module: string): string[] {
  // Comments would match the patterns in prose; strip them first.
  const text = readFileSync(join(ROOT, module), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found: string[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2] ?? match[3];
    if (!specifier.startsWith('.')) {
      continue;
    }
    const base = resolve(ROOT, dirname(module), specifier);
    const target = [`${base}.ts`, join(base, 'index.ts'), base].find((candidate) => {
      try {
        return statSync(candidate).isFile();
      } catch {
        return false;
      }
    });
    if (target === undefined) {
      throw new Error(`${module}: cannot resolve import ${JSON.stringify(specifier)}`);
    }
    found.push(relative(ROOT, target));
  }
  return found;
}

function layerOf(module: string): string {
  return module.includes('/') ? module.slice(0, module.indexOf('/')) : module;
}

function moduleEdges(): Edge[] {
  return sourceModules().flatMap((from) => importsOf(from).map((to) => ({ from, to })));
}

/** The module-level cycles, each as the list of its modules (Tarjan's strongly connected components). */
function cycles(edges: readonly Edge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) {
    next.set(from, [...(next.get(from) ?? []), to]);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const target of next.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (next.get(node) ?? []).includes(node)) {
        components.push(component.sort());
      }
    }
  };
  for (const node of [...new Set(edges.flatMap((e) => [e.from, e.to]))].sort()) {
    if (!index.has(node)) {
      visit(node);
    }
  }
  return components;
}

/** Imports that point from a layer to a later one, as readable lines. */
function backwardEdges(edges: readonly Edge[]): string[] {
  return edges
    .filter((e) => LAYERS.indexOf(layerOf(e.to)) > LAYERS.indexOf(layerOf(e.from)))
    .map((e) => `${e.from} -> ${e.to} (${layerOf(e.from)} may not import ${layerOf(e.to)})`);
}

/** The folder-level graph: one edge per pair of distinct layers that a module import joins. */
function folderEdges(edges: readonly Edge[]): Edge[] {
  const pairs = new Set(edges.map((e) => `${layerOf(e.from)} ${layerOf(e.to)}`));
  return [...pairs]
    .map((pair) => ({ from: pair.split(' ')[0], to: pair.split(' ')[1] }))
    .filter((e) => e.from !== e.to);
}

describe('the import graph', () => {
  const edges = moduleEdges();

  test('finds the imports it checks', () => {
    // GIVEN the sources WHEN their imports are read THEN main.ts's own imports are among them
    expect(edges.filter((e) => e.from === 'main.ts').map((e) => layerOf(e.to))).toEqual(expect.arrayContaining(['inputs', 'output', 'topology']));
  });

  test('no module imports a later layer', () => {
    // GIVEN the layer order WHEN each import is placed in it THEN none points against the flow
    expect(backwardEdges(edges)).toEqual([]);
  });

  test('fails when a lower layer imports a higher one', () => {
    expect(backwardEdges([{ from: 'lib/a.ts', to: 'topology/b.ts' }, { from: 'topology/b.ts', to: 'lib/a.ts' }])).toEqual([
      'lib/a.ts -> topology/b.ts (lib may not import topology)',
    ]);
  });

  test('no cycle between folders', () => {
    expect(cycles(folderEdges(edges))).toEqual([]);
  });

  test('every module sits in a known layer', () => {
    const unknown = edges.flatMap((e) => [e.from, e.to]).filter((m) => !LAYERS.includes(layerOf(m)));
    expect([...new Set(unknown)]).toEqual([]);
  });

  test('no cycle between modules', () => {
    expect(cycles(edges)).toEqual([]);
  });

  test('fails when two modules import each other', () => {
    // GIVEN a two-module loop WHEN cycles are computed THEN it is found
    expect(cycles([{ from: 'a.ts', to: 'b.ts' }, { from: 'b.ts', to: 'a.ts' }, { from: 'b.ts', to: 'c.ts' }])).toEqual([['a.ts', 'b.ts']]);
  });
});
