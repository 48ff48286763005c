// TSTL's Lua bundle, trimmed to what the entry runs.
//
// TSTL puts every file of the program into the bundle, type-only imports
// included (board catalogs, interfaces), under its path as a module name
// ("src.core.executor"); and a named import from a file that only re-exports
// (src/index.ts) loads everything that file names. On a chip with 44 KB of
// Lua heap all of it costs. This takes named imports straight from the module
// that defines them, keeps only the modules the entry then reaches through
// `require`, and renames them to short numbers. The bundle's shape is TSTL's
// (1.x):
//
//   ____modules = {
//   ["name"] = function(...) <body> end,
//   ...
//   }
//   local ____entry = require("<entry>", ...)

const HEAD = '____modules = {\n';
const MODULE = /^\["([^"]+)"\] = function\(\.\.\.\) $/gm;
const REQUIRE = /require\("([^"]+)"/g;

export interface LuaModule {
  name: string;
  /** The module's text, from `["name"] = function(...)` to its `end,`. */
  text: string;
}

/** The modules of a bundle, and what comes before and after them. */
export function splitBundle(code: string): { before: string; modules: LuaModule[]; after: string } {
  const start = code.indexOf(HEAD);
  const tail = code.lastIndexOf('\n}\nlocal ____entry = ');
  if (start < 0 || tail < 0) throw new Error('lua bundle: not the shape TSTL writes (no ____modules table)');
  const body = code.slice(start + HEAD.length, tail + 1);
  const modules: LuaModule[] = [];
  const starts = [...body.matchAll(MODULE)];
  starts.forEach((m, i) => {
    modules.push({ name: m[1]!, text: body.slice(m.index, i + 1 < starts.length ? starts[i + 1]!.index : body.length) });
  });
  return { before: code.slice(0, start + HEAD.length), modules, after: code.slice(tail + 1) };
}

/** Where each name of a module that only re-exports comes from: name -> [module, member]; null for any other module. */
function reexports(m: LuaModule): Map<string, [string, string]> | null {
  const from = new Map<string, string>();
  const names = new Map<string, [string, string]>();
  for (const line of m.text.split('\n').slice(1)) {
    const t = line.trim();
    let r: RegExpMatchArray | null;
    if (t === '' || t === 'do' || t === 'end' || t === 'end,' || t === 'local ____exports = {}' || t === 'return ____exports') continue;
    if ((r = t.match(/^local (\w+) = require\("([^"]+)"\)$/)) !== null) from.set(r[1]!, r[2]!);
    else if ((r = t.match(/^____exports\.(\w+) = (\w+)\.(\w+)$/)) !== null && from.has(r[2]!)) names.set(r[1]!, [from.get(r[2]!)!, r[3]!]);
    else return null;
  }
  return names;
}

/** `local v = require("index")` + `local X = v.X` lines -> `local X = require("<where X is>").X`, when v is used for nothing else. */
function importDirectly(text: string, index: Map<string, Map<string, [string, string]>>): string {
  return text.replace(/^local (\w+) = require\("([^"]+)"\)\n((?:local \w+ = \1\.\w+\n)*)/gm, (all, v: string, mod: string, lines: string) => {
    const names = index.get(mod);
    if (names === undefined) return all;
    const uses = text.split(v).length - 1;
    const picked = [...lines.matchAll(/^local (\w+) = \w+\.(\w+)$/gm)];
    if (uses !== picked.length + 1 || picked.some(([, , n]) => !names.has(n!))) return all;
    return picked.map(([, local, n]) => `local ${local} = require("${names.get(n!)![0]}").${names.get(n!)![1]}\n`).join('');
  });
}

/** Keeps the modules `after` (the entry's require) reaches; renames each to a short name. */
export function trimBundle(code: string): string {
  const split = splitBundle(code);
  const { before, after } = split;
  const index = new Map<string, Map<string, [string, string]>>();
  for (const m of split.modules) {
    const r = reexports(m);
    if (r !== null && r.size > 0) index.set(m.name, r);
  }
  const modules = split.modules.map((m) => ({ name: m.name, text: importDirectly(m.text, index) }));
  const byName = new Map(modules.map((m) => [m.name, m]));
  const reached = new Set<string>();
  const visit = (text: string) => {
    for (const [, name] of text.matchAll(REQUIRE)) {
      if (reached.has(name!) || !byName.has(name!)) continue;
      reached.add(name!);
      visit(byName.get(name!)!.text);
    }
  };
  visit(after);
  const kept = modules.filter((m) => reached.has(m.name));
  const short = new Map(kept.map((m, i) => [m.name, String(i + 1)]));
  const rename = (text: string) => text
    .replace(REQUIRE, (all, name: string) => (short.has(name) ? `require("${short.get(name)}"` : all))
    .replace(MODULE, (all, name: string) => (short.has(name) ? `["${short.get(name)}"] = function(...) ` : all));
  return before + kept.map((m) => rename(m.text)).join('') + rename(after);
}
