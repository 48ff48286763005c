// Lua's scopes on TSTL's text: which local each name is, and what each
// function holds.
//
// The flatten (lua-flatten.ts) puts every module of the bundle into one main
// chunk, so it must know, exactly, what a name means where it rewrites one
// (a module's own local, a local of the chunk, a global), and whether Lua 5.1
// can still compile the result: at most 200 active locals in a function and
// 60 upvalues a closure. This reads Lua's tokens and follows its scoping
// rules (blocks, `local` visible from the next statement, `for` and function
// parameters, `local function` visible in its own body); it is not a parser,
// so a statement ends at a new line at the bracket depth it began, as TSTL
// writes them (or at `;` or a keyword that starts a statement).

import { tokenize } from './lua-tokens.ts';
import type { Token } from './lua-tokens.ts';

const STATEMENT = new Set(['local', 'return', 'if', 'while', 'for', 'do', 'repeat', 'break', 'goto', 'end', 'else', 'elseif', 'until']);
/** Tokens after which an expression goes on (so a new line does not end the statement). */
const CONTINUES = new Set(['=', ',', '(', '[', '{', '..', '+', '-', '*', '/', '%', '^', '#', '==', '~=', '<', '<=', '>', '>=', 'and', 'or', 'not', '.', ':',
  '&', '|', '~', '<<', '>>', '//', 'local', 'return', 'in']);

/** Lua 5.1's limits (lparser.c): active locals in one function, upvalues in one closure. */
export const MAX_LOCALS = 200;
export const MAX_UPVALUES = 60;

export interface Fn {
  parent: Fn | null;
  /** Line of its `function` (1 for the main chunk). */
  line: number;
  active: number;
  /** The most locals active at once, `for`'s hidden ones included. */
  maxLocals: number;
  upvalues: Set<Decl>;
}

export interface Decl {
  name: string;
  fn: Fn;
  /** Index of the token naming it. */
  token: number;
}

export interface Scope {
  parent: Scope | null;
  fn: Fn;
  /** Names visible in this block, with the token index from which each is. */
  names: { name: string; from: number; decl: Decl }[];
  locals: number;
  /** `function` and `repeat` blocks end differently from `do`/`then`. */
  kind: 'function' | 'block' | 'repeat';
}

export interface Analysis {
  tokens: Token[];
  main: Fn;
  functions: Fn[];
  /** For each name token that reads or assigns a variable: its local, or null for a global. Absent for fields, keys, labels. */
  refs: Map<number, Decl | null>;
  /** Name tokens that declare a local. */
  decls: Map<number, Decl>;
  /** The scope each token is in. */
  scopeAt: Scope[];
}

/** The local `name` means at token `at` in `scope`, or null (a global). */
export function lookup(scope: Scope | null, name: string, at: number): Decl | null {
  for (let s = scope; s !== null; s = s.parent) {
    for (let k = s.names.length - 1; k >= 0; k--) if (s.names[k]!.name === name && s.names[k]!.from <= at) return s.names[k]!.decl;
  }
  return null;
}

/** Scopes, references and per-function counts of a Lua chunk (see above). */
export function analyse(code: string): Analysis {
  const tokens = tokenize(code);
  const main: Fn = { parent: null, line: 1, active: 0, maxLocals: 0, upvalues: new Set() };
  const functions = [main];
  const refs = new Map<number, Decl | null>();
  const decls = new Map<number, Decl>();
  const scopeAt: Scope[] = [];
  let scope: Scope = { parent: null, fn: main, names: [], locals: 0, kind: 'block' };
  /** Open brackets and blocks, innermost last. */
  const open: string[] = [];
  /** Locals of a `local` statement, visible from its end; `until`'s block, closed at its end. */
  const pending: { names: number[]; depth: number }[] = [];
  const closing: number[] = [];
  const forVars: { names: number[]; depth: number }[] = [];

  const declare = (s: Scope, t: number, from: number) => {
    const decl: Decl = { name: tokens[t]!.text, fn: s.fn, token: t };
    s.names.push({ name: decl.name, from, decl });
    decls.set(t, decl);
    s.locals++;
    addLocals(s.fn, 1);
  };
  const addLocals = (fn: Fn, n: number) => {
    fn.active += n;
    fn.maxLocals = Math.max(fn.maxLocals, fn.active);
  };
  const push = (kind: Scope['kind'], fn: Fn = scope.fn) => {
    scope = { parent: scope, fn, names: [], locals: 0, kind };
    open.push(kind);
  };
  const pop = (at: number) => {
    if (open.pop() === undefined || scope.parent === null) throw new Error(`lua: \`${tokens[at]!.text}\` closes nothing at line ${tokens[at]!.line}`);
    scope.fn.active -= scope.locals;
    scope = scope.parent;
  };
  /** A statement ends before token i: a new line at its depth after a token that ends an expression, `;`, or a statement keyword. */
  const endsBefore = (i: number, depth: number) => {
    const t = tokens[i]!;
    if (open.length !== depth) return false;
    const prev = tokens[i - 1]!;
    if (t.text === ';' || (t.kind === 'keyword' && STATEMENT.has(t.text))) return true;
    if (t.text === 'function') return !CONTINUES.has(prev.text);
    return t.line > prev.line && !CONTINUES.has(prev.text) && !CONTINUES.has(t.text) && t.text !== ')' && t.text !== ']' && t.text !== '}';
  };
  const settle = (i: number) => {
    for (;;) {
      const p = pending[pending.length - 1];
      const c = closing[closing.length - 1];
      if (p !== undefined && (c === undefined || p.depth >= c) && (i === tokens.length || endsBefore(i, p.depth))) {
        for (const t of pending.pop()!.names) declare(scope, t, i);
      } else if (c !== undefined && (i === tokens.length || endsBefore(i, c))) {
        closing.pop();
        pop(i - 1);
      } else {
        return;
      }
    }
  };
  /** `function` at i (its name, if any, already read): params then body. Returns the index of the `(`'s match + 1. */
  const startFunction = (paren: number, method: boolean): number => {
    if (tokens[paren]?.text !== '(') throw new Error(`lua: expected ( after function at line ${tokens[paren - 1]!.line}`);
    const fn: Fn = { parent: scope.fn, line: tokens[paren]!.line, active: 0, maxLocals: 0, upvalues: new Set() };
    functions.push(fn);
    push('function', fn);
    let j = paren + 1;
    const params: number[] = [];
    for (; tokens[j]!.text !== ')'; j++) if (tokens[j]!.kind === 'name') params.push(j);
    if (method) {
      const self: Decl = { name: 'self', fn, token: paren };
      scope.names.push({ name: 'self', from: paren, decl: self });
      scope.locals++;
      addLocals(fn, 1);
    }
    for (const p of params) declare(scope, p, paren);
    for (let k = paren; k <= j; k++) scopeAt[k] = scope;
    return j + 1;
  };
  /** The names of `local a, b` or `for a, b` from token j, noted in `into`; answers the index after them. */
  const names = (j: number, into: { names: number[]; depth: number }[]): number => {
    const vars = { names: [] as number[], depth: open.length };
    into.push(vars);
    for (; tokens[j]?.kind === 'name'; j += 2) {
      vars.names.push(j);
      scopeAt[j] = scopeAt[j + 1] = scope;
      if (tokens[j + 1]?.text !== ',') return j + 1;
    }
    return j;
  };
  const reference = (i: number) => {
    const t = tokens[i]!;
    const decl = lookup(scope, t.text, i);
    refs.set(i, decl);
    if (decl !== null) for (let f: Fn | null = scope.fn; f !== null && f !== decl.fn; f = f.parent) f.upvalues.add(decl);
  };

  let i = 0;
  while (i < tokens.length) {
    settle(i);
    const t = tokens[i]!;
    scopeAt[i] = scope;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    if (t.kind === 'keyword') {
      switch (t.text) {
        case 'local':
          if (next?.text === 'function') {
            declare(scope, i + 2, i + 2);
            scopeAt[i + 1] = scopeAt[i + 2] = scope;
            i = startFunction(i + 3, false);
            continue;
          }
          i = names(i + 1, pending);
          continue;
        case 'for':
          i = names(i + 1, forVars);
          continue;
        case 'function': {
          let j = i + 1;
          let method = false;
          if (tokens[j]?.kind === 'name') {
            reference(j);
            scopeAt[j] = scope;
            for (j++; tokens[j]?.text === '.' || tokens[j]?.text === ':'; j += 2) {
              method = tokens[j]!.text === ':';
              scopeAt[j] = scopeAt[j + 1] = scope;
            }
          }
          i = startFunction(j, method);
          continue;
        }
        case 'do':
          push('block');
          if (forVars[forVars.length - 1]?.depth === open.length - 1) {
            addLocals(scope.fn, 3);
            scope.locals += 3;
            for (const v of forVars.pop()!.names) declare(scope, v, i);
          }
          break;
        case 'then':
        case 'else':
          if (t.text === 'else') pop(i);
          push('block');
          break;
        case 'elseif':
          pop(i);
          break;
        case 'repeat':
          push('repeat');
          break;
        case 'until':
          if (open[open.length - 1] !== 'repeat') throw new Error(`lua: until without repeat at line ${t.line}`);
          closing.push(open.length);
          break;
        case 'end':
          pop(i);
          break;
        case 'goto':
          i += 2;
          continue;
      }
      i++;
      continue;
    }
    if (t.kind === 'op') {
      if (t.text === '(' || t.text === '[' || t.text === '{') open.push(t.text);
      else if (t.text === ')' || t.text === ']' || t.text === '}') {
        const want = { ')': '(', ']': '[', '}': '{' }[t.text];
        if (open.pop() !== want) throw new Error(`lua: unbalanced ${t.text} at line ${t.line}`);
      } else if (t.text === '::') {
        i += 3;
        continue;
      }
      i++;
      continue;
    }
    if (t.kind === 'name') {
      const field = prev !== undefined && (prev.text === '.' || prev.text === ':');
      const key = open[open.length - 1] === '{' && next?.text === '=' && (prev?.text === '{' || prev?.text === ',' || prev?.text === ';');
      if (!field && !key) reference(i);
    }
    i++;
  }
  settle(tokens.length);
  if (open.length !== 0) throw new Error(`lua: ${open.length} block(s) or bracket(s) left open at the end`);
  return { tokens, main, functions, refs, decls, scopeAt };
}
