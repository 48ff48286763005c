// The Espruino dialect check: what the interpreter rejects, found in any JS.
//
// Espruino (2v29) parses and runs source text itself, and refuses a set of
// ES2015+ constructs and built-ins that V8 takes for granted (the "fails"
// column of PLATFORMS.md, each tried on the interpreter). The build lowers
// most of them before this check runs; what remains here is what lowering
// cannot make safe (a label, a generator, `async`, a `Map`) or what a stage
// let through by mistake. Nothing is written or flashed while a finding
// stands.
//
// Each finding names the construct and, through the source map, the
// TypeScript line that produced it:
//   examples/foo.ts:12: Espruino does not accept a labelled statement (continue outer)

import { parse } from 'acorn';
import type { AnyNode, Function as FunctionNode, Node, Pattern, Program } from 'acorn';
import { TraceMap } from '@jridgewell/trace-mapping';
import { originOf } from './source-map.ts';
import type { Origin, RawSourceMap } from './source-map.ts';
import { forEachChild } from '../audit/ast.ts';

/** One kind of construct Espruino refuses; the code names it in reports and JSON. */
export type DialectCode =
  | 'objectDestructuring' | 'arrayDestructuring' | 'spread' | 'restParameter' | 'defaultParameter'
  | 'computedKey' | 'label' | 'optionalChaining' | 'exponent' | 'generator' | 'async' | 'await'
  | 'classPrivateName' | 'missingBuiltin' | 'hoisting' | 'extendsError' | 'extendsBuiltin';

export interface DialectFinding {
  code: DialectCode;
  /** "a labelled statement (continue outer)": what, and the text that shows it. */
  what: string;
  /** Where in the checked code: 1-based line, 0-based column. */
  line: number;
  column: number;
  /** Where it came from, through the map; null without a map or in generated code (a helper). */
  origin: Origin | null;
}

/**
 * Globals and static members Espruino does not have. The first group is
 * PLATFORMS.md's (tried on the interpreter); the rest have no entry in
 * Espruino's built-in tables (src/jswrap_*.c), checked by name.
 */
export const MISSING_GLOBALS: readonly string[] = ['Symbol', 'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'Proxy', 'Reflect', 'BigInt'];
export const MISSING_MEMBERS: readonly string[] = [
  'Array.from', 'Number.isNaN', 'Math.imul', 'Object.freeze',
  'Array.of', 'Number.isInteger', 'Number.isFinite', 'Number.isSafeInteger', 'String.fromCodePoint', 'Math.trunc',
  'Math.log2', 'Math.hypot', 'Math.clz32', 'Math.fround', 'Object.getOwnPropertySymbols',
];

/**
 * Built-in constructors a class cannot extend on Espruino: `super(...)` into
 * any of them is a SyntaxError there ("Calling 'super' outside of class"),
 * tried on the interpreter for Object, Array, Uint8Array, Date, String and
 * Error. The build lowers the error types Espruino has (error-bases.ts,
 * code extendsError); any other is refused (extendsBuiltin).
 */
export const LOWERED_ERROR_BASES: readonly string[] = ['Error', 'TypeError', 'SyntaxError', 'ReferenceError'];
export const BUILTIN_CONSTRUCTORS: readonly string[] = [
  ...LOWERED_ERROR_BASES, 'RangeError', 'EvalError', 'URIError', 'AggregateError', 'InternalError',
  'Object', 'Function', 'Array', 'String', 'Number', 'Boolean', 'Date', 'RegExp', 'Promise', 'ArrayBuffer', 'DataView',
  'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array',
  'Map', 'Set', 'WeakMap', 'WeakSet',
];

/**
 * Every construct in `code` that Espruino refuses, in source order. With
 * `map` (from `code` to the TypeScript sources), each names its origin.
 * Throws a SyntaxError when `code` is not JavaScript at all.
 */
export function checkDialect(code: string, map?: RawSourceMap): DialectFinding[] {
  const program = parse(code, { ecmaVersion: 'latest', sourceType: 'script', locations: true, allowHashBang: true, allowAwaitOutsideFunction: true });
  const tracer = map === undefined ? null : new TraceMap(map);
  const findings: DialectFinding[] = [];
  const declared = declaredNames(program);
  const report = (code: DialectCode, node: Node, what: string) => {
    const { line, column } = node.loc!.start;
    findings.push({ code, what, line, column, origin: tracer === null ? null : originOf(tracer, line, column) });
  };
  const snippet = (node: Node) => shorten(code.slice(node.start, node.end));
  const inner = new Set<Node>();

  visit(program, null, (node, parent) => {
    switch (node.type) {
      case 'ObjectPattern':
      case 'ArrayPattern':
        if (inner.has(node)) break; // part of a pattern already reported
        visit(node, null, (n) => { if (n !== node && (n.type === 'ObjectPattern' || n.type === 'ArrayPattern')) inner.add(n); });
        report(node.type === 'ObjectPattern' ? 'objectDestructuring' : 'arrayDestructuring', node, `${node.type === 'ObjectPattern' ? 'object' : 'array'} destructuring (${snippet(node)})`);
        break;
      case 'SpreadElement':
        report('spread', node, `spread (${snippet(node)})`);
        break;
      case 'ChainExpression':
        report('optionalChaining', node, `optional chaining (${snippet(node)})`);
        break;
      case 'LabeledStatement':
        report('label', node, `a labelled statement (${labelUse(node.body, node.label.name) ?? `${node.label.name}:`})`);
        break;
      case 'BinaryExpression':
      case 'AssignmentExpression':
        if (node.operator === '**' || node.operator === '**=') report('exponent', node, `the ${node.operator} operator (${snippet(node)}); use Math.pow`);
        break;
      case 'Property':
      case 'MethodDefinition':
      case 'PropertyDefinition':
        if (node.computed && parent?.type !== 'ObjectPattern') report('computedKey', node, `a computed property name ([${snippet(node.key)}])`);
        break;
      case 'PrivateIdentifier':
        report('classPrivateName', node, `a class private name (#${node.name})`);
        break;
      case 'AwaitExpression':
        report('await', node, `await (${snippet(node)})`);
        break;
      case 'ForOfStatement':
        if (node.await) report('await', node, 'for await');
        break;
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        checkFunction(node, report, snippet);
        if (node.body.type === 'BlockStatement') checkHoisting(node.body.body, report);
        break;
      case 'Program':
        checkHoisting(node.body, report);
        break;
      case 'ClassDeclaration':
      case 'ClassExpression': {
        const base = node.superClass;
        if (base?.type !== 'Identifier' || !BUILTIN_CONSTRUCTORS.includes(base.name) || declared.has(base.name)) break;
        const cls = `class${node.id === null || node.id === undefined ? '' : ' ' + node.id.name} extends ${base.name}`;
        if (LOWERED_ERROR_BASES.includes(base.name)) report('extendsError', node, `a class extending the built-in ${base.name} (${cls}): super() into a built-in is a SyntaxError there; the build gives such a class a function base`);
        else report('extendsBuiltin', node, `a class extending the built-in ${base.name} (${cls}): super() into a built-in is a SyntaxError there, and the build can give a function base only to ${LOWERED_ERROR_BASES.join(', ')}`);
        break;
      }
      case 'Identifier':
        if (MISSING_GLOBALS.includes(node.name) && !declared.has(node.name) && isReference(node, parent)) report('missingBuiltin', node, `${node.name} (Espruino has no ${node.name})`);
        break;
      case 'MemberExpression': {
        const name = memberName(node);
        if (name !== null && MISSING_MEMBERS.includes(name) && !declared.has(name.split('.')[0]!)) report('missingBuiltin', node, `${name} (Espruino has no ${name})`);
        break;
      }
    }
  });
  return findings.sort((a, b) => a.line - b.line || a.column - b.column);
}

function checkFunction(fn: FunctionNode, report: (code: DialectCode, node: Node, what: string) => void, snippet: (node: Node) => string): void {
  const name = fn.id?.name;
  if (fn.generator) report('generator', fn, `a generator function (function*${name === undefined ? '' : ` ${name}`})`);
  if (fn.async) report('async', fn, `an async function (${name === undefined ? snippet(fn) : `async ${name}`})`);
  for (const p of fn.params) {
    if (p.type === 'RestElement') report('restParameter', p, `a rest parameter (${snippet(p)})`);
    if (p.type === 'AssignmentPattern') report('defaultParameter', p, `a default parameter (${snippet(p)})`);
  }
}

/**
 * Espruino creates a declared function when its statement runs, not when
 * the body is entered: a declaration after other statements may be called
 * before it exists. (The build moves them up; see hoist.ts.)
 */
function checkHoisting(body: readonly AnyNode[], report: (code: DialectCode, node: Node, what: string) => void): void {
  let seenOther = false;
  for (const s of body) {
    if (s.type === 'FunctionDeclaration') {
      if (seenOther) report('hoisting', s, `a function declared after other statements (function ${s.id?.name ?? ''}): it does not hoist, it exists once its statement has run`);
    } else if (s.type !== 'EmptyStatement' && !(s.type === 'ExpressionStatement' && 'directive' in s)) {
      seenOther = true;
    }
  }
}

/** `continue outer` or `break outer` inside a labelled statement's body, for the message. */
function labelUse(body: AnyNode, label: string): string | null {
  let found: string | null = null;
  visit(body, null, (n) => {
    if (found === null && (n.type === 'ContinueStatement' || n.type === 'BreakStatement') && n.label?.name === label) {
      found = `${n.type === 'ContinueStatement' ? 'continue' : 'break'} ${label}`;
    }
  });
  return found;
}

/** "Array.from" for `Array.from` and `Array["from"]`, else null. */
function memberName(node: Extract<AnyNode, { type: 'MemberExpression' }>): string | null {
  if (node.object.type !== 'Identifier') return null;
  const p = node.property;
  const key = !node.computed && p.type === 'Identifier' ? p.name : p.type === 'Literal' && typeof p.value === 'string' ? p.value : null;
  return key === null ? null : `${node.object.name}.${key}`;
}

/** An identifier that reads a variable (not a property key, a member name, a label or a declaration). */
function isReference(node: Node, parent: AnyNode | null): boolean {
  if (parent === null) return true;
  switch (parent.type) {
    case 'MemberExpression': return parent.object === node || parent.computed;
    case 'Property': return parent.value === node || parent.computed;
    case 'MethodDefinition':
    case 'PropertyDefinition': return parent.computed && parent.key === node;
    case 'LabeledStatement':
    case 'BreakStatement':
    case 'ContinueStatement': return false;
    default: return true;
  }
}

/** Every name bound anywhere in the program: a program that defines its own `Map` is not using the built-in. */
export function declaredNames(program: Program): Set<string> {
  const names = new Set<string>();
  const bind = (p: Pattern | null | undefined) => {
    if (p == null) return;
    if (p.type === 'Identifier') names.add(p.name);
    else if (p.type === 'ObjectPattern') p.properties.forEach((q) => bind(q.type === 'RestElement' ? q.argument : q.value));
    else if (p.type === 'ArrayPattern') p.elements.forEach((q) => bind(q));
    else if (p.type === 'RestElement') bind(p.argument);
    else if (p.type === 'AssignmentPattern') bind(p.left);
  };
  visit(program, null, (n) => {
    if (n.type === 'VariableDeclarator') bind(n.id);
    else if (n.type === 'FunctionDeclaration' || n.type === 'ClassDeclaration') bind(n.id);
    else if (n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression') n.params.forEach(bind);
    if (n.type === 'FunctionDeclaration') n.params.forEach(bind);
    if (n.type === 'CatchClause') bind(n.param);
  });
  return names;
}

/** Depth-first, parent before children, over every node. */
export function visit(node: AnyNode, parent: AnyNode | null, fn: (node: AnyNode, parent: AnyNode | null) => void): void {
  fn(node, parent);
  forEachChild(node, (c) => visit(c, node, fn));
}


function shorten(text: string): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length <= 40 ? one : one.slice(0, 37) + '...';
}
