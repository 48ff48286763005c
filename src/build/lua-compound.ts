// A TSTL plugin: `o.x++`, `--o.x`, `(o.x -= n)` whose value is used, without
// caching the object and the key.
//
// Where the value of an increment, a decrement or a `+=`/`-=` on a property
// is used (`this.free[--this.freeTop]`, `if (this.lateWakes++ === 0)`,
// `if ((t.st -= 2) === 1)`), TSTL caches both the object and the key before
// it reads and writes:
//
//   local ____self_0, ____freeTop_1 = self, "freeTop"
//   local ____self_freeTop_2 = ____self_0[____freeTop_1] - 1
//   ____self_0[____freeTop_1] = ____self_freeTop_2
//
// two instructions (a MOVE and a LOADK of the key) and two registers more than
//
//   local ____self_freeTop_2 = self.freeTop - 1
//   self.freeTop = ____self_freeTop_2
//
// The caching is there for an object or key expression with side effects, or
// one the right operand could change between the read and the write. This
// plugin emits the short form only where neither can happen: the object is
// `this` or a local (a Lua name, which nothing between the two statements
// assigns), the key is a property name or a literal, and the right operand
// is `1` (++/--), a number literal, a const enum member or a local of
// type number. The value (the new one for prefix and `op=`, the old one for
// postfix) is TSTL's.
// `arr.length` (TSTL's length setter), getters turned into methods
// (lua-getters.ts) and every other case are left to TSTL.

import ts from 'typescript';
import tstl from 'typescript-to-lua';
import type { Plugin, TransformationContext } from 'typescript-to-lua';

/** `o.x` or `o["x"]` / `o[0]` with o `this` or a plain name, as the Lua table index it compiles to; else null. */
function plainProperty(e: ts.Expression, context: TransformationContext): tstl.TableIndexExpression | null {
  let object: ts.Expression;
  if (ts.isPropertyAccessExpression(e) && !ts.isOptionalChain(e)) {
    if (e.name.text === 'length') return null;
    object = e.expression;
  } else if (ts.isElementAccessExpression(e) && !ts.isOptionalChain(e) && (ts.isStringLiteral(e.argumentExpression) || ts.isNumericLiteral(e.argumentExpression))) {
    if (e.argumentExpression.text === 'length') return null;
    object = e.expression;
  } else {
    return null;
  }
  if (object.kind !== ts.SyntaxKind.ThisKeyword && !ts.isIdentifier(object)) return null;
  const lua = context.transformExpression(e);
  if (!tstl.isTableIndexExpression(lua) || !tstl.isIdentifier(lua.table)) return null;
  if (!tstl.isStringLiteral(lua.index) && !tstl.isNumericLiteral(lua.index)) return null;
  return lua;
}

/** A right operand that cannot change anything: a number literal, a const enum member or a name of type number, as Lua; else null. */
function plainNumber(e: ts.Expression, context: TransformationContext): tstl.Expression | null {
  if (ts.isNumericLiteral(e)) return tstl.createNumericLiteral(Number(e.text), e);
  if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
    const v = context.checker.getConstantValue(e);
    return typeof v === 'number' && v >= 0 ? tstl.createNumericLiteral(v, e) : null;
  }
  if (!ts.isIdentifier(e) || !(context.checker.getTypeAtLocation(e).flags & ts.TypeFlags.NumberLike)) return null;
  const lua = context.transformExpression(e);
  return tstl.isIdentifier(lua) ? lua : null;
}

/** `local tmp = <new or old>; <target> = <new>`, as preceding statements; answers tmp. */
function update(target: tstl.TableIndexExpression, op: tstl.BinaryOperator, right: tstl.Expression, postfix: boolean, node: ts.Node, context: TransformationContext): tstl.Expression {
  const tmp = context.createTempNameForLuaExpression(target);
  const write = tstl.cloneNode(target);
  if (postfix) {
    context.addPrecedingStatements([
      tstl.createVariableDeclarationStatement(tmp, target, node),
      tstl.createAssignmentStatement(write, tstl.createBinaryExpression(tstl.cloneIdentifier(tmp), right, op), node),
    ]);
  } else {
    context.addPrecedingStatements([
      tstl.createVariableDeclarationStatement(tmp, tstl.createBinaryExpression(target, right, op), node),
      tstl.createAssignmentStatement(write, tstl.cloneIdentifier(tmp), node),
    ]);
  }
  return tstl.cloneIdentifier(tmp);
}

function step(node: ts.PrefixUnaryExpression | ts.PostfixUnaryExpression, context: TransformationContext, postfix: boolean): tstl.Expression {
  const op = node.operator === ts.SyntaxKind.PlusPlusToken ? tstl.SyntaxKind.AdditionOperator
    : node.operator === ts.SyntaxKind.MinusMinusToken ? tstl.SyntaxKind.SubtractionOperator : undefined;
  const target = op === undefined ? null : plainProperty(node.operand, context);
  if (op === undefined || target === null) return context.superTransformExpression(node);
  return update(target, op, tstl.createNumericLiteral(1), postfix, node, context);
}

const COMPOUND: Partial<Record<ts.SyntaxKind, tstl.BinaryOperator>> = {
  [ts.SyntaxKind.PlusEqualsToken]: tstl.SyntaxKind.AdditionOperator,
  [ts.SyntaxKind.MinusEqualsToken]: tstl.SyntaxKind.SubtractionOperator,
};

function compound(node: ts.BinaryExpression, context: TransformationContext): tstl.Expression {
  const op = COMPOUND[node.operatorToken.kind];
  // `+=` concatenates when the property is not a number.
  const numeric = op !== undefined && (context.checker.getTypeAtLocation(node.left).flags & ts.TypeFlags.NumberLike) !== 0;
  const right = numeric ? plainNumber(node.right, context) : null;
  const target = right === null ? null : plainProperty(node.left, context);
  if (right === null || target === null) return context.superTransformExpression(node);
  return update(target, op!, right, false, node, context);
}

/** The plugin, for `luaPlugins: [{ plugin: compoundPlugin }]`. */
export const compoundPlugin: Plugin = {
  visitors: {
    [ts.SyntaxKind.PrefixUnaryExpression]: (node: ts.PrefixUnaryExpression, context: TransformationContext) => step(node, context, false),
    [ts.SyntaxKind.PostfixUnaryExpression]: (node: ts.PostfixUnaryExpression, context: TransformationContext) => step(node, context, true),
    [ts.SyntaxKind.BinaryExpression]: compound,
  },
};
