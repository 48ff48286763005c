// Checks for portable behaviour tests (test/portable/behaviour.ts): plain
// TypeScript that compiles to Lua, so the same test text runs on Node and on
// Lua 5.1 / 5.3. Each throws an Error saying what differed.
//
// No RegExp (Lua has none): text is checked with expectMatch, which wants the
// given parts in the text in that order, as a regular expression `a.*b` would.

/** A short rendering of a value for a mismatch message. */
export function show(v: unknown): string {
  if (typeof v === 'string') return '"' + v + '"';
  if (Array.isArray(v)) {
    let s = '[';
    for (let i = 0; i < v.length; i++) s += (i > 0 ? ', ' : '') + show(v[i]);
    return s + ']';
  }
  if (typeof v === 'object' && v !== null) {
    let s = '{';
    let first = true;
    for (const k of Object.keys(v).sort()) {
      s += (first ? '' : ', ') + k + ': ' + show((v as Record<string, unknown>)[k]);
      first = false;
    }
    return s + '}';
  }
  return String(v);
}

function plainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep equality of arrays and plain objects; identity for everything else. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
    return true;
  }
  if (plainObject(a) && plainObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    for (const k of ka) if (!same(a[k], b[k])) return false;
    return true;
  }
  return false;
}

function fail(what: string | undefined, text: string): never {
  throw new Error(what === undefined ? text : what + ': ' + text);
}

/** `actual` equals `expected`: the same value, or arrays / plain objects with equal contents. */
export function expectEqual<T>(actual: T, expected: T, what?: string): void {
  if (!same(actual, expected)) fail(what, 'expected ' + show(expected) + ', got ' + show(actual));
}

/** `actual` is not `unexpected` (by identity). */
export function expectNotEqual<T>(actual: T, unexpected: T, what?: string): void {
  if (actual === unexpected) fail(what, 'expected anything but ' + show(unexpected));
}

/** `cond` holds. */
export function expectTrue(cond: unknown, what?: string): asserts cond {
  if (!cond) fail(what, 'expected true, got ' + show(cond));
}

/** `text` holds each of `parts`, in that order. */
export function expectMatch(text: string, ...parts: string[]): void {
  let at = 0;
  for (const p of parts) {
    const i = text.indexOf(p, at);
    if (i < 0) fail(undefined, 'expected ' + show(p) + (at > 0 ? ' after position ' + at : '') + ' in ' + show(text));
    at = i + p.length;
  }
}

/** `fn` throws, and the message holds each of `parts` in order. Answers what was thrown. */
export function expectThrows(fn: () => unknown, ...parts: string[]): unknown {
  let thrown: unknown = undefined;
  let threw = false;
  try {
    fn();
  } catch (e) {
    threw = true;
    thrown = e;
  }
  if (!threw) fail(undefined, 'expected a throw with ' + show(parts));
  expectMatch(thrown instanceof Error ? thrown.message : String(thrown), ...parts);
  return thrown;
}
