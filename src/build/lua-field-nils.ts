// A TSTL plugin: no `self.x = nil` for a field initialised to `undefined` or
// `null` when the new instance cannot have an `x` yet.
//
// `waker: Waker | undefined = undefined` compiles to `self.waker = nil` at the
// top of the constructor: an instruction (and often the field's name as a
// constant) that does nothing. Storing nil into a table key it does not hold
// leaves the table as it was, and the instance TSTL's `__TS__New` makes is
// `setmetatable({}, C.prototype)`: empty. So the statement goes when
//
// - the class has no `extends` (a base constructor could have set `x`); it
//   may itself be a base: a subclass calls it first, on the empty instance;
// - every statement before it in the constructor is a default parameter
//   (`if p == nil then p = <literal or name> end`), a parameter property or
//   another field whose value is a literal or a name: nothing that could run
//   code writing `x` on the instance, and none of them writes `x` itself;
// - no class of the program declares an accessor named `x`: then no
//   `__newindex` (a setter, or a getter's "no setter" error) can see the
//   store, whichever subclass the instance is.
//
// Reading `x` afterwards finds no key and goes to the prototype either way.

import ts from 'typescript';
import tstl from 'typescript-to-lua';
import type { Plugin, TransformationContext } from 'typescript-to-lua';

/** For each program: the names of every accessor some class declares. */
const accessors = new WeakMap<ts.Program, Set<string>>();

function accessorNames(program: ts.Program): Set<string> {
  let names = accessors.get(program);
  if (names !== undefined) return names;
  names = new Set();
  const found = names;
  const visit = (n: ts.Node): void => {
    if (ts.isGetAccessorDeclaration(n) || ts.isSetAccessorDeclaration(n)) {
      // A computed name could be any name: then no field is known safe.
      found.add(ts.isIdentifier(n.name) || ts.isStringLiteral(n.name) || ts.isPrivateIdentifier(n.name) ? n.name.text : '*');
    }
    ts.forEachChild(n, visit);
  };
  program.getSourceFiles().filter((f) => !f.isDeclarationFile).forEach(visit);
  accessors.set(program, names);
  return names;
}

/** A value whose evaluation runs no code: a literal or a name. */
function plain(e: tstl.Expression): boolean {
  return tstl.isNilLiteral(e) || tstl.isBooleanLiteral(e) || tstl.isNumericLiteral(e) || tstl.isStringLiteral(e) || tstl.isIdentifier(e)
    || (tstl.isUnaryExpression(e) && e.operator === tstl.SyntaxKind.NegationOperator && tstl.isNumericLiteral(e.operand));
}

/** `self.<key> = <value>`: the key and value; else null. */
function selfStore(s: tstl.Statement): { key: string; value: tstl.Expression } | null {
  if (!tstl.isAssignmentStatement(s) || s.left.length !== 1 || s.right.length !== 1) return null;
  const left = s.left[0]!;
  if (!tstl.isTableIndexExpression(left) || !tstl.isIdentifier(left.table) || left.table.text !== 'self' || !tstl.isStringLiteral(left.index)) return null;
  return { key: left.index.value, value: s.right[0]! };
}

/** `if p == nil then p = <plain> end`: TSTL's default parameter. */
function isPlainDefault(s: tstl.Statement): boolean {
  if (!tstl.isIfStatement(s) || s.elseBlock !== undefined || s.ifBlock.statements.length !== 1) return false;
  const body = s.ifBlock.statements[0]!;
  return tstl.isBinaryExpression(s.condition) && s.condition.operator === tstl.SyntaxKind.EqualityOperator && tstl.isNilLiteral(s.condition.right)
    && tstl.isAssignmentStatement(body) && body.right.length === 1 && plain(body.right[0]!);
}

/** The fields of `node` initialised to `undefined`, `null` or `void 0`. */
function nilFields(node: ts.ClassDeclaration): Set<string> {
  const names = new Set<string>();
  for (const m of node.members) {
    if (!ts.isPropertyDeclaration(m) || m.initializer === undefined || !ts.isIdentifier(m.name)) continue;
    if (ts.getModifiers(m)?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword)) continue;
    let v = m.initializer;
    while (ts.isParenthesizedExpression(v) || ts.isAsExpression(v) || ts.isSatisfiesExpression(v)) v = v.expression;
    if (v.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(v) && v.text === 'undefined') || ts.isVoidExpression(v)) names.add(m.name.text);
  }
  return names;
}

/** The constructor's body without the stores of nil that cannot change the new instance. */
function trimmed(body: tstl.Statement[], fields: Set<string>, accessorsNamed: Set<string>): tstl.Statement[] {
  const out: tstl.Statement[] = [];
  const written = new Set<string>();
  let i = 0;
  for (; i < body.length; i++) {
    const s = body[i]!;
    const store = selfStore(s);
    if (store === null ? !isPlainDefault(s) : !plain(store.value)) break;
    out.push(s);
    if (store === null) continue;
    if (tstl.isNilLiteral(store.value) && fields.has(store.key) && !accessorsNamed.has(store.key) && !written.has(store.key)) out.pop();
    written.add(store.key);
  }
  return [...out, ...body.slice(i)];
}

function transformClass(node: ts.ClassDeclaration, context: TransformationContext): tstl.Statement[] {
  const out = context.superTransformStatements(node);
  const fields = nilFields(node);
  if (fields.size === 0 || node.heritageClauses?.some((h) => h.token === ts.SyntaxKind.ExtendsKeyword)) return out;
  const names = accessorNames(context.program);
  if (names.has('*')) return out;
  for (const s of out) {
    // `C.prototype.____constructor = function(self, ...) ... end`
    if (!tstl.isAssignmentStatement(s) || s.right.length !== 1) continue;
    const left = s.left[0];
    const fn = s.right[0]!;
    if (left === undefined || !tstl.isTableIndexExpression(left) || !tstl.isStringLiteral(left.index) || left.index.value !== '____constructor') continue;
    if (!tstl.isFunctionExpression(fn) || fn.body === undefined) continue;
    fn.body.statements = trimmed(fn.body.statements, fields, names);
  }
  return out;
}

/** The plugin, for `luaPlugins: [{ plugin: fieldNilsPlugin }]`. */
export const fieldNilsPlugin: Plugin = {
  visitors: { [ts.SyntaxKind.ClassDeclaration]: transformClass },
};
