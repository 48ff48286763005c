// A TSTL plugin: the build-time flags (src/core/build-flags.d.ts) as constants.
//
// The Espruino build defines each flag as `false` and esbuild folds away what
// it guards. TSTL has no `define`, and Lua's compiler keeps the body of an
// `if false then` in the bytecode, so this plugin does it on the TypeScript:
// it reads `typeof F === 'undefined' || F` (the one form the flags are read
// in) as the flag's value, works out `!`, `&&`, `||` and parentheses around it,
// and emits only the branch taken of an `if`, a `?:`, or the value of a
// decided `&&`/`||`. Conditions that do not involve a flag are TSTL's as usual.

import ts from 'typescript';
import tstl from 'typescript-to-lua';
import type { Plugin, TransformationContext } from 'typescript-to-lua';

/** The value of a boolean expression decided by the flags, or undefined when it is not decided. */
function decided(node: ts.Expression, flags: Record<string, boolean>): boolean | undefined {
  if (ts.isParenthesizedExpression(node)) return decided(node.expression, flags);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
    const v = decided(node.operand, flags);
    return v === undefined ? undefined : !v;
  }
  if (!ts.isBinaryExpression(node)) return undefined;
  const op = node.operatorToken.kind;
  const flag = flagTest(node);
  if (flag !== undefined) return flags[flag];
  if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.AmpersandAmpersandToken) {
    const a = decided(node.left, flags);
    const b = decided(node.right, flags);
    const or = op === ts.SyntaxKind.BarBarToken;
    if (a === or || b === or) return or; // true || x, x || true; false && x, x && false
    if (a !== undefined && b !== undefined) return or ? a || b : a && b;
  }
  return undefined;
}

/** `typeof F === 'undefined' || F` for a flag F: its name; else undefined. */
function flagTest(node: ts.BinaryExpression): string | undefined {
  if (node.operatorToken.kind !== ts.SyntaxKind.BarBarToken || !ts.isIdentifier(node.right)) return undefined;
  const left = node.left;
  if (!ts.isBinaryExpression(left) || left.operatorToken.kind !== ts.SyntaxKind.EqualsEqualsEqualsToken) return undefined;
  if (!ts.isTypeOfExpression(left.left) || !ts.isIdentifier(left.left.expression) || !ts.isStringLiteral(left.right)) return undefined;
  const name = node.right.text;
  return left.left.expression.text === name && left.right.text === 'undefined' && /^__FLAGPOLL_\w+__$/.test(name) ? name : undefined;
}

/** The plugin for these flag values, for `luaPlugins: [{ plugin: flagsPlugin({ __FLAGPOLL_TRACE__: false }) }]`. */
export function flagsPlugin(flags: Record<string, boolean>): Plugin {
  return {
    visitors: {
      [ts.SyntaxKind.IfStatement]: (node: ts.IfStatement, context: TransformationContext) => {
        const v = decided(node.expression, flags);
        if (v === undefined) return context.superTransformStatements(node);
        const taken = v ? node.thenStatement : node.elseStatement;
        return taken === undefined ? [] : context.transformStatements(taken);
      },
      [ts.SyntaxKind.ConditionalExpression]: (node: ts.ConditionalExpression, context: TransformationContext) => {
        const v = decided(node.condition, flags);
        if (v === undefined) return context.superTransformExpression(node);
        return context.transformExpression(v ? node.whenTrue : node.whenFalse);
      },
      [ts.SyntaxKind.BinaryExpression]: (node: ts.BinaryExpression, context: TransformationContext) => {
        const v = decided(node, flags);
        return v === undefined ? context.superTransformExpression(node) : tstl.createBooleanLiteral(v, node);
      },
    },
  };
}
