// The allocation audit's rewriter. It turns any JavaScript file into one that
// reports every object, array, closure and string it creates to a global hook,
// so a test can prove the runtime's steady state allocates nothing.
//
// Every edit is an insertion: an expression `e` becomes `__fpAlloc(id, e)`,
// which returns `e`; a count that belongs to a function or block entry becomes
// a statement `__fpAlloc(id);` at its top. Code between insertions is left
// byte for byte, so positions in the input (and its source map) stay valid.
// Insertions are made parent before child: magic-string then nests them.

import { parse } from 'acorn';
import type {
  AnonymousFunctionDeclaration, AnyNode, ArrowFunctionExpression, CallExpression, FunctionDeclaration, FunctionExpression, Pattern, Program,
} from 'acorn';
import MagicString from 'magic-string';
import {
  allocatingCallName, continuesChain, endsByAsi, forEachChild, hasOptionalLink, inferredName, inNewCallee,
  isMethodValue, isReference, patternAllocations, snippetOf,
} from './ast.ts';
import { ALLOC_HOOK, STRING_HOOK } from './sites.ts';
import type { AllocKind, AllocSite } from './sites.ts';
import { resolveSites } from './source-map.ts';
import type { SourceMapLike } from './source-map.ts';

export { ALLOC_HOOK, STRING_HOOK } from './sites.ts';
export type { AllocKind, AllocSite } from './sites.ts';

export interface InstrumentOptions {
  /** Shown in parse errors and reports. */
  filename?: string;
  /** Source map of the input; each site then gets `source`. */
  map?: SourceMapLike;
  /** Default: try a script, then a module. */
  sourceType?: 'script' | 'module';
}

export interface Instrumented {
  code: string;
  sites: AllocSite[];
}

export function instrumentAllocations(code: string, options: InstrumentOptions = {}): Instrumented {
  const program = parseEither(code, options);
  const rewriter = new Rewriter(code);
  rewriter.visit(program);
  rewriter.flushEntries();
  if (options.map !== undefined) resolveSites(rewriter.sites, options.map);
  return { code: rewriter.out.toString(), sites: rewriter.sites };
}

function parseEither(code: string, options: InstrumentOptions): Program {
  const base = { ecmaVersion: 'latest', locations: true, allowHashBang: true } as const;
  if (options.sourceType !== undefined) return parse(code, { ...base, sourceType: options.sourceType });
  try {
    return parse(code, { ...base, sourceType: 'script' });
  } catch (scriptError) {
    try {
      return parse(code, { ...base, sourceType: 'module' });
    } catch {
      const where = options.filename ?? '<input>';
      throw new SyntaxError(`${where}: ${(scriptError as Error).message}`);
    }
  }
}

type FunctionNode = FunctionDeclaration | AnonymousFunctionDeclaration | FunctionExpression | ArrowFunctionExpression;
type Container = AnyNode; // Program, BlockStatement or StaticBlock: a statement list with an entry

class Rewriter {
  readonly sites: AllocSite[] = [];
  readonly out: MagicString;
  private readonly path: AnyNode[] = [];
  /** Counts to make when a statement list is entered, flushed at the end. */
  private readonly entries = new Map<Container, number[]>();
  /** Function-level statement lists (Program, function bodies): home of hoisted declarations. */
  private readonly scopes: Container[] = [];
  /** Non-arrow functions, innermost last: owners of `arguments`. */
  private readonly functions: Array<Exclude<FunctionNode, ArrowFunctionExpression>> = [];
  private readonly argumentsRef = new Map<AnyNode, AnyNode>();

  constructor(private readonly code: string) {
    this.out = new MagicString(code);
  }

  visit(node: AnyNode): void {
    this.enter(node, this.path[this.path.length - 1]);
    const isFunction = node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression';
    const hasScope = node.type === 'Program' || ((isFunction || node.type === 'ArrowFunctionExpression') && node.body.type === 'BlockStatement');
    if (isFunction) this.functions.push(node);
    if (hasScope) this.scopes.push(node.type === 'Program' ? node : (node.body as AnyNode));
    this.path.push(node);
    forEachChild(node, (child) => this.visit(child));
    this.path.pop();
    if (hasScope) this.scopes.pop();
    if (isFunction) {
      this.functions.pop();
      const ref = this.argumentsRef.get(node);
      if (ref !== undefined) this.entry(node.body, [this.site('arguments', ref)]);
    }
  }

  private enter(node: AnyNode, parent: AnyNode | undefined): void {
    if (endsByAsi(this.code, node, parent)) this.out.prependLeft(node.end, ';');
    switch (node.type) {
      case 'ObjectExpression': return this.wrap(node, [this.site('object', node)]);
      case 'ArrayExpression': return this.wrap(node, [this.site('array', node)]);
      case 'NewExpression': return this.wrap(node, [this.site('new', node)]);
      case 'Literal': if (node.regex) this.wrap(node, [this.site('regexp', node)]); return;
      case 'TaggedTemplateExpression': return this.wrap(node, [this.site('tagged-template', node)]);
      case 'TemplateLiteral':
        if (node.expressions.length > 0 && parent?.type !== 'TaggedTemplateExpression') this.wrap(node, [this.site('template', node)]);
        return;
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        if (!isMethodValue(node, parent)) {
          const kind = node.type === 'FunctionExpression' ? 'function' : 'arrow';
          this.wrap(node, [this.site(kind, node, inferredName(node, parent))]);
        }
        return this.functionEntry(node, isMethodValue(node, parent) ? parent! : node);
      case 'FunctionDeclaration':
        this.entry(this.declarationHome(parent), [this.site('closure', node)]);
        return this.functionEntry(node, node);
      case 'ClassDeclaration':
      case 'ClassExpression':
        // A static block runs exactly when the class is evaluated and keeps name inference intact.
        this.out.appendLeft(node.body.start + 1, `static{${ALLOC_HOOK}(${this.site('class', node)});}`);
        return;
      case 'BinaryExpression':
        if (node.operator === '+') this.wrap(node, [this.site('string', node)], STRING_HOOK);
        return;
      case 'AssignmentExpression':
        if (node.operator === '+=') this.wrap(node, [this.site('string', node)], STRING_HOOK);
        else if (node.operator === '=') this.wrap(node.right, this.patternSites(node.left), ALLOC_HOOK, node);
        return;
      case 'VariableDeclarator':
        if (node.init) this.wrap(node.init, this.patternSites(node.id), ALLOC_HOOK, node);
        return;
      case 'CallExpression': return this.call(node, parent);
      case 'SpreadElement': return this.wrap(node.argument, [this.site('spread', node)], ALLOC_HOOK, node);
      case 'AwaitExpression': return this.wrap(node.argument, [this.site('await', node)], ALLOC_HOOK, node);
      case 'YieldExpression': {
        const id = this.site('yield', node);
        if (node.argument) this.wrap(node.argument, [id], ALLOC_HOOK, node);
        else this.out.prependLeft(node.end, ` ${ALLOC_HOOK}(${id})`);
        return;
      }
      case 'ForOfStatement':
      case 'ForInStatement': {
        this.wrap(node.right, [this.site(node.type === 'ForOfStatement' ? 'for-of' : 'for-in', node)], ALLOC_HOOK, node);
        const left = node.left.type === 'VariableDeclaration' ? node.left.declarations[0]!.id : node.left;
        return this.statementEntry(node.body, this.patternSites(left));
      }
      case 'CatchClause':
        if (node.param) this.entry(node.body, this.patternSites(node.param));
        return;
      case 'Identifier': {
        const owner = this.functions[this.functions.length - 1];
        if (node.name === 'arguments' && owner && !this.argumentsRef.has(owner) && isReference(node, parent)) this.argumentsRef.set(owner, node);
        return;
      }
      default:
        return;
    }
  }

  /** A call that returns a fresh value by nature. Inside `a?.b.slice()` the wrapper must not cut the chain. */
  private call(node: CallExpression, parent: AnyNode | undefined): void {
    if (allocatingCallName(node) === undefined) return;
    const id = this.site('call', node);
    if (!hasOptionalLink(node)) return this.wrap(node, [id]);
    const last = node.arguments[node.arguments.length - 1];
    // Arguments are evaluated only when the call happens, so they count exactly.
    if (last !== undefined) return this.wrap(last.type === 'SpreadElement' ? last.argument : last, [id], ALLOC_HOOK, last.type === 'SpreadElement' ? last : node);
    if (!continuesChain(node, parent)) return this.wrap(node, [id]);
    // `a?.keys().next`: count at the whole chain, even when it short-circuits.
    for (let i = this.path.length - 1; i >= 0; i--) {
      const chain = this.path[i]!;
      if (chain.type === 'ChainExpression') return this.wrapAt(chain, i, [id], ALLOC_HOOK);
    }
  }

  /** Async and generator calls, rest parameters and destructured parameters count at body entry. */
  private functionEntry(fn: FunctionNode, at: AnyNode): void {
    const ids: number[] = [];
    if (fn.generator) ids.push(this.site('generator', at));
    else if (fn.async) ids.push(this.site('async', at));
    for (const param of fn.params) ids.push(...this.patternSites(param));
    if (fn.body.type === 'BlockStatement') return this.entry(fn.body, ids);
    if (ids.length === 0) return;
    // Arrow with an expression body: `x => (__fpAlloc(1), body)`, made before the body's own wraps.
    this.out.appendRight(fn.body.start, `(${ids.map((id) => `${ALLOC_HOOK}(${id}), `).join('')}`);
    this.out.prependLeft(fn.body.end, ')');
  }

  private statementEntry(body: AnyNode, ids: number[]): void {
    if (ids.length === 0) return;
    if (body.type === 'BlockStatement') return this.entry(body, ids);
    this.out.appendRight(body.start, `{${ids.map((id) => `${ALLOC_HOOK}(${id});`).join('')}`);
    this.out.prependLeft(body.end, '}');
  }

  /** Where a nested function declaration's closure is created: its block, else its function. */
  private declarationHome(parent: AnyNode | undefined): Container {
    if (parent?.type === 'Program' || parent?.type === 'BlockStatement' || parent?.type === 'StaticBlock') return parent;
    if (parent?.type === 'ExportNamedDeclaration' || parent?.type === 'ExportDefaultDeclaration') return this.path[0]!;
    return this.scopes[this.scopes.length - 1]!;
  }

  private patternSites(pattern: Pattern): number[] {
    return patternAllocations(pattern).map((p) => this.site(p.type === 'RestElement' ? 'rest' : 'destructure', p));
  }

  private entry(container: Container, ids: number[]): void {
    if (ids.length === 0) return;
    const list = this.entries.get(container);
    if (list === undefined) this.entries.set(container, [...ids]);
    else list.push(...ids);
  }

  /** Wraps `node`, a child of the current node (or of `owner`, itself the current node). */
  private wrap(node: AnyNode, ids: number[], hook: string = ALLOC_HOOK, owner?: AnyNode): void {
    if (ids.length === 0) return;
    if (owner === undefined) return this.wrapAt(node, this.path.length, ids, hook);
    this.path.push(owner);
    this.wrapAt(node, this.path.length, ids, hook);
    this.path.pop();
  }

  /** `path[0..depth)` are the ancestors of `node`. */
  private wrapAt(node: AnyNode, depth: number, ids: number[], hook: string): void {
    const parens = inNewCallee(node, this.path.slice(0, depth));
    const opener = ids.map((id) => `${hook}(${id}, `).join('');
    // Minified code has `return{...}`: keep the keyword apart from the hook's name.
    const space = /[\w$]/.test(this.code[node.start - 1] ?? '') ? ' ' : '';
    this.out.appendRight(node.start, space + (parens ? `(${opener}` : opener));
    this.out.prependLeft(node.end, ')'.repeat(ids.length) + (parens ? ')' : ''));
  }

  private site(kind: AllocKind, node: AnyNode, name?: string): number {
    const id = this.sites.length;
    const start = node.loc!.start;
    const site: AllocSite = { id, kind, line: start.line, column: start.column + 1, snippet: snippetOf(this.code, node) };
    if (name !== undefined) site.name = name;
    this.sites.push(site);
    return id;
  }

  /** Entry counts go after the directive prologue, so `"use strict"` keeps its meaning. */
  flushEntries(): void {
    for (const [container, ids] of this.entries) {
      const calls = ids.map((id) => `${ALLOC_HOOK}(${id});`).join('');
      const body = (container as { body: AnyNode[] }).body;
      let lastDirective: AnyNode | undefined;
      for (const stmt of body) {
        if (stmt.type === 'ExpressionStatement' && stmt.directive !== undefined) lastDirective = stmt;
        else break;
      }
      if (lastDirective !== undefined) this.out.appendLeft(lastDirective.end, `;${calls}`);
      else if (container.type === 'Program') this.out.appendLeft(body[0]?.start ?? container.end, calls);
      else if (container.type === 'StaticBlock') this.out.appendLeft(this.code.indexOf('{', container.start) + 1, calls);
      else this.out.appendLeft(container.start + 1, calls);
    }
  }
}
