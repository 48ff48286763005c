// Stage 2a of the Espruino build: a class whose base is a built-in error
// type gets a base Espruino can call.
//
// Espruino (2v29) refuses `super(...)` into any built-in constructor: a class
// `extends Error` with a constructor fails to parse ("Calling 'super' outside
// of class"), one without a constructor makes objects that are not Errors at
// all. A plain function as the base works: `super(m)` calls it with `this`
// (Espruino finds it through `prototype.constructor`, so that must be set:
// without it super() throws "Function not found!"), and a prototype made
// with Object.create(Error.prototype) keeps `instanceof Error` true. So each
// `extends Error` (TypeError, SyntaxError, ReferenceError) becomes `extends
// <a function that sets message>`, defined once at the top of the bundle. Host code keeps the real Error (stack and
// all): only the built firmware changes. Espruino's own errors print as
// `Error: message` from a `type` field our objects lack; the base's toString
// prints `name: message`, as V8's does.
//
// Other built-in bases (Array, Map, RangeError, which Espruino does not have,
// ...) cannot be lowered this way; the dialect check refuses them
// (extendsBuiltin).

import { parse } from 'acorn';
import type { AnyNode } from 'acorn';
import MagicString from 'magic-string';
import { LOWERED_ERROR_BASES, declaredNames, visit } from './dialect.ts';
import type { RawSourceMap } from './source-map.ts';

export interface ErrorBaseStage {
  code: string;
  /** From `code` to the input. */
  map: RawSourceMap;
  /** The built-in bases that were replaced, in order of first use. */
  lowered: string[];
}

/** The name of the base standing in for `builtin` in built firmware. */
export function errorBaseName(builtin: string): string {
  return `__fpBase${builtin}`;
}

/** `var __fpBaseError = ...;`: a function base whose instances are `instanceof Error`. */
function errorBase(builtin: string): string {
  const f = errorBaseName(builtin);
  return `var ${f} = function (m) { if (m !== void 0) this.message = '' + m; };\n` +
    `${f}.prototype = Object.create(${builtin}.prototype);\n` +
    `${f}.prototype.constructor = ${f};\n` +
    `${f}.prototype.name = '${builtin}';\n` +
    `${f}.prototype.toString = function () { return this.message ? this.name + ': ' + this.message : this.name; };\n`;
}

/** Every `extends Error` (or another lowered error type) in `code`, an ES module, given a function base. */
export function lowerErrorBases(code: string, fileName: string): ErrorBaseStage {
  const program = parse(code, { ecmaVersion: 'latest', sourceType: 'module' });
  const declared = declaredNames(program);
  const out = new MagicString(code);
  const lowered: string[] = [];
  visit(program, null, (node: AnyNode) => {
    if (node.type !== 'ClassDeclaration' && node.type !== 'ClassExpression') return;
    const base = node.superClass;
    if (base?.type !== 'Identifier' || !LOWERED_ERROR_BASES.includes(base.name) || declared.has(base.name)) return;
    out.overwrite(base.start, base.end, errorBaseName(base.name));
    if (!lowered.includes(base.name)) lowered.push(base.name);
  });
  // After the imports esbuild leaves none of (it bundles), before any class: at the very top.
  if (lowered.length > 0) out.prepend(lowered.map(errorBase).join(''));
  const map = out.generateMap({ source: fileName, hires: true, includeContent: false });
  return { code: out.toString(), map: JSON.parse(map.toString()) as RawSourceMap, lowered };
}
