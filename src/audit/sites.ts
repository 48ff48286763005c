// The vocabulary of the allocation audit: what a counted site is, the two
// global hooks instrumented code calls, and which calls allocate by nature.
// Kept apart from the rewriter so the runner and reports can share it
// without pulling in the parser.
//
// Knowingly not counted (the audit proves "no allocation by these rules"):
// - allocations inside builtins not named in ALLOCATING_METHODS (push growing
//   an array, Map/Set inserts, implicit number-to-string in `obj[n]`);
// - per-iteration `let` environments, iterator result objects inside a
//   for...of (the loop start counts once), promise reactions behind `await`
//   beyond the one count per await;
// - code run by `eval`/`new Function` (never instrumented);
// - a generator's object at call time (its count comes on first resume);
// - a zero-argument allocating call in the middle of an optional chain
//   (`a?.keys().next`) counts even when the chain short-circuits.
// A method's name is matched, not its receiver: a user `keys()` counts too.

/** Instrumented code calls `__fpAlloc(id)` or `__fpAlloc(id, value)` (returns value) per allocation. */
export const ALLOC_HOOK = '__fpAlloc';
/** Instrumented `a + b` and `a += b` become `__fpStr(id, a + b)`: counts only string results. */
export const STRING_HOOK = '__fpStr';

/** What a site creates each time it runs. */
export type AllocKind =
  | 'object' // object literal
  | 'array' // array literal
  | 'new' // new X(...)
  | 'function' // function expression
  | 'arrow' // arrow function
  | 'class' // class expression or declaration, counted where it is evaluated
  | 'closure' // nested function declaration, counted when its block is entered
  | 'regexp' // regexp literal
  | 'template' // template literal with at least one expression
  | 'tagged-template'
  | 'string' // string result of + or +=
  | 'call' // call of a method or builtin that returns a fresh value
  | 'spread' // ...xs in a call, array or object
  | 'rest' // rest parameter or rest element of a pattern
  | 'destructure' // array destructuring pattern (iterator)
  | 'arguments' // the arguments object, counted at function entry
  | 'async' // call of an async function (promise), counted at body entry
  | 'generator' // call of a generator, counted at body entry (first resume)
  | 'await'
  | 'yield'
  | 'for-of' // iterator created when the loop starts
  | 'for-in'; // key list created when the loop starts

export interface AllocSite {
  /** Index into the runner's count array. */
  id: number;
  kind: AllocKind;
  /** 1-based line in the instrumented input. */
  line: number;
  /** 1-based column in the instrumented input. */
  column: number;
  /** The first ~60 characters of the expression, whitespace collapsed. */
  snippet: string;
  /** Where the site came from, when a source map was given (1-based line and column). */
  source?: { file: string; line: number; column: number };
  /** Name the engine would have inferred for an anonymous function; the hook restores it. */
  name?: string;
}

/**
 * Method names whose calls return a fresh object, array, string, function or
 * promise. Matched by name only: a user method called `keys` counts too, which
 * errs on the side of reporting.
 */
export const ALLOCATING_METHODS: ReadonlySet<string> = new Set([
  // arrays and typed arrays
  'slice', 'splice', 'map', 'filter', 'concat', 'flat', 'flatMap', 'subarray',
  'toSorted', 'toReversed', 'toSpliced', 'with',
  'keys', 'values', 'entries', 'from', 'of', 'fromEntries', 'ownKeys', 'getOwnPropertyNames',
  // strings
  'join', 'split', 'substring', 'substr', 'toString', 'toFixed', 'toPrecision', 'toExponential',
  'padStart', 'padEnd', 'repeat', 'trim', 'trimStart', 'trimEnd', 'toUpperCase', 'toLowerCase',
  'replace', 'replaceAll', 'match', 'matchAll', 'exec', 'charAt', 'fromCharCode', 'fromCodePoint',
  'normalize', 'toLocaleString', 'toISOString', 'toJSON',
  // objects, functions, JSON
  'create', 'bind', 'stringify', 'parse',
  // promises
  'then', 'catch', 'finally', 'resolve', 'reject', 'all', 'allSettled', 'any', 'race',
]);

/** Global functions whose bare call allocates: `String(x)`, `Array(n)`, `Object(x)`, `Symbol()`. */
export const ALLOCATING_GLOBALS: ReadonlySet<string> = new Set(['String', 'Array', 'Object', 'Symbol']);
