// Runs the project's TypeScript straight from its sources, with no build step
// to forget: `node --require ./scripts/ts-loader.js main.ts` (cdk8s.yaml's app).
// Type-checking is `npm test`'s job; this only strips the types.
//
// Why not tsx: for `cdk8s synth` the app's own start-up is the cost users wait
// on. tsx scans every .js file it loads for ESM syntax and has Node parse each
// package's inline source maps, which doubles the loading time of cdk8s, zod and
// yaml. This hook touches only .ts files, adds two caches and loads a package
// that npm installed twice only once:
//
// - esbuild's output for each .ts source, and
// - V8's compiled code for every CommonJS module the app loads, node_modules too
//   (Node 20 has no module.enableCompileCache; that came in Node 22).
//
// Neither can serve stale code: an entry is named by the SHA-256 of everything
// its content is a function of, the source text first. esbuild's output depends
// only on the source, esbuild's version, the options and tsconfig.json, and all
// of them (and this file) are in the key; V8's code depends on the JavaScript
// text and the V8 build and flags, which are in its key too (V8 checks its own
// version and flags again, and rejects a mismatch). Module resolution is Node's
// own and not cached across runs, so a new, moved or deleted file is seen at
// once. The price is hashing each loaded file once per run, a few milliseconds.
//
// The entries of one entry script (main.ts, cli/mesh.ts, ...) are kept in one
// pack file, read in one go: a synth loads some 300 modules, and opening one
// small file per module and kind cost more than V8 took to deserialize them.
// A run that needed an entry its pack lacked writes a new pack when it ends,
// with every entry it used, so the entries of edited sources drop out. The pack
// is written to a temporary name and renamed, so a reader never sees half of one.
'use strict';
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

const ROOT = path.resolve(__dirname, '..');
// In node_modules, like other tools' caches, so `npm ci` clears it and git never sees it.
const CACHE_DIR = path.join(ROOT, 'node_modules', '.cache', 'ts-loader');
// A cache that grew past this many packs (entry scripts in temporary folders accumulate) is emptied on the next write.
const MAX_PACKS = 100;

const sha256 = (...parts) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
};

// --- The pack: name -> entry, for this entry script -----------------------

// Named after the entry script alone: an entry made by another version of this file has another name, so a pack from one is rewritten on its first run.
const PACK = path.join(CACHE_DIR, `${sha256(process.argv[1] ?? '')}.pack`);
/** The entries of the pack read at start-up. */
const packed = readPack();
/** The entries this run used, in the order it used them: the next pack. */
const used = new Map();
/** Whether this run used an entry the pack lacked, so the pack must be written again. */
let packIsStale = false;

/**
 * The pack's layout: a 4-byte length, that many bytes of JSON listing each
 * entry's name and size, then the entries one after the other.
 */
function readPack() {
  const entries = new Map();
  let pack;
  try {
    pack = fs.readFileSync(PACK);
  } catch {
    return entries; // not written yet
  }
  try {
    const indexEnd = 4 + pack.readUInt32LE(0);
    let offset = indexEnd;
    for (const [name, size] of JSON.parse(pack.toString('utf8', 4, indexEnd))) {
      entries.set(name, pack.subarray(offset, offset + size));
      offset += size;
    }
    if (offset !== pack.length) {
      throw new Error('damaged');
    }
    return entries;
  } catch {
    return new Map(); // damaged: every entry is made again, and a whole pack written
  }
}

const readEntry = (name) => {
  const entry = packed.get(name);
  if (entry === undefined) {
    packIsStale = true;
  } else {
    used.set(name, entry);
  }
  return entry;
};

const addEntry = (name, data) => {
  used.set(name, data);
  packIsStale = true;
};

function writePack() {
  const entries = [...used];
  const index = Buffer.from(JSON.stringify(entries.map(([name, data]) => [name, data.length])));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(index.length);
  // A cache that cannot be written (read-only checkout, full disk) only costs speed.
  try {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    if (fs.readdirSync(CACHE_DIR).length > MAX_PACKS) {
      fs.rmSync(CACHE_DIR, { recursive: true, force: true });
      fs.mkdirSync(CACHE_DIR, { recursive: true });
    }
    const temporary = `${PACK}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, Buffer.concat([length, index, ...entries.map(([, data]) => data)]));
    fs.renameSync(temporary, PACK);
  } catch {
    // speed only, see above
  }
}

// --- TypeScript -> JavaScript, cached by source content -------------------

const tsconfig = fs.readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8');
const esbuildVersion = JSON.parse(fs.readFileSync(require.resolve('esbuild/package.json', { paths: [ROOT] }), 'utf8')).version;
const transformKey = sha256(fs.readFileSync(__filename), esbuildVersion, tsconfig, process.versions.node);
let esbuild; // loaded on the first cache miss only

function transpile(source, filename) {
  const name = `${sha256(transformKey, source)}.js`;
  const cached = readEntry(name);
  if (cached !== undefined) {
    return cached.toString('utf8');
  }
  esbuild ??= require(require.resolve('esbuild', { paths: [ROOT] }));
  const { code } = esbuild.transformSync(source, {
    loader: 'ts',
    format: 'cjs',
    platform: 'node',
    target: `node${process.versions.node}`,
    // Error classes and constructs keep their names, as under tsc.
    keepNames: true,
    sourcefile: filename,
    // esbuild reads the options that change emitted code, useDefineForClassFields among them.
    tsconfigRaw: tsconfig,
  });
  addEntry(name, Buffer.from(code));
  return code;
}

Module._extensions['.ts'] = function loadTypeScript(module, filename) {
  module._compile(transpile(fs.readFileSync(filename, 'utf8'), filename), filename);
};

// --- JavaScript -> V8 code, cached by JavaScript content ------------------

const v8Key = sha256(fs.readFileSync(__filename), process.version, process.arch);
const nodeCompile = Module.prototype._compile;
/** Scripts compiled without a usable cache entry: their code is saved when the run ends, with every function it compiled. */
const unsaved = [];

Module.prototype._compile = function compileWithCache(content, filename, format) {
  // The entry module keeps Node's own path: it sets up Node's per-run
  // resolution caches, which every module loaded below it then uses.
  if (format === 'module' || this.id === '.') {
    return nodeCompile.call(this, content, filename, format);
  }
  const wrapper = Module.wrap(content);
  const name = `${sha256(v8Key, wrapper)}.v8`;
  const cachedData = readEntry(name);
  const script = new vm.Script(wrapper, {
    filename,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (cachedData === undefined || script.cachedDataRejected) {
    unsaved.push({ name, script });
  }
  const compiled = script.runInThisContext({ displayErrors: true });
  return compiled.call(this.exports, this.exports, makeRequire(this), this, filename, path.dirname(filename));
};

/** The `require` a module sees, as Node builds it. */
function makeRequire(module) {
  const require = (id) => module.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

// --- One copy of a package that npm installed twice -----------------------
//
// cdk8s bundles its own `yaml`, the same release as the project's, so npm
// cannot dedupe it, and synth loaded the same 72 modules twice. A nested copy
// whose package.json is byte for byte the top-level copy's is the same
// published package; its files are loaded from the top-level copy. A copy that
// differs in any way (another version, a patched package.json) is left alone.

const NODE_MODULES = path.join(ROOT, 'node_modules');
const SEGMENT = `${path.sep}node_modules${path.sep}`;
/** Nested package folder -> the top-level copy's folder when it is the same package, else null. */
const topLevelCopies = new Map();

function topLevelCopyOf(nestedFolder, name) {
  if (!topLevelCopies.has(nestedFolder)) {
    const topLevel = path.join(NODE_MODULES, name);
    const manifest = (folder) => fs.readFileSync(path.join(folder, 'package.json'));
    let same = false;
    try {
      same = manifest(nestedFolder).equals(manifest(topLevel));
    } catch {
      // no top-level copy: nothing to share
    }
    topLevelCopies.set(nestedFolder, same ? topLevel : null);
  }
  return topLevelCopies.get(nestedFolder);
}

const nodeResolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveToOneCopy(...args) {
  const filename = nodeResolveFilename.apply(this, args);
  // The path below the project's node_modules, as "/cdk8s/node_modules/yaml/dist/index.js".
  const inside = filename.startsWith(NODE_MODULES + path.sep) ? filename.slice(NODE_MODULES.length) : '';
  const at = inside.lastIndexOf(SEGMENT);
  if (at === -1) {
    return filename; // a top-level package, or not in node_modules
  }
  const [scope, base] = inside.slice(at + SEGMENT.length).split(path.sep);
  const name = scope.startsWith('@') ? path.join(scope, base) : scope;
  const nestedFolder = NODE_MODULES + inside.slice(0, at + SEGMENT.length) + name;
  const topLevel = topLevelCopyOf(nestedFolder, name);
  return topLevel === null ? filename : topLevel + filename.slice(nestedFolder.length);
};

process.once('exit', () => {
  for (const { name, script } of unsaved) {
    addEntry(name, script.createCachedData());
  }
  if (packIsStale) {
    writePack();
  }
});
