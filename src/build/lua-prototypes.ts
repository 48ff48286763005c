// A local for each class's prototype: `local Waker_p = Waker.prototype`, then
// `function Waker_p.wake(self)` and `Waker_p.wake(self)` where TSTL wrote
// `Waker.prototype.wake`.
//
// Every `C.prototype.m` costs a GETTABLE of "prototype" (4 bytes of bytecode)
// and, in a method, the "prototype" string constant (15 bytes) and C as an
// upvalue; with the local it is one register read. The build's last pass on
// the flattened text (lua-shake.ts and lua-flatten.ts read the
// `function C.prototype.m(` shape, so it runs after them), and exact: the
// local is declared just before the class's first method, in the block
// defining it, and replaces only the reads of that same variable C (Lua's
// scoping, lua-scope.ts, says which) from there to the end of that block. A
// class whose variable or prototype is assigned again after that point keeps
// its text, and so does the whole chunk if the locals would pass Lua 5.1's
// limits (200 locals in a function, 60 upvalues in a closure).

import { analyse, MAX_LOCALS, MAX_UPVALUES } from './lua-scope.ts';
import type { Decl, Scope } from './lua-scope.ts';
import type { Token } from './lua-tokens.ts';
import { MAX_CHUNK_LOCALS } from './lua-flatten.ts';

interface Edit { start: number; end: number; text: string }

/** The code with a local per class prototype read twice or more (see above). */
export function localPrototypes(code: string): string {
  const a = analyse(code);
  const t = a.tokens;
  const names = new Set(t.filter((k) => k.kind === 'name').map((k) => k.text));
  /** Index i where tokens i..i+2 are `C . prototype` with C a local: the local. */
  const protoAt = (i: number): Decl | null | undefined =>
    t[i + 1]?.text === '.' && t[i + 2]?.text === 'prototype' && t[i + 2]!.kind === 'name' ? a.refs.get(i) : undefined;
  const done = new Set<Decl>();
  const edits: Edit[] = [];
  for (let i = 0; i + 3 < t.length; i++) {
    if (t[i]!.text !== 'function' || t[i]!.kind !== 'keyword') continue;
    const decl = protoAt(i + 1);
    if (decl === undefined || decl === null || done.has(decl)) continue;
    done.add(decl);
    const scope = a.scopeAt[i]!;
    // Tokens the analysis gives no scope (inside a `local` list, a parameter list) are in their neighbours'.
    const inScope = (j: number): boolean => {
      if (a.scopeAt[j] === undefined) return true;
      for (let s: Scope | null = a.scopeAt[j]!; s !== null; s = s.parent) if (s === scope) return true;
      return false;
    };
    const uses: number[] = [];
    let reassigned = false;
    for (let j = i + 1; j < t.length && inScope(j); j++) {
      if (a.refs.get(j) !== decl) continue;
      if (protoAt(j) === decl) {
        if (t[j + 3]?.text === '=') reassigned = true;
        uses.push(j);
      } else if (isAssignmentTarget(t, j)) {
        reassigned = true;
      }
    }
    if (reassigned || uses.length < 2) continue;
    let local = `${decl.name}_p`;
    while (names.has(local)) local += '_';
    names.add(local);
    const lineStart = code.lastIndexOf('\n', t[i]!.start - 1) + 1;
    const indent = code.slice(lineStart, t[i]!.start);
    edits.push({ start: t[i]!.start, end: t[i]!.start, text: `local ${local} = ${decl.name}.prototype\n${indent}` });
    for (const j of uses) edits.push({ start: t[j]!.start, end: t[j + 2]!.end, text: local });
  }
  if (edits.length === 0) return code;
  edits.sort((x, y) => y.start - x.start);
  let out = code;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  const after = analyse(out);
  const fits = after.functions.every((f) => f.maxLocals <= (f.parent === null ? MAX_CHUNK_LOCALS : MAX_LOCALS) && f.upvalues.size <= MAX_UPVALUES);
  return fits ? out : code;
}

/** Whether the name at `j` is assigned: `C = ...` or one of `C, D = ...`. */
function isAssignmentTarget(t: readonly Token[], j: number): boolean {
  let k = j + 1;
  while (t[k]?.text === ',' && t[k + 1]?.kind === 'name') k += 2;
  return t[k]?.text === '=';
}
