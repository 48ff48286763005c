// A TSTL plugin: class getters as plain methods, where every read is known.
//
// TSTL compiles a class getter with __TS__SetDescriptor, which makes the
// class's `__index` a function (lua-descriptors.ts makes it a cheap one). A
// function there costs a Lua call on every method call on an instance and on
// every read of one of its fields that holds nil: on Executor, Signal and
// WaitQueue that was three calls per Signal wake, a tenth of its time.
//
// When the program reads a class's getters only through the class's own type,
// none of that is needed: this plugin emits each getter as a prototype method
// `____get_<name>` and each read `x.name` as `x:____get_<name>()`, so the
// class keeps TSTL's plain `__index` table. A class keeps its descriptors
// (and stays right, only slower) when any read might reach a getter some
// other way: through a type the instance is assignable to (an interface, a
// structural type, `any`, a type parameter's constraint), by a dynamic key,
// destructuring, `in`, an optional chain, `super`, or a call of the getter's
// value; also when it has a setter, a static, computed or decorated accessor,
// or a subclass. The rewrite is all-or-nothing per class.

import ts from 'typescript';
import tstl from 'typescript-to-lua';
import type { Plugin, TransformationContext } from 'typescript-to-lua';

const PREFIX = '____get_';

interface Candidate {
  type: ts.Type;
  getters: Set<string>;
  safe: boolean;
}

/** For each program: the classes whose getters are rewritten, by declaration. */
const analyses = new WeakMap<ts.Program, Map<ts.ClassDeclaration, Candidate>>();

/** A getter-only, instance, identifier-named, undecorated accessor set, or null when the class does not qualify. */
function getterNames(c: ts.ClassDeclaration): Set<string> | null {
  const names = new Set<string>();
  for (const m of c.members) {
    if (ts.isSetAccessorDeclaration(m)) return null;
    if (!ts.isGetAccessorDeclaration(m)) continue;
    if (!ts.isIdentifier(m.name) || ts.getDecorators(m)?.length || ts.getModifiers(m)?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword)) return null;
    names.add(m.name.text);
  }
  return names.size > 0 ? names : null;
}

/** The candidate classes that declare `symbol`, when every declaration of it is one of their getters. */
function getterOwners(symbol: ts.Symbol | undefined, classes: Map<ts.ClassDeclaration, Candidate>): Candidate[] | null {
  const decls = symbol?.declarations;
  if (decls === undefined || decls.length === 0) return null;
  const owners: Candidate[] = [];
  for (const d of decls) {
    const c = ts.isGetAccessorDeclaration(d) && ts.isClassDeclaration(d.parent) ? classes.get(d.parent) : undefined;
    if (c === undefined) return null;
    owners.push(c);
  }
  return owners;
}

function analyse(program: ts.Program, checker: ts.TypeChecker): Map<ts.ClassDeclaration, Candidate> {
  const classes = new Map<ts.ClassDeclaration, Candidate>();
  const files = program.getSourceFiles().filter((f) => !f.isDeclarationFile);
  const visitClasses = (n: ts.Node): void => {
    if (ts.isClassDeclaration(n) && n.name !== undefined) {
      const getters = getterNames(n);
      if (getters !== null) classes.set(n, { type: checker.getTypeAtLocation(n), getters, safe: true });
    }
    ts.forEachChild(n, visitClasses);
  };
  files.forEach(visitClasses);
  if (classes.size === 0) return classes;

  const names = new Set<string>();
  for (const c of classes.values()) c.getters.forEach((g) => names.add(g));
  /** A read of `name` (undefined: any name) from a value of type `t` that is not a rewritten getter read. */
  const unknownRead = (t: ts.Type, name: string | undefined): void => {
    const target = checker.getApparentType(t);
    for (const c of classes.values()) {
      if ((name === undefined || c.getters.has(name)) && checker.isTypeAssignableTo(c.type, target)) c.safe = false;
    }
  };
  // Sites whose getter classes must be rewritten together: one unsafe makes all unsafe.
  const groups: Candidate[][] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isHeritageClause(n) && n.token === ts.SyntaxKind.ExtendsKeyword) {
      // A subclass may override a getter that a read through the base class would then miss.
      for (const e of n.types) {
        for (const d of checker.getSymbolAtLocation(e.expression)?.declarations ?? []) {
          const base = ts.isClassDeclaration(d) ? classes.get(d) : undefined;
          if (base !== undefined) base.safe = false;
        }
      }
    }
    if (ts.isPropertyAccessExpression(n) && names.has(n.name.text)) {
      const owners = getterOwners(checker.getSymbolAtLocation(n.name), classes);
      const plain = !ts.isOptionalChain(n) && n.expression.kind !== ts.SyntaxKind.SuperKeyword
        && !((ts.isCallExpression(n.parent) || ts.isTaggedTemplateExpression(n.parent)) && (n.parent as ts.CallExpression).expression === n);
      if (owners !== null) {
        if (plain) groups.push(owners);
        else owners.forEach((c) => (c.safe = false));
      } else unknownRead(checker.getTypeAtLocation(n.expression), n.name.text);
    } else if (ts.isElementAccessExpression(n)) {
      const a = n.argumentExpression;
      const key = ts.isStringLiteralLike(a) ? a.text : undefined;
      if (key === undefined || names.has(key)) unknownRead(checker.getTypeAtLocation(n.expression), key);
    } else if (ts.isObjectBindingPattern(n)) {
      unknownRead(checker.getTypeAtLocation(n), undefined);
    } else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isObjectLiteralExpression(n.left)) {
      unknownRead(checker.getTypeAtLocation(n.right), undefined);
    } else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.InKeyword) {
      unknownRead(checker.getTypeAtLocation(n.right), ts.isStringLiteralLike(n.left) ? n.left.text : undefined);
    }
    ts.forEachChild(n, visit);
  };
  files.forEach(visit);
  for (let changed = true; changed;) {
    changed = false;
    for (const g of groups) {
      if (g.some((c) => !c.safe) && g.some((c) => c.safe)) {
        g.forEach((c) => (c.safe = false));
        changed = true;
      }
    }
  }
  return classes;
}

function candidates(context: TransformationContext): Map<ts.ClassDeclaration, Candidate> {
  let a = analyses.get(context.program);
  if (a === undefined) analyses.set(context.program, (a = analyse(context.program, context.checker)));
  return a;
}

/** `__TS__SetDescriptor(X.prototype, "name", {get = f}, true)`: answers the name and f. */
function descriptorCall(s: tstl.Statement): { proto: tstl.Expression; name: string; get: tstl.Expression } | null {
  if (!tstl.isExpressionStatement(s) || !tstl.isCallExpression(s.expression)) return null;
  const call = s.expression;
  if (!tstl.isIdentifier(call.expression) || call.expression.text !== '__TS__SetDescriptor' || call.params.length !== 4) return null;
  const [proto, key, desc] = call.params;
  if (!tstl.isStringLiteral(key!) || !tstl.isTableExpression(desc!) || desc.fields.length !== 1) return null;
  const field = desc.fields[0]!;
  if (field.key === undefined || !tstl.isStringLiteral(field.key) || field.key.value !== 'get') return null;
  return { proto: proto!, name: key.value, get: field.value };
}

function transformClass(node: ts.ClassDeclaration, context: TransformationContext): tstl.Statement[] {
  const out = context.superTransformStatements(node);
  if (candidates(context).get(node)?.safe !== true) return out;
  return out.map((s) => {
    const d = descriptorCall(s);
    if (d === null) return s;
    const getter = node.members.find((m) => ts.isGetAccessorDeclaration(m) && (m.name as ts.Identifier).text === d.name);
    return tstl.createAssignmentStatement(tstl.createTableIndexExpression(d.proto, tstl.createStringLiteral(PREFIX + d.name)), d.get, getter);
  });
}

function transformRead(node: ts.PropertyAccessExpression, context: TransformationContext): tstl.Expression {
  const classes = candidates(context);
  const owners = classes.size === 0 ? null : getterOwners(context.checker.getSymbolAtLocation(node.name), classes);
  if (owners === null || !owners.every((c) => c.safe)) return context.superTransformExpression(node);
  const receiver = context.transformExpression(node.expression);
  return tstl.createMethodCallExpression(receiver, tstl.createIdentifier(PREFIX + node.name.text), [], node);
}

/** The plugin, for `luaPlugins: [{ plugin: gettersPlugin }]`. */
export const gettersPlugin: Plugin = {
  visitors: {
    [ts.SyntaxKind.ClassDeclaration]: transformClass,
    [ts.SyntaxKind.PropertyAccessExpression]: transformRead,
  },
};
