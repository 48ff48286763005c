// A TSTL plugin: `try { x = obj.m(args) } catch (e) { ... }` without a closure.
//
// TSTL compiles every try/catch to `pcall(function() ... end)` plus a local
// `____catch` function: two closures made each time the try runs. The
// executor guards every poll that way (core/executor.ts drain), so on Lua
// each poll would allocate. A try block that is one call, or one assignment of
// a call to a local, needs no closure: `pcall(obj.m, obj, args)` calls the
// method directly and hands back its result. This plugin emits that for such
// blocks and leaves every other try statement to TSTL.
//
//   do
//     local ____obj = obj
//     local ____ok, ____r = pcall(____obj.m, ____obj, args)
//     if ____ok then x = ____r else local e = ____r; <catch> end
//   end

import ts from 'typescript';
import tstl from 'typescript-to-lua';
import type { Plugin, TransformationContext } from 'typescript-to-lua';

/** The call of a try block this plugin handles, and the local it assigns (if any). */
function guardedCall(block: ts.Block): { call: ts.CallExpression; target: ts.Identifier | null } | null {
  if (block.statements.length !== 1) return null;
  const s = block.statements[0]!;
  if (!ts.isExpressionStatement(s)) return null;
  const e = s.expression;
  if (ts.isCallExpression(e)) return { call: e, target: null };
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken
    && ts.isIdentifier(e.left) && ts.isCallExpression(e.right)) return { call: e.right, target: e.left };
  return null;
}

/** A catch body of plain statements (no declarations to hoist, no nested blocks). */
function plainCatch(clause: ts.CatchClause | undefined): clause is ts.CatchClause & { variableDeclaration: { name: ts.Identifier } } {
  if (clause === undefined) return false;
  const v = clause.variableDeclaration;
  if (v === undefined || !ts.isIdentifier(v.name)) return false;
  return clause.block.statements.every((s) => ts.isExpressionStatement(s) || ts.isReturnStatement(s));
}

/** Inside another try or catch of the same function: TSTL's return handling is needed there. */
function nestedInTry(node: ts.Node): boolean {
  for (let p = node.parent; p !== undefined && !ts.isFunctionLike(p); p = p.parent) {
    if (ts.isTryStatement(p) || ts.isCatchClause(p)) return true;
  }
  return false;
}

function transformTry(node: ts.TryStatement, context: TransformationContext): tstl.Statement[] {
  const guarded = guardedCall(node.tryBlock);
  if (guarded === null || node.finallyBlock !== undefined || !plainCatch(node.catchClause) || nestedInTry(node)) {
    return context.superTransformStatements(node);
  }
  const call = context.transformExpression(guarded.call);
  const body: tstl.Statement[] = [];
  let fn: tstl.Expression;
  let args: tstl.Expression[];
  if (tstl.isMethodCallExpression(call)) {
    const obj = tstl.createIdentifier('____obj');
    body.push(tstl.createVariableDeclarationStatement(obj, call.prefixExpression));
    fn = tstl.createTableIndexExpression(obj, tstl.createStringLiteral(call.name.text));
    args = [obj, ...call.params];
  } else if (tstl.isCallExpression(call)) {
    fn = call.expression;
    args = call.params;
  } else {
    return context.superTransformStatements(node);
  }
  const ok = tstl.createIdentifier('____ok');
  const result = tstl.createIdentifier('____r');
  body.push(tstl.createVariableDeclarationStatement([ok, result], tstl.createCallExpression(tstl.createIdentifier('pcall'), [fn, ...args])));
  const onOk = guarded.target === null ? [] : [tstl.createAssignmentStatement(context.transformExpression(guarded.target) as tstl.Identifier, result)];
  const clause = node.catchClause;
  const caught = context.transformExpression(clause.variableDeclaration.name) as tstl.Identifier;
  const onError = [tstl.createVariableDeclarationStatement(caught, result), ...context.transformStatements(clause.block.statements)];
  body.push(tstl.createIfStatement(ok, tstl.createBlock(onOk), tstl.createBlock(onError)));
  return [tstl.createDoStatement(body, node)];
}

/** The plugin, for `luaPlugins: [{ plugin: pcallPlugin }]`. */
export const pcallPlugin: Plugin = {
  visitors: { [ts.SyntaxKind.TryStatement]: transformTry },
};
