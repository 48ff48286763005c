// Short names for the runtime's private members in the Lua build.
//
// Lua keeps a field's name as a string constant in every function prototype
// that reads or writes it (`self.generation` in twenty methods is twenty
// copies of "generation" in the heap). The Espruino build renames the
// runtime's private and `@internal` members with esbuild's mangleProps; this
// is the same for the Lua bundle, with the same choice of names (mangle.ts:
// never a public member, an interface or object-literal key, a string, a
// built-in's property, or anything the firmware's files name), made from the
// sources the TSTL program compiled. On the Lua text a member is only ever
// reached as `.name` or `:name(`; a name that also appears as a string
// (`prototype["end"]`, a descriptor's key) or is a Lua keyword stays as it
// is. The most used names get the shortest replacements, none of which is a
// word the code already has.

import path from 'node:path';
import ts from 'typescript';
import { mangleableNames } from './mangle.ts';

const KEYWORDS = new Set(['and', 'break', 'do', 'else', 'elseif', 'end', 'false', 'for', 'function', 'goto', 'if', 'in', 'local', 'nil', 'not', 'or',
  'repeat', 'return', 'then', 'true', 'until', 'while']);

/** The private member names of the program `entry` starts, `runtime` being the folder whose files are the runtime's. */
export function luaMangleableNames(entry: string, runtime: string, options: ts.CompilerOptions): string[] {
  const program = ts.createProgram([entry], options);
  const files = program.getSourceFiles()
    .filter((sf) => !sf.fileName.includes('/node_modules/'))
    .map((sf) => ({ path: sf.fileName, text: sf.text, runtime: !path.relative(runtime, sf.fileName).startsWith('..') }));
  return mangleableNames(files);
}

/** `code` with each of `names` (as a member: `.n`, `:n(`) renamed short, where that is safe (see above). */
export function mangleLua(code: string, names: readonly string[]): string {
  const words = new Set(code.match(/\w+/g) ?? []);
  const uses = new Map<string, number>();
  for (const n of names) {
    if (KEYWORDS.has(n) || code.includes(`"${n}"`) || code.includes(`'${n}'`)) continue;
    const count = code.match(new RegExp(`(?<!\\.)[.:]${n}\\b`, 'g'))?.length ?? 0;
    if (count > 0) uses.set(n, count);
  }
  const order = [...uses.keys()].sort((a, b) => uses.get(b)! * (b.length - 1) - uses.get(a)! * (a.length - 1) || (a < b ? -1 : 1));
  const short = new Map<string, string>();
  const fresh = shortNames(words);
  for (const n of order) {
    const s = fresh.next().value!;
    if (s.length < n.length) short.set(n, s);
  }
  if (short.size === 0) return code;
  const pattern = new RegExp(`(?<!\\.)([.:])(${[...short.keys()].join('|')})\\b`, 'g');
  return code.replace(pattern, (_all, sep: string, n: string) => sep + short.get(n)!);
}

/**
 * `code` with lualib's helpers (`__TS__New`, `__TS__Class`, ...) and the constructor method
 * (`____constructor`) renamed short at every use: each module that imports a helper keeps its
 * name as a string constant, each class module the constructor's. Whole words are renamed, so a
 * helper's definition, its lualib export and every import follow; a name also used inside a
 * string stays.
 */
export function mangleLualib(code: string): string {
  const words = code.match(/\w+/g) ?? [];
  const uses = new Map<string, number>();
  for (const w of words) if (/^__TS__\w+$|^____constructor$/.test(w)) uses.set(w, (uses.get(w) ?? 0) + 1);
  for (const n of uses.keys()) if (new RegExp(`["'][^"'\n]*\\b${n}\\b`).test(code)) uses.delete(n);
  if (uses.size === 0) return code;
  const order = [...uses.keys()].sort((a, b) => uses.get(b)! - uses.get(a)! || (a < b ? -1 : 1));
  const fresh = shortNames(new Set(words));
  const short = new Map(order.map((n) => [n, fresh.next().value!]));
  return code.replace(new RegExp(`\\b(${order.join('|')})\\b`, 'g'), (n) => short.get(n)!);
}

/** a, b, ... Z, aa, ab, ...: never a Lua keyword or a word in `taken`. */
function* shortNames(taken: Set<string>): Generator<string> {
  const first = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const rest = first + '0123456789_';
  for (let len = 1; ; len++) {
    const idx = new Array<number>(len).fill(0);
    for (;;) {
      const s = idx.map((d, i) => (i === 0 ? first : rest)[d]).join('');
      if (!KEYWORDS.has(s) && !taken.has(s)) yield s;
      let i = len - 1;
      while (i >= 0 && ++idx[i]! === (i === 0 ? first : rest).length) idx[i--] = 0;
      if (i < 0) break;
    }
  }
}
