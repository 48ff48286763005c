// Which property names the Espruino build may shorten: the runtime's private
// members.
//
// esbuild minifies variables, not property names, and on Espruino a name is
// paid twice: as text in every function that says `this.generation`, and as
// a JsVar (or several, past 4 characters) in every object that has it. A
// TypeScript `private` or `protected` member is reached only through its
// class, and one marked `/** @internal */` only from the runtime's own
// files, so it can be renamed everywhere at once (esbuild's `mangleProps`)
// without changing what firmware sees. A name is shortened only when it is
// never also a public member, an interface or object-literal key, a string,
// a JavaScript built-in's property, or any property the firmware's own files
// name: those may be reached from outside the bundle (the board data, the
// Espruino API, JSON, `obj[key]`).
//
// It reads the sources as the bundle holds them (the first bundle's source
// map carries their text), so it sees exactly what is built.

import ts from 'typescript';

/** The private (or `@internal`) member names of `runtime` files that no file (runtime or not) uses in any other way. */
export function mangleableNames(files: { path: string; text: string; runtime: boolean }[]): string[] {
  const priv = new Set<string>();
  const open = new Set<string>(BUILT_IN);
  for (const f of files) {
    const sf = ts.createSourceFile(f.path, f.text, ts.ScriptTarget.ESNext, true, f.path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const visit = (node: ts.Node): void => {
      classify(node, f.runtime, priv, open);
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return [...priv].filter((n) => !open.has(n)).sort();
}

/** A regular expression matching exactly `names` (for esbuild's mangleProps), or undefined when there are none. */
export function manglePattern(names: string[]): RegExp | undefined {
  return names.length === 0 ? undefined : new RegExp(`^(?:${names.join('|')})$`);
}

/** Private, protected, or public only for the runtime's own files (marked `@internal`). */
const isHidden = (node: ts.Node): boolean =>
  (ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword)) ||
  ts.getJSDocTags(node).some((t) => t.tagName.text === 'internal');

function nameText(name: ts.Node | undefined): string | undefined {
  return name !== undefined && (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) ? name.text : undefined;
}

function classify(node: ts.Node, runtime: boolean, priv: Set<string>, open: Set<string>): void {
  if (ts.isStringLiteralLike(node)) {
    open.add(node.text);
    return;
  }
  if (!runtime) {
    // The firmware's files: every property it names stays as written.
    if (ts.isPropertyAccessExpression(node)) open.add(node.name.text);
    const n = nameText((node as { name?: ts.Node }).name);
    if (n !== undefined && !ts.isVariableDeclaration(node) && !ts.isFunctionDeclaration(node) && !ts.isParameter(node)) open.add(n);
    return;
  }
  if (ts.isParameter(node)) {
    // A constructor parameter property is a member.
    const n = nameText(node.name);
    if (n !== undefined && ts.isConstructorDeclaration(node.parent) && ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).length > 0) (isHidden(node) ? priv : open).add(n);
    return;
  }
  if (ts.isPropertyDeclaration(node) || ts.isMethodDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node)) {
    const n = nameText(node.name);
    if (n === undefined) return;
    (ts.isClassLike(node.parent) && isHidden(node) ? priv : open).add(n);
    return;
  }
  if (ts.isPropertySignature(node) || ts.isMethodSignature(node) || ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node) || ts.isEnumMember(node)) {
    const n = nameText(node.name);
    if (n !== undefined) open.add(n);
  }
}

/** Properties of JavaScript's own objects: never renamed, whatever a class calls its members. */
const BUILT_IN: string[] = (() => {
  const names = new Set<string>(['prototype', 'constructor', '__proto__']);
  const objects: unknown[] = [globalThis, Object, Function, Array, String, Number, Boolean, Symbol, Error, Math, JSON, Date, RegExp, Promise,
    Uint8Array, Uint16Array, Uint32Array, Int32Array, Float64Array, ArrayBuffer, Reflect];
  for (const o of objects) {
    for (let p: unknown = o; p !== null && p !== undefined; p = Object.getPrototypeOf(p)) {
      for (const k of Object.getOwnPropertyNames(p)) names.add(k);
      const proto = (p as { prototype?: unknown }).prototype;
      if (typeof proto === 'object' && proto !== null) for (const k of Object.getOwnPropertyNames(proto)) names.add(k);
    }
  }
  for (const k of Object.getOwnPropertyNames(new Error('x'))) names.add(k);
  return [...names];
})();
