// A TSTL plugin: `if (c) continue;` at the top of a loop's body as an `if`
// around the rest of the body, without TSTL's continue machinery for Lua 5.1.
//
// Lua 5.1 has no `continue` and no `goto`; TSTL emits a loop body that
// continues as
//
//   do
//     local __continue9
//     repeat
//       ...; if c then __continue9 = true; break end; <rest>
//       __continue9 = true
//     until true
//     if not __continue9 then break end
//   end
//
// When every continue of the loop is such a guard, directly in the body (not
// nested in an inner `if`, block or switch), the body is the same as
//
//   do ...; if not c then <rest> end end
//
// which this plugin emits: a `break` in <rest> now leaves the loop itself,
// as the repeat's `break` followed by `if not __continue9 then break end`
// did; a guard skips <rest> and the loop goes on (to a `for`'s increment,
// which follows the `do` block, as before); `c` is evaluated where it was.
// Any other use of the flag (a continue nested deeper, in a switch) leaves
// the loop to TSTL. That saves a local, the flag stores and the test after
// the repeat (the reactor's wake-flag dispatch loop is one). Lua 5.3's
// `if c then goto __continue9 end` is one jump already: 5.3 keeps TSTL's form.

import ts from 'typescript';
import tstl from 'typescript-to-lua';
import type { Plugin, TransformationContext } from 'typescript-to-lua';

const LOOPS = [
  ts.SyntaxKind.ForStatement, ts.SyntaxKind.WhileStatement, ts.SyntaxKind.DoStatement,
  ts.SyntaxKind.ForOfStatement, ts.SyntaxKind.ForInStatement,
] as const;

/** `if c then <flag> = true; break end`, without else: c; else null. */
function guard(s: tstl.Statement, flag: string): tstl.Expression | null {
  if (!tstl.isIfStatement(s) || s.elseBlock !== undefined) return null;
  const body = s.ifBlock.statements;
  if (body.length === 2 && isFlagSet(body[0]!, flag) && tstl.isBreakStatement(body[1]!)) return s.condition;
  return null;
}

/** `<flag> = true`. */
function isFlagSet(s: tstl.Statement, flag: string): boolean {
  return tstl.isAssignmentStatement(s) && s.left.length === 1 && tstl.isIdentifier(s.left[0]!) && s.left[0].text === flag
    && s.right.length === 1 && tstl.isBooleanLiteral(s.right[0]!);
}

/** The body with each guard an `if not c then <rest> end`. */
function nest(body: tstl.Statement[], flag: string): tstl.Statement[] {
  const at = body.findIndex((s) => guard(s, flag) !== null);
  if (at < 0) return body;
  const c = guard(body[at]!, flag)!;
  const rest = nest(body.slice(at + 1), flag);
  return [...body.slice(0, at), tstl.createIfStatement(tstl.createUnaryExpression(c, tstl.SyntaxKind.NotOperator), tstl.createBlock(rest), undefined, undefined)];
}

/** Whether the identifier `flag` appears anywhere under `node`. */
function mentions(node: unknown, flag: string): boolean {
  if (typeof node !== 'object' || node === null) return false;
  if (Array.isArray(node)) return node.some((n) => mentions(n, flag));
  const n = node as { text?: unknown; kind?: unknown };
  if (n.kind === tstl.SyntaxKind.Identifier && n.text === flag) return true;
  return Object.values(node).some((v) => typeof v === 'object' && mentions(v, flag));
}

/** The 5.1 form `do local f; repeat <body> until true; if not f then break end end`: f and body; else null. */
function repeatForm(s: tstl.Statement): { flag: string; body: tstl.Statement[] } | null {
  if (!tstl.isDoStatement(s) || s.statements.length !== 3) return null;
  const [decl, loop, exit] = s.statements;
  if (!tstl.isVariableDeclarationStatement(decl!) || decl.left.length !== 1 || decl.right !== undefined) return null;
  const flag = decl.left[0]!.text;
  if (!flag.startsWith('__continue') || !tstl.isRepeatStatement(loop!) || !tstl.isBooleanLiteral(loop.condition) || !tstl.isIfStatement(exit!)) return null;
  const body = loop.body.statements;
  // TSTL ends the body with `f = true` unless it ends in a break.
  return body.length > 0 && isFlagSet(body[body.length - 1]!, flag) ? { flag, body: body.slice(0, -1) } : null;
}

/** Rewrites the loop bodies among `statements` (see above), in place. */
function rewrite(statements: tstl.Statement[]): void {
  for (let i = 0; i < statements.length; i++) {
    const r = repeatForm(statements[i]!);
    if (r === null) continue;
    const nested = nest(r.body, r.flag);
    if (nested !== r.body && !mentions(nested, r.flag)) statements[i] = tstl.createDoStatement(nested);
  }
}

/** Every statement list under `node`, rewritten. */
function walk(node: unknown): void {
  if (typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) {
    node.forEach(walk);
    return;
  }
  const statements = (node as { statements?: unknown }).statements;
  if (Array.isArray(statements)) rewrite(statements as tstl.Statement[]);
  for (const v of Object.values(node)) if (typeof v === 'object') walk(v);
}

function transformLoop(node: ts.Statement, context: TransformationContext): tstl.Statement[] {
  const out = context.superTransformStatements(node);
  rewrite(out);
  walk(out);
  return out;
}

/** The plugin, for `luaPlugins: [{ plugin: continuePlugin }]`. */
export const continuePlugin: Plugin = {
  visitors: Object.fromEntries(LOOPS.map((k) => [k, transformLoop])),
};
