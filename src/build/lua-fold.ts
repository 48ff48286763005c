// A TSTL plugin: bit operations on constants become the number they make.
//
// `S.LIVE | S.QUEUED` or `~S.QUEUED` (const enum members, literals) is a
// constant in JavaScript, but TSTL emits it as a call for Lua 5.1:
// `bit.bor(1, 2)`, `bit.bnot(2)`, a global lookup and a C call each time it
// runs, on the executor's hot path. This plugin folds such an expression to
// its JavaScript value (32-bit, as JS computes it) when every operand is a
// number literal or a const enum member; anything else is left to TSTL.

import ts from 'typescript';
import tstl from 'typescript-to-lua';
import type { Plugin, TransformationContext } from 'typescript-to-lua';

const BITWISE = new Set([
  ts.SyntaxKind.BarToken, ts.SyntaxKind.AmpersandToken, ts.SyntaxKind.CaretToken,
  ts.SyntaxKind.LessThanLessThanToken, ts.SyntaxKind.GreaterThanGreaterThanToken,
  ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken,
]);

/** The value of a constant integer expression, or undefined when it is not one. */
function constant(node: ts.Expression, checker: ts.TypeChecker): number | undefined {
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (ts.isParenthesizedExpression(node)) return constant(node.expression, checker);
  if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
    const v = checker.getConstantValue(node);
    return typeof v === 'number' ? v : undefined;
  }
  if (ts.isPrefixUnaryExpression(node)) {
    const v = constant(node.operand, checker);
    if (v === undefined) return undefined;
    switch (node.operator) {
      case ts.SyntaxKind.TildeToken: return ~v;
      case ts.SyntaxKind.MinusToken: return -v;
      case ts.SyntaxKind.PlusToken: return v;
      default: return undefined;
    }
  }
  if (ts.isBinaryExpression(node) && BITWISE.has(node.operatorToken.kind)) {
    const a = constant(node.left, checker);
    const b = constant(node.right, checker);
    if (a === undefined || b === undefined) return undefined;
    switch (node.operatorToken.kind) {
      case ts.SyntaxKind.BarToken: return a | b;
      case ts.SyntaxKind.AmpersandToken: return a & b;
      case ts.SyntaxKind.CaretToken: return a ^ b;
      case ts.SyntaxKind.LessThanLessThanToken: return a << b;
      case ts.SyntaxKind.GreaterThanGreaterThanToken: return a >> b;
      default: return a >>> b;
    }
  }
  return undefined;
}

function literal(v: number, node: ts.Node): tstl.Expression {
  // A negative literal is printed as a unary minus, so `x - -3` never becomes a `--` comment.
  return v < 0
    ? tstl.createUnaryExpression(tstl.createNumericLiteral(-v, node), tstl.SyntaxKind.NegationOperator, node)
    : tstl.createNumericLiteral(v, node);
}

function foldBinary(node: ts.BinaryExpression, context: TransformationContext): tstl.Expression {
  const v = BITWISE.has(node.operatorToken.kind) ? constant(node, context.checker) : undefined;
  return v === undefined || !Number.isInteger(v) ? context.superTransformExpression(node) : literal(v, node);
}

function foldPrefix(node: ts.PrefixUnaryExpression, context: TransformationContext): tstl.Expression {
  const v = node.operator === ts.SyntaxKind.TildeToken ? constant(node, context.checker) : undefined;
  return v === undefined || !Number.isInteger(v) ? context.superTransformExpression(node) : literal(v, node);
}

/** The plugin, for `luaPlugins: [{ plugin: foldPlugin }]`. */
export const foldPlugin: Plugin = {
  visitors: {
    [ts.SyntaxKind.BinaryExpression]: foldBinary,
    [ts.SyntaxKind.PrefixUnaryExpression]: foldPrefix,
  },
};
