// Short names for the program's member names in the Lua build.
//
// Lua keeps a field's name as a string constant in every function prototype
// that reads or writes it (`self.waker` in twenty methods is twenty copies of
// "waker" in the heap). The firmware, the runtime and lualib are one chunk,
// so a field name can be renamed everywhere at once (`.n`, `:n(`, a table
// constructor's `n = `) without changing what the program does, unless
// something outside the chunk reads or provides it:
//
// - Lua's standard library and globals (`string.format`, `s:sub`, `_G.x`),
//   and what the VM reads by name: metamethods, every `__`-prefixed name
//   (TSTL's `____super`; lualib's helpers are mangleLualib's);
// - NodeMCU's modules: every member nodemcu.d.ts declares (`tmr.now`, `t:alarm`,
//   `gpio.config`'s `{gpio, dir, pull}`), read from that file;
// - what lualib and TSTL's code rely on by name (`prototype`, `constructor`,
//   `name`, `message`, `length`) and FLAGPOLL_BUILD, which the flash tool
//   asks for;
// - any word inside a string (`self["end"]`, a descriptor's key; not a
//   class's name assigned to `.name`, a value never used as a key) and the
//   names the caller gives (`keep`: data keys the program lists, see
//   luaKeptNames).
//
// A name that is any of these stays, however the program uses it. The work
// is on tokens (lua-tokens.ts), never on strings or comments. Names used in
// the most functions get the shortest replacements; a replacement is never a
// name that stays nor a word in a string.

import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { KEYWORDS, tokenize } from './lua-tokens.ts';
import type { Token } from './lua-tokens.ts';

/**
 * The members of Lua 5.1's and 5.3's library tables (`pairs` over each table in `_G`: string, table, math, ...,
 * whose functions are also strings' methods) and file handles' methods. Globals are fields only as `_G.x`.
 */
const LUA_LIBRARY = `abs acos arshift asin atan atan2 band bnot bor btest bxor byte ceil char charpattern clock close codepoint codes concat config cos cosh cpath
  create date debug deg difftime dump execute exit exp extract find floor flush fmod foreach foreachi format frexp getenv getfenv gethook getinfo
  getlocal getmetatable getn getregistry getupvalue getuservalue gfind gmatch gsub huge input insert isyieldable ldexp len lines loaded loaders
  loadlib log log10 lower lrotate lshift match max maxinteger maxn min mininteger mod modf move offset open output pack packsize path pi popen pow
  preload rad random randomseed read remove rename rep replace resume reverse rrotate rshift running searchers searchpath seeall seek setfenv sethook
  setlocal setlocale setmetatable setn setupvalue setuservalue setvbuf sin sinh sort sqrt status stderr stdin stdout sub tan tanh time tmpfile
  tmpname tointeger traceback type ult unpack upper upvalueid upvaluejoin wrap write yield`.split(/\s+/);

/** What lualib, TSTL's code and the shim in front (typed-arrays.lua) read by name, and the global the flash tool reads. */
const RUNTIME_NAMES = ['prototype', 'constructor', 'name', 'message', 'stack', 'length', 'FLAGPOLL_BUILD'];

const NODEMCU_DECLARATIONS = new URL('../targets/nodemcu/nodemcu.d.ts', import.meta.url);
let nodemcu: string[] | undefined;

/** Every member name nodemcu.d.ts declares: NodeMCU's modules, their methods and constants, the tables its calls take. */
export function nodemcuNames(): string[] {
  if (nodemcu !== undefined) return nodemcu;
  const file = NODEMCU_DECLARATIONS.pathname;
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ESNext, true);
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if ((ts.isPropertySignature(node) || ts.isMethodSignature(node)) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name))) names.add(node.name.text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return (nodemcu = [...names].sort());
}

/**
 * Names the program turns into data, which must keep their spelling: the
 * properties of what it lists (`Object.keys`/`entries`/`getOwnPropertyNames`,
 * `for (k in o)`) or indexes with a computed string (`o[k]`), as the checker
 * types them, and `dataKeys` (the keys of data the entry embeds that the
 * runtime lists, such as the board's pin and UART names in its errors).
 */
export function luaKeptNames(entry: string, dataKeys: readonly string[]): string[] {
  const names = new Set<string>(dataKeys);
  const program = ts.createProgram([entry], PROGRAM);
  const checker = program.getTypeChecker();
  const addProperties = (e: ts.Expression): void => {
    const type = checker.getTypeAtLocation(e);
    for (const t of type.isUnionOrIntersection() ? type.types : [type]) for (const p of checker.getPropertiesOfType(t)) names.add(p.name);
  };
  const listing = new Set(['keys', 'entries', 'getOwnPropertyNames']);
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ts.isIdentifier(node.expression.expression) &&
      node.expression.expression.text === 'Object' && listing.has(node.expression.name.text) && node.arguments[0] !== undefined) addProperties(node.arguments[0]);
    else if (ts.isForInStatement(node)) addProperties(node.expression);
    else if (ts.isElementAccessExpression(node) && !ts.isLiteralExpression(node.argumentExpression) &&
      (checker.getTypeAtLocation(node.argumentExpression).flags & ts.TypeFlags.NumberLike) === 0) addProperties(node.expression);
    ts.forEachChild(node, visit);
  };
  for (const sf of program.getSourceFiles()) if (!sf.fileName.includes('/node_modules/')) visit(sf);
  return [...names].sort();
}

/** Enough of a program to type the sources the entry reaches; nothing is checked or emitted. */
const PROGRAM: ts.CompilerOptions = { target: ts.ScriptTarget.ES2020, allowImportingTsExtensions: true, noEmit: true, types: [], noResolve: false };

interface FieldUse {
  /** Indexes of the tokens naming it. */
  at: number[];
  /** The functions (prototypes) naming it: each holds it as one constant. */
  functions: Set<number>;
}

/** `code` with every field name that nothing outside the chunk reads or provides (see above) renamed short; `keep` stays too. */
export function mangleLua(code: string, keep: Iterable<string> = []): string {
  const tokens = tokenize(code);
  const fields = fieldUses(tokens);
  const stays = staying(tokens, fields, keep);
  const order = [...fields.keys()].filter((n) => !stays.has(n))
    .sort((a, b) => fields.get(b)!.functions.size - fields.get(a)!.functions.size || (a < b ? -1 : 1));
  const short = shortFor(order, stays);
  const renamed = new Map<number, string>();
  for (const [n, to] of short) for (const i of fields.get(n)!.at) renamed.set(tokens[i]!.start, to);
  if (renamed.size === 0) return code;
  let out = '';
  let from = 0;
  for (const t of tokens) {
    const to = renamed.get(t.start);
    if (to === undefined) continue;
    out += code.slice(from, t.start) + to;
    from = t.start + t.text.length;
  }
  return out + code.slice(from);
}

/**
 * The field names of `code` that are the program's own, what mangleLua
 * renames (nothing outside the chunk reads or provides them), each with the
 * indexes in `tokens` of the tokens naming it as a field.
 */
export function ownFields(code: string, keep: Iterable<string> = []): { tokens: Token[]; fields: Map<string, number[]> } {
  const tokens = tokenize(code);
  const uses = fieldUses(tokens);
  const stays = staying(tokens, uses, keep);
  return { tokens, fields: new Map([...uses].filter(([n]) => !stays.has(n)).map(([n, u]) => [n, u.at])) };
}

/** The names that stay as they are (see above). */
function staying(tokens: Token[], fields: Map<string, FieldUse>, keep: Iterable<string>): Set<string> {
  const stays = new Set<string>([...KEYWORDS, ...LUA_LIBRARY, ...RUNTIME_NAMES, ...nodemcuNames(), ...keep]);
  tokens.forEach((t, i) => {
    if (t.kind === 'string' && !isNameValue(tokens, i)) for (const w of t.text.match(/\w+/g) ?? []) stays.add(w);
    else if (t.kind === 'name' && t.text === '_G' && tokens[i + 1]?.text === '.' && tokens[i + 2] !== undefined) stays.add(tokens[i + 2]!.text);
  });
  for (const n of fields.keys()) if (n.startsWith('__')) stays.add(n);
  return stays;
}

/**
 * A string assigned to a `name` field (`Waker.name = "Waker"`, TSTL's line
 * for every class; an error's `self.name = "FlagpollError"`): the name of a
 * class, which is printed, never used as a key.
 */
function isNameValue(tokens: Token[], i: number): boolean {
  return tokens[i - 1]?.text === '=' && tokens[i - 2]?.text === 'name' && tokens[i - 3]?.text === '.' && tokens[i + 1]?.text !== '..';
}

/**
 * A short name for each of `names` (ordered most used first) that a
 * replacement shortens, none of them in `taken`. A name left as it is holds
 * its own name, which no other may then get: the loop runs again with it
 * taken until no more names are left (each round only adds to them).
 */
function shortFor(names: string[], taken: Set<string>): Map<string, string> {
  const pinned = new Set<string>();
  for (;;) {
    const short = new Map<string, string>();
    const fresh = shortNames(new Set([...taken, ...pinned]));
    let next = fresh.next().value!;
    for (const n of names) {
      if (pinned.has(n)) continue;
      if (next.length >= n.length) pinned.add(n);
      else {
        short.set(n, next);
        next = fresh.next().value!;
      }
    }
    if ([...short.values()].every((s) => !pinned.has(s))) return short;
  }
}

/**
 * Where each field name is used: after `.` or `:`, or as a key in a table
 * constructor (`{n = 1, m = 2}`), and in which function. Blocks are followed
 * (`function`/`if`/`do`/`repeat` ... `end`/`until`) so that `local a, b = ...`
 * in a function written inside a table is not taken for keys.
 */
function fieldUses(tokens: Token[]): Map<string, FieldUse> {
  const fields = new Map<string, FieldUse>();
  const stack: { open: string; fn: number }[] = [{ open: 'chunk', fn: 0 }];
  let functions = 0;
  tokens.forEach((t, i) => {
    const top = stack.at(-1)!;
    if (t.kind === 'op') {
      if (t.text === '{' || t.text === '(' || t.text === '[') stack.push({ open: t.text, fn: top.fn });
      else if (t.text === '}' || t.text === ')' || t.text === ']') stack.pop();
      return;
    }
    if (t.kind !== 'name' && t.kind !== 'keyword') return;
    const prev = tokens[i - 1]?.text;
    const isField = prev === '.' || prev === ':' ||
      (top.open === '{' && (prev === '{' || prev === ',' || prev === ';') && tokens[i + 1]?.text === '=' && tokens[i + 1]!.kind === 'op');
    if (isField) {
      const use = fields.get(t.text) ?? { at: [], functions: new Set<number>() };
      use.at.push(i);
      use.functions.add(top.fn);
      fields.set(t.text, use);
    } else if (t.text === 'function') stack.push({ open: 'function', fn: ++functions });
    else if (t.text === 'if' || t.text === 'do' || t.text === 'repeat') stack.push({ open: t.text, fn: top.fn });
    else if (t.text === 'end' || t.text === 'until') stack.pop();
  });
  return fields;
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
