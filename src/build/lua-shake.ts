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
// are the Lua VM's or TSTL's to call and always stay. Then an import no one
// reads (`local X = ____mod.X`, `local ____mod = require("7")`) goes, and the
// modules that only those imports reached (lua-bundle.ts trims them).
// Repeated to a fixed point. It works on TSTL's indented text (a function's
// `end` has its `function`'s indentation), before squeezing.

const DEF = /^(\s*)(?:local )?function ([\w.:]+)\(/;
/** lualib's `local Error, RangeError` (then `do`): a block setting those. */
const BLOCK = /^local ((?:\w+, )*\w+)$/;
const IMPORT = /^local (\w+) = (?:\w+\.\w+|require\("[^"]+"\))$/;

interface Def {
  /** What it defines: a function's name, or the locals a lualib `local A, B` + `do ... end` block sets. */
  names: string[];
  from: number;
  /** Index of the line after the function's `end`. */
  to: number;
}

/** The code with the functions, imports and lualib entries nothing reaches removed (see above). */
export function shakeLua(code: string): string {
  let lines = code.split('\n');
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
  // Words each name's own definitions (and lualib export lines) hold.
  const owned = new Map<string, number>();
  const own = (name: string, text: string) => owned.set(name, (owned.get(name) ?? 0) + (text.match(new RegExp(`\\b${name}\\b`, 'g'))?.length ?? 0));
  for (const d of defs) for (let i = d.from; i < d.to; i++) for (const n of d.names) own(n, lines[i]!);
  // lualib's export table: `  __TS__New = __TS__New,`
  const lualibLine = (l: string) => l.match(/^\s+(\w+) = \1,?$/)?.[1];
  for (const l of lines) {
    const n = lualibLine(l);
    if (n !== undefined) own(n, l);
  }
  const dead = (name: string) => owned.has(name) && words.get(name) === owned.get(name);
  const drop = new Set<number>();
  let skipTo = -1;
  for (const d of defs) {
    if (d.from < skipTo || !d.names.every(dead)) continue;
    for (let i = d.from; i < d.to; i++) drop.add(i);
    skipTo = d.to;
  }
  lines.forEach((l, i) => {
    const lualib = lualibLine(l);
    if (lualib !== undefined && dead(lualib)) drop.add(i);
    const imported = l.match(IMPORT)?.[1];
    if (imported !== undefined && words.get(imported) === l.match(new RegExp(`\\b${imported}\\b`, 'g'))!.length) drop.add(i);
  });
  return lines.filter((_, i) => !drop.has(i));
}

/** Named function definitions that may be dropped, in order of their first line. */
function definitions(lines: string[]): Def[] {
  const defs: Def[] = [];
  lines.forEach((l, from) => {
    const block = lines[from + 1] === 'do' ? l.match(BLOCK) : null;
    if (block !== null) {
      defs.push({ names: block[1]!.split(', '), from, to: endOf(lines, from + 1, '') });
      return;
    }
    const m = l.match(DEF);
    if (m === null) return;
    const name = m[2]!.split(/[.:]/).pop()!;
    if (name.startsWith('__') && !name.startsWith('__TS__')) return;
    if (name === 'default') return;
    defs.push({ names: [name], from, to: endOf(lines, from, m[1]!) });
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
