// Fields no code reads, out of the Lua build: their writes of plain values go.
//
// The runtime sets up what any firmware might use (the board's pins, LEDs,
// buttons and UARTs in one table; the device's registries of inputs and
// UARTs; options); a firmware that uses none of it still carries the table
// constructors and assignments, each a few instructions and a string constant
// for the key. A field of the program's own (one mangleLua renames: nothing
// outside the chunk reads or provides it, no string names it, no
// `Object.keys` lists it) that is never read, only written, is such a field:
// `X.n = v` (a statement of its own) and `{n = v}` go where `v` is a plain
// value (nil, a boolean, a number, a string, a name, or a table constructor
// of those), whose evaluation does nothing else. A field read anywhere (`.n`
// in an expression, `:n(`, `function X.n(`, assigned with others in one
// statement) keeps all its writes. Runs on the flattened text, before mangling.

import { ownFields } from './lua-mangle.ts';
import type { Token } from './lua-tokens.ts';

/** Tokens after which a name starts a new statement (the end of an expression or a block opener). */
const STATEMENT_BEFORE = new Set(['end', 'do', 'then', 'else', 'repeat', 'break', 'nil', 'true', 'false', ';', ')', ']', '}']);
/** Tokens a plain value is made of, constructors included. */
const PLAIN_OPS = new Set(['{', '}', ',', ';', '=', '[', ']']);
const PLAIN_WORDS = new Set(['nil', 'true', 'false']);
/** Tokens that may follow a statement's last expression, besides a name (the next statement). */
const AFTER_STATEMENT = new Set(['end', 'else', 'elseif', 'until', 'local', 'return', 'if', 'while', 'for', 'do', 'repeat', 'function', 'break', 'goto', ';']);

interface Cut { start: number; end: number }

/** `code` without the writes of plain values to its own fields that nothing reads (see above); `keep` as for mangleLua. */
export function dropUnreadFields(code: string, keep: Iterable<string> = []): string {
  const { tokens: t, fields } = ownFields(code, keep);
  const cuts: Cut[] = [];
  for (const at of fields.values()) {
    const writes = at.map((i) => write(t, i));
    if (writes.some((w) => w === 'read')) continue;
    for (const w of writes) if (w !== 'read' && w !== null) cuts.push(w);
  }
  cuts.sort((a, b) => a.start - b.start);
  let out = '';
  let from = 0;
  for (const c of cuts) {
    if (c.start < from) continue; // inside a cut already made (a key of a table a cut field held)
    out += code.slice(from, c.start);
    from = c.end;
  }
  return out + code.slice(from);
}

/** The field at token `i`: 'read', or a write: the text to cut, or null if its value is not plain. */
function write(t: Token[], i: number): Cut | null | 'read' {
  if (t[i + 1]?.text !== '=' || t[i + 1]!.kind !== 'op') return 'read';
  const prev = t[i - 1]!.text;
  const end = plainValue(t, i + 2);
  if (prev === '.') {
    // `X.n = v` as a statement of its own: X a name starting the statement, v plain and ending it.
    const x = t[i - 2];
    const before = t[i - 3];
    const starts = before === undefined || before.kind === 'name' || before.kind === 'number' || before.kind === 'string' || STATEMENT_BEFORE.has(before.text);
    if (x?.kind !== 'name' || !starts) return null;
    const next = end === null ? undefined : t[end];
    const ends = end !== null && (next === undefined || next.kind === 'name' || AFTER_STATEMENT.has(next.text));
    return ends ? { start: x.start, end: t[end - 1]!.end } : null;
  }
  if (prev !== '{' && prev !== ',' && prev !== ';') return 'read';
  // `{..., n = v, ...}`: the key, its value and the separator after it (`{a = 1, }` is still Lua).
  if (end === null) return null;
  const sep = t[end]!;
  return { start: t[i]!.start, end: sep.text === '}' ? t[end - 1]!.end : sep.end };
}

/** Where a plain value starting at token `i` ends (the index after it), or null if it is not one. */
function plainValue(t: Token[], i: number): number | null {
  const first = t[i];
  if (first === undefined) return null;
  if (first.text === '-' && t[i + 1]?.kind === 'number') return i + 2;
  if (first.kind === 'number' || first.kind === 'string' || first.kind === 'name' || PLAIN_WORDS.has(first.text)) {
    return isContinuation(t[i + 1]) ? null : i + 1;
  }
  if (first.text !== '{') return null;
  let depth = 0;
  for (let j = i; j < t.length; j++) {
    const k = t[j]!;
    const plain = k.kind === 'number' || k.kind === 'string' || k.kind === 'name' || PLAIN_WORDS.has(k.text) || (k.kind === 'op' && PLAIN_OPS.has(k.text));
    if (!plain) return null;
    if (k.text === '{') depth++;
    else if (k.text === '}' && --depth === 0) return isContinuation(t[j + 1]) ? null : j + 1;
  }
  return null;
}

/** Whether a token after a value goes on with the expression (`v.x`, `v(`, `v .. s`, `v or w`). */
function isContinuation(k: Token | undefined): boolean {
  if (k === undefined) return false;
  if (k.kind === 'op') return ![',', ';', '}', ')', ']'].includes(k.text);
  return k.kind === 'string' || k.text === 'and' || k.text === 'or';
}
