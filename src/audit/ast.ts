// Questions the instrumenter asks about an acorn (ESTree) tree: which
// children a node has, whether an identifier is a real reference, which name
// the engine would infer for an anonymous function, and where a wrapping
// call would change how the surrounding code parses.

import type { AnyNode, CallExpression, Identifier, Pattern } from 'acorn';
import { ALLOCATING_GLOBALS, ALLOCATING_METHODS } from './sites.ts';

/** Calls `visit` on each child node, in source order. */
export function forEachChild(node: AnyNode, visit: (child: AnyNode) => void): void {
  const fields = node as unknown as Record<string, unknown>;
  for (const key in fields) {
    if (key === 'loc' || key === 'range') continue;
    const value = fields[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) visit(item);
    } else if (isNode(value)) {
      visit(value);
    }
  }
}

function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** True when `id` reads a binding (not a property name, key or label). */
export function isReference(id: Identifier, parent: AnyNode | undefined): boolean {
  if (parent === undefined) return true;
  switch (parent.type) {
    case 'MemberExpression':
      return parent.object === id || parent.computed;
    case 'Property':
    case 'MethodDefinition':
    case 'PropertyDefinition':
      return parent.key !== id || parent.computed;
    case 'LabeledStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
    case 'MetaProperty':
      return false;
    default:
      return true;
  }
}

/** A method, getter or setter: its function is created with the object or class, not on its own. */
export function isMethodValue(fn: AnyNode, parent: AnyNode | undefined): boolean {
  if (parent === undefined) return false;
  if (parent.type === 'MethodDefinition') return true;
  return parent.type === 'Property' && parent.value === fn && (parent.method || parent.kind !== 'init');
}

/**
 * The name an anonymous function gets from where it stands (`const f = () => 1`
 * names it "f"). Wrapping the function in a call loses that, so the hook
 * restores it.
 */
export function inferredName(fn: AnyNode, parent: AnyNode | undefined): string | undefined {
  if (parent === undefined) return undefined;
  if (fn.type === 'FunctionExpression' && fn.id) return undefined;
  switch (parent.type) {
    case 'VariableDeclarator':
      return parent.init === fn && parent.id.type === 'Identifier' ? parent.id.name : undefined;
    case 'AssignmentExpression': {
      const naming = parent.operator === '=' || parent.operator === '||=' || parent.operator === '&&=' || parent.operator === '??=';
      return naming && parent.right === fn && parent.left.type === 'Identifier' ? parent.left.name : undefined;
    }
    case 'AssignmentPattern':
      return parent.right === fn && parent.left.type === 'Identifier' ? parent.left.name : undefined;
    case 'Property':
      if (parent.value !== fn || parent.kind !== 'init' || parent.shorthand) return undefined;
      return keyName(parent.key, parent.computed, false);
    case 'PropertyDefinition':
      return parent.value === fn ? keyName(parent.key, parent.computed, true) : undefined;
    case 'ExportDefaultDeclaration':
      return 'default';
    default:
      return undefined;
  }
}

/** A computed key names the function too, but only a literal one is known before running. */
function keyName(key: AnyNode, computed: boolean, inClass: boolean): string | undefined {
  // `{ __proto__: f }` sets the prototype and names nothing; `{ ["__proto__"]: f }` is an ordinary key.
  if (key.type === 'Identifier' && !computed) return !inClass && key.name === '__proto__' ? undefined : key.name;
  if (key.type === 'PrivateIdentifier') return `#${key.name}`;
  if (key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number')) {
    const name = String(key.value);
    return !inClass && !computed && name === '__proto__' ? undefined : name;
  }
  return undefined;
}

/** True when a `?.` link sits on the member/call spine below `node`. */
export function hasOptionalLink(node: AnyNode): boolean {
  let cur: AnyNode = node;
  for (;;) {
    if (cur.type === 'MemberExpression') {
      if (cur.optional) return true;
      cur = cur.object;
    } else if (cur.type === 'CallExpression') {
      if (cur.optional) return true;
      cur = cur.callee;
    } else {
      return false;
    }
  }
}

/** True when `parent` goes on reading the chain that `node` starts (`node.x`, `node()`). */
export function continuesChain(node: AnyNode, parent: AnyNode | undefined): boolean {
  if (parent === undefined) return false;
  return (parent.type === 'MemberExpression' && parent.object === node) || (parent.type === 'CallExpression' && parent.callee === node);
}

/**
 * True when `node` (whose ancestors are `path`) stands in the callee of a
 * `new` without parentheses: `new [].constructor()`. A call put there would be
 * taken as the constructor, so the wrapper needs its own parentheses.
 */
export function inNewCallee(node: AnyNode, path: readonly AnyNode[]): boolean {
  let child = node;
  for (let i = path.length - 1; i >= 0; i--) {
    const p = path[i]!;
    if (p.type === 'MemberExpression' && p.object === child) child = p;
    else if (p.type === 'TaggedTemplateExpression' && p.tag === child) child = p;
    else return p.type === 'NewExpression' && p.callee === child;
  }
  return false;
}

/** The allocating method or global a call names, if any (`xs.slice()`, `String(x)`, `xs.slice.call(a)`). */
export function allocatingCallName(call: CallExpression): string | undefined {
  const callee = call.callee;
  if (callee.type === 'Identifier') return ALLOCATING_GLOBALS.has(callee.name) ? callee.name : undefined;
  const name = memberName(callee);
  if (name === undefined) return undefined;
  if (ALLOCATING_METHODS.has(name)) return name;
  if ((name === 'call' || name === 'apply') && callee.type === 'MemberExpression') {
    const inner = memberName(callee.object);
    if (inner !== undefined && ALLOCATING_METHODS.has(inner)) return inner;
  }
  return undefined;
}

function memberName(node: AnyNode): string | undefined {
  if (node.type !== 'MemberExpression') return undefined;
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  if (node.computed && node.property.type === 'Literal' && typeof node.property.value === 'string') return node.property.value;
  return undefined;
}

/** The parts of a binding pattern that allocate: array patterns (an iterator) and rest elements. */
export function patternAllocations(pattern: Pattern, out: Pattern[] = []): Pattern[] {
  switch (pattern.type) {
    case 'ArrayPattern':
      out.push(pattern);
      for (const element of pattern.elements) if (element) patternAllocations(element, out);
      break;
    case 'ObjectPattern':
      for (const prop of pattern.properties) patternAllocations(prop.type === 'RestElement' ? prop : prop.value, out);
      break;
    case 'RestElement':
      out.push(pattern);
      patternAllocations(pattern.argument, out);
      break;
    case 'AssignmentPattern':
      patternAllocations(pattern.left, out);
      break;
    default:
      break;
  }
  return out;
}

/**
 * True for a statement that ended by automatic semicolon insertion before a
 * line that starts with one of ( [ ` + - / . A wrapper's closing `)` could let
 * that line continue the statement where the original could not
 * (`f = () => {}` then `(g)()`), so the semicolon gets written out. Made
 * first (pre-order), the `;` lands after every wrapper closing in the statement.
 */
export function endsByAsi(code: string, node: AnyNode, parent: AnyNode | undefined): boolean {
  switch (node.type) {
    case 'ExpressionStatement':
    case 'ReturnStatement':
    case 'ThrowStatement':
      break;
    case 'ExportDefaultDeclaration':
      if (node.declaration.type === 'FunctionDeclaration' || node.declaration.type === 'ClassDeclaration') return false;
      break;
    case 'VariableDeclaration':
      if (parent?.type === 'ForStatement' || parent?.type === 'ForInStatement' || parent?.type === 'ForOfStatement') return false;
      break;
    default:
      return false;
  }
  if (code[node.end - 1] === ';') return false;
  const next = nextToken(code, node.end);
  return next.afterNewline && next.char !== '' && '([`+-/.'.includes(next.char);
}

const NEWLINE = /[\n\r\u2028\u2029]/;

/** The first character of the next token after `from`, skipping blanks and comments. */
function nextToken(code: string, from: number): { char: string; afterNewline: boolean } {
  let afterNewline = false;
  let i = from;
  while (i < code.length) {
    const ch = code[i]!;
    if (ch === '/' && code[i + 1] === '/') {
      const newline = code.slice(i).search(NEWLINE); // the newline itself is read next round
      i = newline < 0 ? code.length : i + newline;
    } else if (ch === '/' && code[i + 1] === '*') {
      const close = code.indexOf('*/', i + 2);
      const end = close < 0 ? code.length : close + 2;
      if (NEWLINE.test(code.slice(i, end))) afterNewline = true;
      i = end;
    } else if (NEWLINE.test(ch)) {
      afterNewline = true;
      i++;
    } else if (/\s/.test(ch)) {
      i++;
    } else {
      return { char: ch, afterNewline };
    }
  }
  return { char: '', afterNewline };
}

/** The first ~60 characters of a node's text, whitespace collapsed. */
export function snippetOf(code: string, node: AnyNode): string {
  const text = code.slice(node.start, Math.min(node.end, node.start + 200)).replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
