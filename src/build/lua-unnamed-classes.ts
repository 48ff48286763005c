// A TSTL plugin: no `C.name = "C"` for a class whose name the program never
// reads.
//
// TSTL gives every class table its JavaScript `name` (`Executor.name =
// "Executor"`): an instruction and the class's name as a string constant in
// the module's function, plus "name" itself; on the ESP8266 about 530 bytes
// of bytecode for multitask's 32 classes, and nothing in the runtime reads
// them (errors carry their own `name` field, set on the instance).
//
// A class keeps the statement when its name may be read: when the program
// reads `C.name`, or uses the class as a value any other way than `new C`,
// `C.member` (a static), `extends C` or `x instanceof C` (passed, stored,
// returned, cast: then some code may read `name` from it), when it is
// decorated, or when a static member of it uses `this` or `super` (the class
// itself, as a value). A
// subclass's table falls back to its base's fields; a dropped subclass name is
// never read either, by the same rule. Class expressions are TSTL's as usual.

import ts from 'typescript';
import tstl from 'typescript-to-lua';
import type { Plugin, TransformationContext } from 'typescript-to-lua';

/** For each program: the class declarations whose `name` may be read. */
const analyses = new WeakMap<ts.Program, Set<ts.ClassDeclaration>>();

/** The class declaration `id` refers to (through imports), or undefined. */
function classOf(id: ts.Identifier, checker: ts.TypeChecker): ts.ClassDeclaration | undefined {
  let symbol = checker.getSymbolAtLocation(id);
  if (symbol !== undefined && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const d = symbol?.valueDeclaration;
  return d !== undefined && ts.isClassDeclaration(d) ? d : undefined;
}

/** A use of a class's identifier that cannot hand the class to code that reads its `name`. */
function harmless(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isClassDeclaration(p) || ts.isImportSpecifier(p) || ts.isImportClause(p) || ts.isExportSpecifier(p)) return true;
  if (ts.isNewExpression(p) && p.expression === id) return true;
  if (ts.isPropertyAccessExpression(p) && p.expression === id) return p.name.text !== 'name';
  if (ts.isExpressionWithTypeArguments(p) && ts.isHeritageClause(p.parent)) return true;
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword && p.right === id) return true;
  // A type, `typeof C` included.
  for (let n: ts.Node = id; n.parent !== undefined; n = n.parent) if (ts.isTypeNode(n)) return true;
  return false;
}

/** Whether a static member or static block of `c` uses `this` or `super`. */
function staticSelf(c: ts.ClassDeclaration): boolean {
  const uses = (n: ts.Node): boolean => n.kind === ts.SyntaxKind.ThisKeyword || n.kind === ts.SyntaxKind.SuperKeyword
    || (!ts.isFunctionDeclaration(n) && !ts.isFunctionExpression(n) && !ts.isClassLike(n) && ts.forEachChild(n, uses) === true);
  return c.members.some((m) => (ts.isClassStaticBlockDeclaration(m) || (ts.canHaveModifiers(m) && ts.getModifiers(m)?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword))) && ts.forEachChild(m, uses) === true);
}

function analyse(program: ts.Program, checker: ts.TypeChecker): Set<ts.ClassDeclaration> {
  const read = new Set<ts.ClassDeclaration>();
  const visit = (n: ts.Node): void => {
    // A decorator is handed the class itself.
    if (ts.isClassDeclaration(n) && (staticSelf(n) || ts.getDecorators(n) !== undefined)) read.add(n);
    if (ts.isIdentifier(n) && !harmless(n)) {
      const c = classOf(n, checker);
      if (c !== undefined) read.add(c);
    }
    ts.forEachChild(n, visit);
  };
  program.getSourceFiles().filter((f) => !f.isDeclarationFile).forEach(visit);
  return read;
}

/** `C.name = "C"`, the statement TSTL's class setup writes. */
function isNameStatement(s: tstl.Statement, className: string): boolean {
  if (!tstl.isAssignmentStatement(s) || s.left.length !== 1 || s.right.length !== 1) return false;
  const [left] = s.left;
  const [right] = s.right;
  return tstl.isTableIndexExpression(left!) && tstl.isIdentifier(left.table) && tstl.isStringLiteral(left.index) && left.index.value === 'name'
    && tstl.isStringLiteral(right!) && right.value === className;
}

function transformClass(node: ts.ClassDeclaration, context: TransformationContext): tstl.Statement[] {
  const out = context.superTransformStatements(node);
  let read = analyses.get(context.program);
  if (read === undefined) analyses.set(context.program, (read = analyse(context.program, context.checker)));
  if (node.name === undefined || read.has(node)) return out;
  const name = node.name.text;
  const at = out.findIndex((s) => isNameStatement(s, name));
  return at < 0 ? out : [...out.slice(0, at), ...out.slice(at + 1)];
}

/** The plugin, for `luaPlugins: [{ plugin: classNamesPlugin }]`. */
export const classNamesPlugin: Plugin = {
  visitors: { [ts.SyntaxKind.ClassDeclaration]: transformClass },
};
