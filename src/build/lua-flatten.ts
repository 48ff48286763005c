// The Lua bundle as one scope: every module's code in the main chunk.
//
// TSTL's bundle (lua-bundle.ts) keeps each module a function in
// `____modules`, run by a `require` shim; on the ESP8266 each module pays for
// its wrapper, its `require("7")` calls, its `local X = ____m.X` import lines,
// its `____exports` table and the `____exports.X` reads and writes, and its
// own copy of every imported name and of "prototype" as string constants.
// This emits the modules in the order the shim would run them (depth first,
// a module after what it imports), each in a `do ... end` block:
//
//   local Waker, Context          -- exports another module reads: chunk locals, declared once
//   do
//     local noopVTable = ...      -- a module's own locals stay in its block
//     Waker = __TS__Class()       -- was ____exports.Waker = ...
//   end
//
// Imports become the defining module's local (`local W = ____m.Waker` goes, or
// stays as `local W = Waker` when the names differ); an export nothing else
// reads becomes a local of its block. lualib's module is put in the chunk as it
// is (its locals are the helpers). Names are decided with Lua's scoping
// (lua-scope.ts): a chunk local never hides a global or another local from
// code that meant that one; where the export's own name would, a fresh name is
// used. Lua 5.1 allows 200 active locals in a function and 60 upvalues in a
// closure: over `maxLocals` in the main chunk, the least used exports move into
// one table; an upvalue overflow, an import cycle, or any shape this does not
// know (a module's table used as a value, a `require` elsewhere than an import
// line, `...` in a module's body) is a build error naming the module.

import { splitBundle } from './lua-bundle.ts';
import type { LuaModule } from './lua-bundle.ts';
import { analyse, lookup, MAX_UPVALUES } from './lua-scope.ts';
import type { Analysis, Decl } from './lua-scope.ts';

/** Locals the main chunk may hold, below Lua 5.1's 200 to leave registers for expressions. */
export const MAX_CHUNK_LOCALS = 180;
/** The table holding the exports that do not fit as locals. */
const TABLE = '____x';

interface Module {
  name: string;
  body: string;
  a: Analysis;
  lualib: boolean;
  /** Module variables (`local v = require("k")`): decl token -> module. */
  vars: Map<Decl, string>;
  /** Import lines: start offset of the line -> [local name, module, export]. */
  imports: Map<number, [string, string, string]>;
  /** `____exports.X` (own) and `v.X` (imported) sites: index of the first token -> [module, export, end offset]. */
  sites: Map<number, [string, string, number]>;
  requires: string[];
  /** Start offsets of `require("k")` lines. */
  runs: number[];
}

const fail = (module: string, why: string): never => {
  throw new Error(`lua flatten: module "${module}" ${why}, which this pass does not flatten (it stops rather than emit wrong Lua)`);
};

/** The bundle as one scope (see above). Throws naming the module whose code it cannot flatten safely. */
export function flattenBundle(code: string, maxLocals = MAX_CHUNK_LOCALS): string {
  const { before, modules: raw, after } = splitBundle(code);
  const entry = after.match(/^\}\nlocal ____entry = require\("([^"]+)", \.\.\.\)\nreturn ____entry\n?$/)?.[1];
  const shim = before.indexOf('local ____modules = {}\n');
  if (entry === undefined || shim < 0 || !before.slice(shim).includes('local function require(file, ...)')) {
    throw new Error('lua flatten: not the require shim and entry TSTL writes');
  }
  const prelude = before.slice(0, shim);
  const modules = new Map(raw.map((m) => [m.name, readModule(m)]));
  const order = runOrder(modules, entry);
  const tabled = new Set<string>();
  for (;;) {
    const out = emit(prelude, order.map((n) => modules.get(n)!), tabled);
    const a = analyse(out.code);
    const crowded = a.functions.find((f) => f !== a.main && f.upvalues.size > MAX_UPVALUES);
    if (crowded !== undefined) throw new Error(`lua flatten: the function at line ${crowded.line} of the flattened chunk would have ${crowded.upvalues.size} upvalues (Lua 5.1 allows ${MAX_UPVALUES})`);
    if (a.main.maxLocals <= maxLocals) return out.code;
    const excess = a.main.maxLocals - maxLocals;
    const movable = out.hoisted.filter((h) => !tabled.has(h.key)).sort((x, y) => x.uses - y.uses || (x.key < y.key ? -1 : 1));
    if (movable.length === 0) throw new Error(`lua flatten: the main chunk needs ${a.main.maxLocals} locals with every export in one table (at most ${maxLocals})`);
    for (const h of movable.slice(0, Math.max(1, excess + (tabled.size === 0 ? 1 : 0)))) tabled.add(h.key);
  }
}

function readModule(m: LuaModule): Module {
  const head = m.text.indexOf('\n');
  const end = m.text.lastIndexOf('\n end,');
  if (head < 0 || end < head) fail(m.name, 'is not `["name"] = function(...) ... end,`');
  const body = m.text.slice(head + 1, end + 1);
  const a = analyse(body);
  const lualib = /\nreturn \{\n(?: {2}\w+ = \w+,?\n)*\}\n$/.test('\n' + body);
  const mod: Module = { name: m.name, body, a, lualib, vars: new Map(), imports: new Map(), sites: new Map(), requires: [], runs: [] };
  const { tokens, refs } = a;
  const lineOf = (i: number) => body.lastIndexOf('\n', tokens[i]!.start - 1) + 1;
  tokens.forEach((t, i) => {
    if (t.text === '...' && a.scopeAt[i]?.fn === a.main) fail(m.name, 'reads `...` in its body');
  });
  const exportsDecl = [...a.decls.values()].find((d) => d.name === '____exports' && a.scopeAt[d.token]!.parent === null) ?? null;
  // Import lines, at the module's top level; `require("k")` alone runs k (`import "./k"`).
  for (const line of body.matchAll(/^(?:local (\w+) = )?(?:require\("([^"]+)"\)(?:\.(\w+))?|(\w+)\.(\w+))$/gm)) {
    const [, local, from, member, , vMember] = line;
    if (local === undefined) {
      if (from === undefined || member !== undefined) continue;
      mod.requires.push(from);
      mod.runs.push(line.index!);
      continue;
    }
    if (from !== undefined) {
      mod.requires.push(from);
      if (member === undefined) {
        const i = tokens.findIndex((t) => t.start === line.index + 6);
        mod.vars.set(a.decls.get(i)!, from);
      } else mod.imports.set(line.index!, [local!, from, member]);
      continue;
    }
    const i = tokens.findIndex((t) => t.start === line.index! + line[0].indexOf(' = ') + 3);
    const decl = refs.get(i);
    if (decl !== undefined && decl !== null && mod.vars.has(decl)) mod.imports.set(line.index!, [local!, mod.vars.get(decl)!, vMember!]);
  }
  tokens.forEach((t, i) => {
    if (t.kind !== 'name' || !refs.has(i)) return;
    const decl = refs.get(i)!;
    if (decl === null && t.text === 'require' && !mod.imports.has(lineOf(i)) && !mod.runs.includes(lineOf(i)) && ![...mod.vars.keys()].some((d) => lineOf(d.token) === lineOf(i))) {
      fail(m.name, `calls require outside an import line (line ${t.line})`);
    }
    const own = decl !== null && decl === exportsDecl;
    if (decl === null || (!own && !mod.vars.has(decl))) return;
    if (mod.imports.has(lineOf(i))) return;
    if (tokens[i + 1]?.text !== '.' || tokens[i + 2]?.kind !== 'name') {
      if (own && tokens[i - 1]?.text === 'return' && a.scopeAt[i]!.fn === a.main && tokens[i + 1] === undefined) return;
      fail(m.name, `uses ${own ? 'its `____exports`' : `module "${mod.vars.get(decl)}"`} as a value (line ${t.line})`);
    }
    mod.sites.set(i, [own ? m.name : mod.vars.get(decl)!, tokens[i + 2]!.text, tokens[i + 2]!.end]);
  });
  if (!lualib && (exportsDecl === null || !/\nreturn ____exports\n$/.test('\n' + body))) fail(m.name, 'does not end `return ____exports`');
  return mod;
}

/** Modules in the order the require shim runs them: each after the modules it imports. */
function runOrder(modules: Map<string, Module>, entry: string): string[] {
  const order: string[] = [];
  const path: string[] = [];
  const visit = (name: string) => {
    if (order.includes(name)) return;
    const at = path.indexOf(name);
    if (at >= 0) throw new Error(`lua flatten: modules import each other in a cycle (${[...path.slice(at), name].join(' -> ')}); one scope cannot order them`);
    const m = modules.get(name);
    if (m === undefined) throw new Error(`lua flatten: module "${path[path.length - 1] ?? entry}" requires "${name}", which the bundle does not have`);
    path.push(name);
    for (const r of m.requires) visit(r);
    path.pop();
    order.push(name);
  };
  visit(entry);
  return order;
}

interface Hoisted { key: string; uses: number }

/** The chunk, and the exports it made chunk locals, with how many sites use each. */
function emit(prelude: string, order: Module[], tabled: Set<string>): { code: string; hoisted: Hoisted[] } {
  const words = new Set<string>();
  for (const m of order) for (const t of m.a.tokens) if (t.kind === 'name') words.add(t.text);
  for (const w of prelude.match(/\w+/g) ?? []) words.add(w);
  const fresh = (base: string) => {
    let n = 1;
    while (words.has(`${base}_${n}`)) n++;
    words.add(`${base}_${n}`);
    return `${base}_${n}`;
  };
  // Which exports other modules read, and every site naming each.
  const read = new Set<string>();
  const sitesOf = new Map<string, { m: Module; i: number }[]>();
  const key = (mod: string, x: string) => `${mod}\0${x}`;
  for (const m of order) {
    for (const [i, [mod, x]] of m.sites) {
      (sitesOf.get(key(mod, x)) ?? sitesOf.set(key(mod, x), []).get(key(mod, x))!).push({ m, i });
      if (mod !== m.name) read.add(key(mod, x));
    }
    for (const [, [, mod, x]] of m.imports) read.add(key(mod, x));
  }
  const position = new Map(order.map((m, i) => [m.name, i]));
  const globalsFrom = (from: number) => {
    const g = new Set<string>();
    for (const m of order.slice(from)) for (const [i, d] of m.a.refs) if (d === null) g.add(m.a.tokens[i]!.text);
    return g;
  };
  const pre = analyse(prelude);
  const chunk = new Set([...pre.decls.values()].filter((d) => pre.scopeAt[d.token]!.parent === null).map((d) => d.name));
  const fields = new Set<string>();
  const name = new Map<string, string>();
  const aliases = new Set<string>();
  const hoisted: Hoisted[] = [];
  // A site may use `x` when, there, `x` is no local or only the module's own alias of the same export.
  const clear = (x: string, k: string) => (sitesOf.get(key(k, x)) ?? []).every(({ m, i }) => {
    const d = lookup(m.a.scopeAt[i]!, x, i);
    return d === null || isAliasOf(m, d, k, x);
  });
  for (const m of order) {
    const after = globalsFrom(position.get(m.name)!);
    if (m.lualib) {
      for (const d of m.a.decls.values()) {
        if (d.fn !== m.a.main || m.a.scopeAt[d.token]!.parent !== null) continue;
        if (after.has(d.name) || chunk.has(d.name)) throw new Error(`lua flatten: lualib's ${d.name} would hide the global or local of that name from later modules`);
        chunk.add(d.name);
      }
      for (const [, x, v] of m.body.matchAll(/^ {2}(\w+) = (\w+),?$/gm)) name.set(key(m.name, x!), v!);
      continue;
    }
    const own = new Set([...m.sites.values()].filter(([mod]) => mod === m.name).map(([, x]) => x));
    for (const x of own) {
      const k = key(m.name, x);
      const from = reexport(m, x);
      if (from !== undefined) {
        name.set(k, name.get(key(from[0], from[1])) ?? fail(from[0], `has no export ${from[1]} that module "${m.name}" reads`));
        aliases.add(k);
        continue;
      }
      const shared = read.has(k);
      if (shared && tabled.has(k)) {
        let field = x;
        for (let n = 1; fields.has(field); n++) field = `${x}_${n}`;
        fields.add(field);
        name.set(k, `${TABLE}.${field}`);
        continue;
      }
      const usable = !chunk.has(x) && !after.has(x) && !importsName(m, x) && clear(x, m.name);
      const n = usable && !/^(?:default|____\w*)$/.test(x) ? x : fresh(x);
      name.set(k, n);
      if (shared) {
        chunk.add(n);
        hoisted.push({ key: k, uses: sitesOf.get(k)?.length ?? 0 });
      }
    }
  }
  const parts = [prelude];
  if (tabled.size > 0) parts.push(`local ${TABLE} = {}\n`);
  for (const m of order) parts.push(emitModule(m, name, read, new Set([...tabled, ...aliases]), aliases, key));
  return { code: parts.join(''), hoisted };
}

/** `local X = ____exports.X` (TSTL's class alias) or an import line of `k`'s X. */
function isAliasOf(m: Module, d: Decl, k: string, x: string): boolean {
  const line = m.body.slice(m.body.lastIndexOf('\n', m.a.tokens[d.token]!.start) + 1).split('\n')[0]!;
  if (k === m.name) return line === `local ${x} = ____exports.${x}`;
  const imp = m.imports.get(m.body.lastIndexOf('\n', m.a.tokens[d.token]!.start) + 1);
  return imp !== undefined && imp[1] === k && imp[2] === x;
}

/** For `____exports.x = Y` as the only site of x in m, Y an import of m: the module and export Y is. */
function reexport(m: Module, x: string): [string, string] | undefined {
  const sites = [...m.sites.entries()].filter(([, [mod, y]]) => mod === m.name && y === x);
  if (sites.length !== 1) return undefined;
  const at = m.a.tokens[sites[0]![0]]!.start;
  const y = m.body.slice(at, m.body.indexOf('\n', at)).match(new RegExp(`^____exports\\.${x} = (\\w+)$`))?.[1];
  if (y === undefined || m.body[at - 1] !== '\n') return undefined;
  const imp = [...m.imports.values()].find(([local]) => local === y);
  return imp === undefined ? undefined : [imp[1], imp[2]];
}

/** Whether `x` names an import of `m` (a chunk local after the flatten). */
function importsName(m: Module, x: string): boolean {
  return [...m.imports.values()].some(([local]) => local === x);
}

/** m's block; exports in `undeclared` (in the table, or another module's) get no local; `aliases` lines (`____exports.x = Y`) go. */
function emitModule(m: Module, name: Map<string, string>, read: Set<string>, undeclared: Set<string>, aliases: Set<string>,
  key: (mod: string, x: string) => string): string {
  const { tokens } = m.a;
  const edits: { from: number; to: number; text: string }[] = [];
  const lineEnd = (at: number) => m.body.indexOf('\n', at) + 1;
  for (const [i, [mod, x]] of m.sites) {
    if (mod === m.name && aliases.has(key(mod, x))) edits.push({ from: tokens[i]!.start, to: lineEnd(tokens[i]!.start), text: '' });
  }
  for (const [i, [mod, x, end]] of m.sites) edits.push({ from: tokens[i]!.start, to: end, text: name.get(key(mod, x)) ?? fail(mod, `has no export ${x} that module "${m.name}" reads`) });
  for (const [at, [local, mod, x]] of m.imports) {
    const n = name.get(key(mod, x)) ?? fail(mod, `has no export ${x} that module "${m.name}" reads`);
    edits.push({ from: at, to: lineEnd(at), text: n === local ? '' : `local ${local} = ${n}\n` });
  }
  const lineStarts = [...[...m.vars.keys()].map((d) => m.body.lastIndexOf('\n', tokens[d.token]!.start) + 1), ...m.runs];
  for (const at of lineStarts) edits.push({ from: at, to: lineEnd(at), text: '' });
  for (const line of m.body.matchAll(/^local (\w+) = ____exports\.(\w+)\n/gm)) {
    if (name.get(key(m.name, line[2]!)) === line[1]) edits.push({ from: line.index!, to: line.index! + line[0].length, text: '' });
  }
  if (m.lualib) {
    const at = m.body.lastIndexOf('\nreturn {\n') + 1;
    edits.push({ from: at, to: m.body.length, text: '' });
  } else {
    const privates = [...new Set([...m.sites.values()].filter(([mod, x]) => mod === m.name && !read.has(key(mod, x)) && !aliases.has(key(mod, x))).map(([, x]) => name.get(key(m.name, x))!))];
    const decl = m.body.search(/^local ____exports = \{\}\n/m);
    edits.push({ from: decl, to: lineEnd(decl), text: privates.length > 0 ? `local ${privates.join(', ')}\n` : '' });
    const ret = m.body.lastIndexOf('return ____exports\n');
    edits.push({ from: ret, to: m.body.length, text: '' });
  }
  // Edits inside an edited line (a site on an import line) give way to the line's edit.
  edits.sort((x, y) => x.from - y.from || y.to - x.to);
  let out = '';
  let at = 0;
  for (const e of edits) {
    if (e.from < at) continue;
    out += m.body.slice(at, e.from) + e.text;
    at = e.to;
  }
  out += m.body.slice(at);
  if (m.lualib) return out;
  const hoisted = [...new Set([...m.sites.values()].filter(([mod, x]) => mod === m.name && read.has(key(mod, x)) && !undeclared.has(key(mod, x))).map(([, x]) => name.get(key(m.name, x))!))];
  return (hoisted.length > 0 ? `local ${hoisted.join(', ')}\n` : '') + `do\n${out}end\n`;
}
