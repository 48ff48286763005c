// A tree shake of the Lua bundle: functions no code in it can reach, out.
//
// TSTL compiles every method of a class and every function of a module,
// used or not; on the ESP8266 each one costs its bytecode, constants and
// prototype in the 44 KB Lua heap for as long as the firmware runs. esbuild
// shakes the Espruino build's functions, but not class methods; here both go.
//
// The rule is conservative, on words: a function named `n` (a method
// `function C.prototype.n(self`, an export `function ____exports.n(`, a
// `local function n(`, a lualib helper `__TS__N`) is dropped when the word
// `n` appears nowhere in the bundle but in the functions named `n`
// themselves: not called, not read, not a string, not a key. A name reached
// any way at all (`obj[k]` with a string holding it, a table key) keeps it.
// lualib's `local A, B` + `do ... end` blocks (Symbol, Error) count as
// defining A and B. Names starting `__` other than lualib's (`__tostring`, `____constructor`)
// are the Lua VM's or TSTL's to call and always stay; a getter lua-getters.ts
// made a method (`____get_n`, read only by that name) is shaken like any
// method. Then an import no one
// reads (`local X = ____mod.X`, `local ____mod = require("7")`) goes, and the
// modules that only those imports reached (lua-bundle.ts trims them).
// Repeated to a fixed point. It works on TSTL's indented text (a function's
// `end` has its `function`'s indentation), before squeezing.

const DEF = /^(\s*)(?:local )?function ([\w.:]+)\(/;
/** lualib's `local Error, RangeError` (then `do`): a block setting those. */
const BLOCK = /^local ((?:\w+, )*\w+)$/;
const IMPORT = /^local (\w+) = (?:\w+\.\w+|require\("[^"]+"\))$/;
/** A getter as lua-getters.ts writes it: a method every read of which calls it by name. */
const GETTER = '____get_';

interface Def {
  /** What it defines: a function's name, or the locals a lualib `local A, B` + `do ... end` block sets. */
  names: string[];
  /** For `function C.prototype.m(`: C. */
  owner?: string;
  from: number;
  /** Index of the line after the function's `end`. */
  to: number;
}

/** The code with the functions, imports and lualib entries nothing reaches removed (see above). */
export function shakeLua(code: string): string {
  // Whole-line comments (TSTL copies JSDoc) name words no code reads; without long strings they are only comments.
  let lines = code.split('\n').filter((l) => /\[=*\[/.test(code) || !/^\s*--(?!\[)/.test(l));
  for (;;) {
    const next = shakeOnce(lines);
    if (next.length === lines.length) return lines.join('\n');
    lines = next;
  }
}

function shakeOnce(lines: string[]): string[] {
  const words = new Map<string, number>();
  for (const l of lines) for (const [w] of l.matchAll(/\w+/g)) words.set(w, (words.get(w) ?? 0) + 1);
  const defs = definitions(lines);
  // Lines each name's own definitions (and lualib export lines) span, each line counted once.
  const ownLines = new Map<string, Set<number>>();
  const own = (name: string, i: number) => (ownLines.get(name) ?? ownLines.set(name, new Set()).get(name)!).add(i);
  for (const d of defs) for (let i = d.from; i < d.to; i++) for (const n of d.names) own(n, i);
  // lualib's export table: `  __TS__New = __TS__New,`
  const lualibLine = (l: string) => l.match(/^\s+(\w+) = \1,?$/)?.[1];
  lines.forEach((l, i) => {
    const n = lualibLine(l);
    if (n !== undefined) own(n, i);
  });
  const owned = (name: string) => [...ownLines.get(name)!].reduce((k, i) => k + count(lines[i]!, name), 0);
  const dead = (name: string) => ownLines.has(name) && words.get(name) === owned(name);
  const drop = new Set<number>();
  let skipTo = -1;
  // An export is reached only as a member (`____m.n`, `require("7").n`) or by a string: a bare
  // word `n` elsewhere is another variable (`select` the Lua function, not combinators' export).
  const text = lines.join('\n');
  const exportDead = (d: Def) => d.owner === '____exports' && d.names.length === 1 &&
    memberUses(text, d.names[0]!) === memberUses(lines.slice(d.from, d.to).join('\n'), d.names[0]!);
  for (const d of defs) {
    if (d.from < skipTo || d.names.length === 0 || !(d.names.every(dead) || exportDead(d))) continue;
    for (let i = d.from; i < d.to; i++) drop.add(i);
    skipTo = d.to;
  }
  for (const c of classes(lines, defs)) {
    if (words.get(c.name) === c.lines.reduce((n, i) => n + count(lines[i]!, c.name), 0)) for (const i of c.lines) drop.add(i);
  }
  const modules = moduleOf(lines);
  lines.forEach((l, i) => {
    const lualib = lualibLine(l);
    if (lualib !== undefined && dead(lualib)) drop.add(i);
    // A module's imports are its own locals: read or not in that module only.
    const imported = l.match(IMPORT)?.[1];
    if (imported !== undefined && modules(i).every((j) => j === i || count(lines[j]!, imported) === 0)) drop.add(i);
  });
  return lines.filter((_, i) => !drop.has(i));
}

const memberUses = (text: string, name: string) => text.match(new RegExp(`[.:]${name}\\b|["']${name}["']`, 'g'))?.length ?? 0;

const count = (line: string, word: string) => line.match(new RegExp(`\\b${word}\\b`, 'g'))?.length ?? 0;

/** For a line, the indices of the lines of the bundle module (`["7"] = function(...)`) it is in; the whole text outside one. */
function moduleOf(lines: string[]): (i: number) => number[] {
  const starts = lines.flatMap((l, i) => (/^\["[^"]+"\] = function\(\.\.\.\) ?$/.test(l) ? [i] : []));
  const all = lines.map((_, i) => i);
  return (i) => {
    let k = starts.length - 1;
    while (k >= 0 && starts[k]! > i) k--;
    if (k < 0) return all;
    const end = k + 1 < starts.length ? starts[k + 1]! : lines.length;
    return all.slice(starts[k], end);
  };
}

/** Each class TSTL wrote (`____exports.C = __TS__Class()` or `local C = ...`): its name and every line that is its own. */
function classes(lines: string[], defs: Def[]): { name: string; lines: number[] }[] {
  const found: { name: string; lines: number[] }[] = [];
  lines.forEach((l, i) => {
    const name = l.match(/^(?:____exports\.|local )(\w+) = __TS__Class\(\)$/)?.[1];
    if (name === undefined) return;
    const own: number[] = [i];
    lines.forEach((m, j) => {
      if (m === `local ${name} = ____exports.${name}` || m.startsWith(`${name}.`) || new RegExp(`^__TS__ClassExtends\\(${name}, \\w+\\)$`).test(m)) own.push(j);
    });
    for (const d of defs) if (d.owner === name) for (let j = d.from; j < d.to; j++) own.push(j);
    found.push({ name, lines: [...new Set(own)] });
  });
  return found;
}

/** Named function definitions that may be dropped, in order of their first line. */
function definitions(lines: string[]): Def[] {
  const defs: Def[] = [];
  let open: Def | null = null;
  lines.forEach((l, from) => {
    const block = lines[from + 1] === 'do' ? l.match(BLOCK) : null;
    if (block !== null) {
      defs.push(open = { names: block[1]!.split(', '), from, to: endOf(lines, from + 1, '') });
      return;
    }
    const m = l.match(DEF);
    if (m === null) return;
    const name = m[2]!.split(/[.:]/).pop()!;
    // `function A(` inside the `local A, B` + `do` block that sets A: the block defines it.
    if (open !== null && from < open.to && open.names.includes(name)) return;
    if (name === 'default' || (name.startsWith('__') && !name.startsWith('__TS__') && !name.startsWith(GETTER))) {
      defs.push({ names: [], owner: m[2]!.split(/[.:]/)[0], from, to: endOf(lines, from, m[1]!) });
      return;
    }
    defs.push({ names: [name], owner: m[2]!.split(/[.:]/)[0], from, to: endOf(lines, from, m[1]!) });
  });
  return defs;
}

/** The index after the `end` at `indent` that closes the line `from` opens. */
function endOf(lines: string[], from: number, indent: string): number {
  const end = `${indent}end`;
  let to = from + 1;
  while (to < lines.length && lines[to] !== end) to++;
  if (to === lines.length) throw new Error(`lua shake: no end for \`${lines[from]!.trim()}\` (not TSTL's indentation)`);
  return to + 1;
}
