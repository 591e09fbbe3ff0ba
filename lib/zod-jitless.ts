import { z } from 'zod';

// Imported for its effect, first, by the entry points (main.ts, cli/mesh.ts).
// On its first parse, zod compiles a parser for each object schema with
// `new Function`. That pays off over many parses of one schema; synth parses
// most schemas once, or once per cluster, and compiling the parsers of the
// chart values and the topology took half the time of their first parse, on
// every run (V8's code cache does not keep code made by `new Function`).
// zod's interpreted parser gives the same values and issues.
z.config({ jitless: true });
