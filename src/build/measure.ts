// The JsVars a built app.js holds once it has started, estimated by running
// its start-up on the host.
//
// What the program keeps after start-up is not visible in its text: the
// task table, the wakers, the timer queue, the rings and the board object are
// made by loops whose sizes come from the board. So the build runs app.js
// once in a node:vm context with stand-ins for Espruino's globals, having
// rewritten it to hand every object, array, typed array and function it
// creates to a hook that keeps a weak reference. After start-up (the
// synchronous run and the timers it set for "now"), a garbage collection
// leaves exactly what the program still reaches; each survivor is priced with
// Espruino's costs (jsvars.ts): objects and their properties, typed arrays and
// their bytes, every function instance with its own copy of its text, and
// once per enclosing function the scope its closures keep.
//
// What it does not see: strings the program builds and keeps outside a
// property, and objects made by built-ins (an array from `split`). Both are
// rare at start-up in a runtime that preallocates.

import v8 from 'node:v8';
import vm from 'node:vm';
import { parse } from 'acorn';
import type { AnyNode, Function as FunctionNode, Pattern } from 'acorn';
import MagicString from 'magic-string';
import type { Board } from '../boards/board.ts';
import { functionVars, nameVars, propertyVars, textVars } from './jsvars.ts';
import type { JsVarModel } from './jsvars.ts';
import { espruinoStubs } from './stubs.ts';
import { forEachChild } from '../audit/ast.ts';

// ES2021, present in Node 20; the repository's lib is ES2020.
declare class WeakRef<T extends object> {
  constructor(target: T);
  deref(): T | undefined;
}

export interface StartupState {
  /** JsVars of objects, arrays and typed arrays alive after start-up. */
  objects: number;
  /** JsVars of function instances alive after start-up: each with its text. */
  functions: number;
  /** JsVars of the scopes those functions keep. */
  scopes: number;
  /** JsVars Espruino's own tables spend on the watches, timers and listeners set up. */
  native: number;
  /** Function instances alive, and how many characters of code they hold in all. */
  functionCount: number;
  codeChars: number;
}

interface FunctionSite {
  node: FunctionNode;
  codeChars: number;
  params: number;
  depth: number;
  parent: number;
  /** Names bound in this function's own scope. */
  bindings: string[];
  /** Called where it is written (`(function () { ... })()`): gone once it returns. */
  invoked: boolean;
}

/** Runs `code`'s start-up and prices what it keeps. Throws when the start-up throws. */
export async function measureStartup(code: string, board: Board, m: JsVarModel): Promise<StartupState> {
  const sites: FunctionSite[] = [];
  const instrumented = instrument(code, sites);
  v8.setFlagsFromString('--expose-gc');
  const objects: WeakRef<object>[] = [];
  const functions: { ref: WeakRef<object>; site: number }[] = [];
  const stubs = espruinoStubs(board);
  const context = vm.createContext({
    ...stubs.globals,
    __fpO: (o: unknown) => (isObject(o) && objects.push(new WeakRef(o)), o),
    __fpF: (site: number, f: unknown) => (isObject(f) && functions.push({ ref: new WeakRef(f), site }), f),
    // A class: itself and each method, getter and setter, as Espruino makes a function of each.
    __fpC: (c: unknown, members: [number, string, boolean, string][]) => {
      if (typeof c !== 'function') return c;
      for (const [site, kind, isStatic, name] of members) {
        const d = kind === 'constructor' ? { value: c } : Object.getOwnPropertyDescriptor(isStatic ? c : (c as { prototype: object }).prototype, name);
        const f = d === undefined ? undefined : kind === 'get' ? d.get : kind === 'set' ? d.set : d.value;
        if (isObject(f)) functions.push({ ref: new WeakRef(f), site });
      }
      return c;
    },
  });
  vm.runInContext('this.global = this;', context);
  const stubNames = new Set(Object.keys(vm.runInContext('this', context) as object));
  vm.runInContext(instrumented, context, { filename: 'app.js', timeout: 5000 });
  stubs.runDueTimers();
  await new Promise((r) => setTimeout(r, 0)); // weak references hold their targets until the job ends
  (vm.runInContext('gc', context) as () => void)();

  const counted = new Set<object>();
  let objectVars = 0;
  const buffers = new Set<ArrayBufferLike>();
  const priceObject = (o: object): number => {
    if (counted.has(o)) return 0;
    counted.add(o);
    if (ArrayBuffer.isView(o)) {
      buffers.add(o.buffer);
      return 1;
    }
    return 1 + ownProperties(o, m);
  };
  for (const ref of objects) {
    const o = ref.deref();
    if (o !== undefined && typeof o === 'object') objectVars += priceObject(o);
  }
  for (const b of buffers) objectVars += 1 + textVars(m, b.byteLength);

  let functionVarsTotal = 0;
  let functionCount = 0;
  let codeChars = 0;
  const scopes = new Set<number>();
  for (const { ref, site } of functions) {
    const f = ref.deref() as (Function & { prototype?: object }) | undefined;
    if (f === undefined || counted.has(f)) continue;
    counted.add(f);
    const s = sites[site]!;
    // Called where written: gone on Espruino once it returns. (On the host its own `arguments`,
    // which the eval below keeps, still points at it.)
    if (s.invoked) continue;
    functionCount++;
    codeChars += s.codeChars;
    functionVarsTotal += functionVars(m, s.codeChars, s.params, s.depth) + ownProperties(f, m, FUNCTION_OWN);
    const proto = Object.prototype.hasOwnProperty.call(f, 'prototype') ? f.prototype : undefined;
    if (proto !== undefined && Object.getOwnPropertyNames(proto).some((k) => k !== 'constructor')) {
      functionVarsTotal += nameVars(m, 'prototype'.length) + priceObject(proto);
    }
    if (s.parent >= 0) scopes.add(s.parent);
  }
  let scopeVars = 0;
  for (const p of scopes) scopeVars += 1 + sites[p]!.bindings.reduce((n, b) => n + nameVars(m, b.length), 0);
  const global = vm.runInContext('this', context) as Record<string, unknown>;
  for (const k of Object.keys(global)) if (!stubNames.has(k)) objectVars += propertyVars(m, k, global[k]);
  return { objects: objectVars, functions: functionVarsTotal, scopes: scopeVars, native: stubs.nativeVars(), functionCount, codeChars };
}

/**
 * Without running anything: every function written, once, with its text and
 * its scope, except those called where they are written. Objects are not
 * counted. The fallback when the start-up cannot run on the host.
 */
export function staticStartup(code: string, m: JsVarModel): StartupState {
  const sites: FunctionSite[] = [];
  instrument(code, sites);
  const kept = sites.filter((s) => !s.invoked);
  const scopes = new Set(kept.map((s) => s.parent).filter((p) => p >= 0));
  let scopeVars = 0;
  for (const p of scopes) scopeVars += 1 + sites[p]!.bindings.reduce((n, b) => n + nameVars(m, b.length), 0);
  return {
    objects: 0,
    functions: kept.reduce((n, s) => n + functionVars(m, s.codeChars, s.params, s.depth), 0),
    scopes: scopeVars,
    native: 0,
    functionCount: kept.length,
    codeChars: kept.reduce((n, s) => n + s.codeChars, 0),
  };
}

/** Own properties a function object always has on the host and never costs on Espruino. */
const FUNCTION_OWN = new Set(['length', 'name', 'prototype', 'arguments', 'caller']);

function ownProperties(o: object, m: JsVarModel, skip?: Set<string>): number {
  let n = 0;
  for (const k of Object.getOwnPropertyNames(o)) {
    if (skip?.has(k) || (k === 'length' && Array.isArray(o))) continue;
    const d = Object.getOwnPropertyDescriptor(o, k)!;
    n += 'value' in d ? propertyVars(m, k, d.value) : nameVars(m, k.length) + 1; // an accessor: name and its get/set pair
  }
  return n;
}

/**
 * `code` with every object, array, `new` and function handed to the hooks;
 * `sites` gets one entry per function. Every edit is an insertion.
 */
function instrument(code: string, sites: FunctionSite[]): string {
  const program = parse(code, { ecmaVersion: 'latest', sourceType: 'script' });
  const out = new MagicString(code);
  const classes = new Map<AnyNode, [number, string, boolean, string][]>();
  // Minified code has `return{...}` and `return()=>...`: keep the keyword apart from the hook's name.
  const before = (at: number, hook: string) => out.prependRight(at, (/[\w$]/.test(code[at - 1] ?? '') ? ' ' : '') + hook);
  // `grand`: the class a method definition is in (its ClassBody's parent).
  const walk = (node: AnyNode, parent: AnyNode | null, fn: number, depth: number, grand: AnyNode | null): void => {
    let inner = fn;
    let innerDepth = depth;
    switch (node.type) {
      case 'ClassDeclaration':
      case 'ClassExpression': {
        // Its methods are sites (walked below); the class itself is one too, its code the constructor's when it has one.
        const members: [number, string, boolean, string][] = [];
        const ctor = node.body.body.find((m) => m.type === 'MethodDefinition' && m.kind === 'constructor');
        if (ctor === undefined) {
          members.push([sites.length, 'constructor', false, '']);
          sites.push({ node: node as unknown as FunctionNode, codeChars: 0, params: 0, depth, parent: fn, bindings: [], invoked: false });
        }
        classes.set(node, members);
        break;
      }
      case 'ObjectExpression':
      case 'ArrayExpression':
      case 'NewExpression':
        before(node.start, '__fpO(');
        out.appendLeft(node.end, ')');
        break;
      case 'FunctionExpression':
      case 'FunctionDeclaration':
      case 'ArrowFunctionExpression': {
        const id = sites.length;
        const body = node.body;
        const invoked = parent !== null && parent.type === 'CallExpression' && parent.callee === node;
        sites.push({ node, codeChars: body.end - body.start, params: node.params.length, depth, parent: fn, bindings: bindingsOf(node), invoked });
        const isMethod = parent !== null && (parent.type === 'MethodDefinition' || (parent.type === 'Property' && (parent.method || parent.kind !== 'init')));
        if (parent !== null && parent.type === 'MethodDefinition' && grand !== null) {
          const k = parent.key;
          classes.get(grand)?.push([id, parent.kind, parent.static, k.type === 'Identifier' ? k.name : k.type === 'Literal' ? String(k.value) : '']);
        }
        if (node.type === 'FunctionDeclaration') {
          // Hoisted: reported at the top of the function that declares it.
          const enclosing = fn >= 0 ? sites[fn]!.node.body : null;
          const at = enclosing !== null && enclosing.type === 'BlockStatement' ? enclosing.start + 1 : 0;
          out.appendLeft(at, `__fpF(${id},${node.id!.name});`);
        } else if (!isMethod) {
          before(node.start, `__fpF(${id},`);
          out.appendLeft(node.end, ')');
        }
        // Espruino keeps a closure's whole scope chain, every local in it; V8 keeps only what closures
        // name. A direct eval that never runs makes V8 keep them all, as Espruino does.
        if (depth >= 1 && body.type === 'BlockStatement') out.appendLeft(body.start + 1, '0&&eval("");');
        inner = id;
        innerDepth = depth + 1;
        break;
      }
    }
    const classOf = node.type === 'ClassBody' ? parent : node.type === 'MethodDefinition' ? grand : null;
    forEachChild(node, (c) => walk(c, node, inner, innerDepth, classOf));
  };
  walk(program, null, -1, 0, null);
  for (const [node, members] of classes) {
    const list = JSON.stringify(members);
    if (node.type === 'ClassExpression') {
      before(node.start, '__fpC(');
      out.appendLeft(node.end, `,${list})`);
    } else if (node.type === 'ClassDeclaration' && node.id !== null) {
      out.appendLeft(node.end, `;__fpC(${node.id.name},${list});`);
    }
  }
  return out.toString();
}

/** Parameters, `var`s and function declarations of `fn` itself (not of functions inside it). */
function bindingsOf(fn: FunctionNode): string[] {
  const names: string[] = [];
  const bind = (p: Pattern | null | undefined) => {
    if (p == null) return;
    if (p.type === 'Identifier') names.push(p.name);
    else if (p.type === 'AssignmentPattern') bind(p.left);
    else if (p.type === 'RestElement') bind(p.argument);
    else if (p.type === 'ArrayPattern') p.elements.forEach(bind);
    else if (p.type === 'ObjectPattern') p.properties.forEach((q) => bind(q.type === 'RestElement' ? q.argument : q.value));
  };
  fn.params.forEach(bind);
  const visit = (node: AnyNode) => {
    if (node.type === 'VariableDeclarator') bind(node.id);
    if (node.type === 'ClassDeclaration' && node.id !== null) bind(node.id);
    if (node.type === 'FunctionDeclaration') {
      bind(node.id);
      return;
    }
    if (node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression') return;
    forEachChild(node, visit);
  };
  visit(fn.body);
  return [...new Set(names)];
}

function isObject(v: unknown): v is object {
  return (typeof v === 'object' && v !== null) || typeof v === 'function';
}
