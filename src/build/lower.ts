// Stages 2 and 3 of the Espruino build: lower the bundle to what Espruino's
// interpreter reads, then minify it.
//
// Lowering is TypeScript's own emitter on the bundled JavaScript, target
// ES5: destructuring, spread, rest and default parameters, computed keys,
// optional chaining, `**`, template literals and classes become plain ES5
// (functions and prototypes, which Espruino runs as well as classes). Without
// `downlevelIteration`, `for...of` becomes an index loop and no helper reaches
// for `Symbol.iterator`; the helpers it can emit (`__extends`, `__assign`,
// `__spreadArray`, `__rest`, `__makeTemplateObject`) use only Object.create,
// Object.setPrototypeOf, Object.assign and Array.prototype.slice, all present
// on Espruino. What ES5 cannot express without `Symbol` (generators, async,
// `#private` through WeakMap) is refused by the dialect check on the bundle
// before lowering, where its line is still the author's.
//
// The lowered program is wrapped in one function, so the bundle and
// TypeScript's helpers are locals, not Espruino globals; one wrapper, not two
// (esbuild bundles as ESM for that): while a function runs, Espruino holds a
// copy of its text. Minifying is esbuild at target es5: it renames the locals
// short (never to a global the code reads, so `E`, `LED1` or `Serial1` stay
// reachable) and drops whitespace.

import { transform } from 'esbuild';
import ts from 'typescript';
import type { RawSourceMap } from './source-map.ts';

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
