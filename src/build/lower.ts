// Stages 2 and 3 of the Espruino build: lower the bundle to what Espruino's
// interpreter reads, then minify it.
//
// Espruino runs classes, getters, arrow functions, let/const and template
// literals as they are, so lowering keeps them (lowerForEspruino): esbuild at
// target es2015 lowers `?.`, `??`, `**` and object spread/rest, and a small
// transform here turns default parameters into a test at the top of the body.
// Keeping classes saves TypeScript's ES5 wrappers (a function per method,
// `__extends`, a scope per class) in bytes and in JsVars.
//
// What es2015 still carries and Espruino refuses (destructuring, array
// spread, rest parameters, computed keys) sends the whole bundle down the old
// path instead, TypeScript's own emitter at target ES5 (lowerToEs5):
// destructuring, spread, rest and default parameters, computed keys, optional
// chaining, `**`, template literals and classes become plain ES5 (functions
// and prototypes). Without `downlevelIteration`, `for...of` becomes an index
// loop and no helper reaches for `Symbol.iterator`; the helpers it can emit
// (`__extends`, `__assign`, `__spreadArray`, `__rest`,
// `__makeTemplateObject`) use only Object.create, Object.setPrototypeOf,
// Object.assign and Array.prototype.slice, all present on Espruino. What
// neither path can express without `Symbol` (generators, async, `#private`
// through WeakMap) is refused by the dialect check on the bundle before
// lowering, where its line is still the author's; the check on app.js judges
// whatever either path produced.
//
// The lowered program is wrapped in one function, so the bundle and any
// helpers are locals, not Espruino globals; one wrapper, not two (esbuild
// bundles as ESM for that): while a function runs, Espruino holds a copy of
// its text. Minifying is esbuild at the lowering's target: it renames the
// locals short (never to a global the code reads, so `E`, `LED1` or
// `Serial1` stay reachable) and drops whitespace.

import { parse } from 'acorn';
import type { AnyNode } from 'acorn';
import { transform } from 'esbuild';
import MagicString from 'magic-string';
import ts from 'typescript';
import { checkDialect } from './dialect.ts';
import type { DialectCode } from './dialect.ts';
import { lowerErrorBases } from './error-bases.ts';
import type { RawSourceMap } from './source-map.ts';
import { forEachChild } from '../audit/ast.ts';

export interface Stage {
  code: string;
  /** From `code` to the stage's input. */
  map: RawSourceMap;
}

/** TypeScript's ES5 emit of `code`, a script named `fileName` in the map. */
export function lowerToEs5(code: string, fileName = 'bundle.js'): Stage {
  const out = ts.transpileModule(code, {
    fileName,
    reportDiagnostics: false,
    compilerOptions: {
      target: ts.ScriptTarget.ES5,
      module: ts.ModuleKind.None,
      allowJs: true,
      sourceMap: true,
      inlineSources: false,
      removeComments: true,
      downlevelIteration: false,
      importHelpers: false,
      noEmitHelpers: false,
      alwaysStrict: false,
      // Fields become assignments in the constructor: cheaper than defineProperty per field.
      useDefineForClassFields: false,
    },
  });
  if (out.sourceMapText === undefined) throw new Error('lowerToEs5: TypeScript gave no source map');
  const map = JSON.parse(out.sourceMapText) as RawSourceMap;
  // One function around everything, TypeScript's helpers included, on lines
  // of its own: the map only gains an empty first line.
  const wrapped = `(function () {\n${stripMapComment(out.outputText).replace(/\n$/, '')}\n})();\n`;
  return { code: wrapped, map: { ...map, mappings: ';' + map.mappings } };
}

/** esbuild's minifier at target es5. */
export async function minifyEs5(code: string, fileName = 'lowered.js'): Promise<Stage> {
  const out = await transform(code, {
    loader: 'js',
    sourcefile: fileName,
    minify: true,
    target: 'es5',
    legalComments: 'none',
    charset: 'utf8',
    sourcemap: 'external',
  });
  return { code: out.code.replace(/\n$/, ''), map: JSON.parse(out.map) as RawSourceMap };
}

function stripMapComment(code: string): string {
  return code.replace(/\n?\/\/# sourceMappingURL=\S*\s*$/, '\n');
}

/** Which lowering a build used: classes kept (Espruino runs them), or all of it to ES5. */
export type Lowering = 'es2015' | 'es5';

export interface Lowered {
  code: string;
  /** From `code` back to the bundle, stage by stage, first stage first. */
  maps: RawSourceMap[];
  lowering: Lowering;
}

/** What esbuild at es2015 leaves that Espruino refuses, and this stage lowers or hands to the ES5 path. */
const LEFT_AT_ES2015: ReadonlySet<DialectCode> = new Set(['objectDestructuring', 'arrayDestructuring', 'spread', 'restParameter', 'defaultParameter', 'computedKey', 'optionalChaining', 'exponent']);

/**
 * Lowers the bundle to what Espruino reads, keeping what it runs natively:
 * classes, getters, arrow functions, let/const, template literals. First a
 * class extending Error gets a function base (error-bases.ts). esbuild
 * at target es2015 lowers `?.`, `**` and object spread/rest; default
 * parameters become `if (x === void 0) x = v;` at the top of the body (this
 * stage's own small transform). Whatever is still left (destructuring, array
 * spread, rest parameters, computed keys) sends the whole bundle down
 * TypeScript's ES5 path instead (lowerToEs5): bigger, classes as functions,
 * but as safe as before.
 */
export async function lowerForEspruino(bundle: string, fileName = 'bundle.js'): Promise<Lowered> {
  const bases = lowerErrorBases(bundle, fileName);
  const code = bases.code;
  const es2015 = await transform(code, { loader: 'js', sourcefile: 'bases.js', target: 'es2015', format: 'esm', minifySyntax: true, legalComments: 'none', charset: 'utf8', sourcemap: 'external' });
  const defaults = lowerDefaultParameters(es2015.code.replace(/\n$/, ''), 'es2015.js');
  const left = checkDialect(defaults.code).filter((f) => LEFT_AT_ES2015.has(f.code));
  if (left.length === 0) {
    const wrapped = `(function () {\n${defaults.code.replace(/\n$/, '')}\n})();\n`;
    return { code: wrapped, maps: [bases.map, JSON.parse(es2015.map) as RawSourceMap, { ...defaults.map, mappings: ';' + defaults.map.mappings }], lowering: 'es2015' };
  }
  const es5 = lowerToEs5(code, 'bases.js');
  return { code: es5.code, maps: [bases.map, es5.map], lowering: 'es5' };
}

/** esbuild's minifier at the lowering's target (es2015 keeps classes as they are). */
export async function minifyFor(code: string, lowering: Lowering, fileName = 'lowered.js'): Promise<Stage> {
  if (lowering === 'es5') return minifyEs5(code, fileName);
  const out = await transform(code, {
    loader: 'js',
    sourcefile: fileName,
    minify: true,
    target: 'es2015',
    legalComments: 'none',
    charset: 'utf8',
    sourcemap: 'external',
  });
  return { code: out.code.replace(/\n$/, ''), map: JSON.parse(out.map) as RawSourceMap };
}

/**
 * Every top-level default parameter `x = v` becomes `x` and, first thing in
 * the body, `if (x === void 0) x = v;` (an arrow's expression body becomes a
 * block that returns it). A default inside a destructuring pattern is left
 * for the ES5 path.
 */
export function lowerDefaultParameters(code: string, fileName: string): Stage {
  const program = parse(code, { ecmaVersion: 'latest', sourceType: 'module', preserveParens: true });
  const out = new MagicString(code);
  const visit = (node: AnyNode): void => {
    if (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression') {
      let inits = '';
      for (const p of node.params) {
        if (p.type !== 'AssignmentPattern' || p.left.type !== 'Identifier') continue;
        const name = p.left.name;
        inits += `if (${name} === void 0) ${name} = ${code.slice(p.right.start, p.right.end)};`;
        out.remove(p.left.end, p.end);
      }
      if (inits !== '') {
        const body = node.body;
        if (body.type === 'BlockStatement') out.appendLeft(body.start + 1, inits);
        else {
          out.prependRight(body.start, `{${inits}return `);
          out.appendLeft(body.end, ';}');
        }
      }
    }
    forEachChild(node, visit);
  };
  visit(program);
  const map = out.generateMap({ source: fileName, hires: true, includeContent: false });
  return { code: out.toString(), map: JSON.parse(map.toString()) as RawSourceMap };
}
