// Stage 4 of the Espruino build: function declarations moved to the top of
// their function, because Espruino does not hoist them.
//
// JavaScript creates every function declared in a body when the body is
// entered, so code may call a function declared below it. Espruino creates
// it when its statement runs (jsparse.c, jspeStatementFunctionDecl; only the
// Linux build re-parses whole files to fake hoisting). TypeScript's ES5
// classes depend on hoisting (`__extends(X, _super); function X() {...}`),
// so unmoved they fail on the chip with "Can't extend undefined". Moving each
// declaration to the start of its body (after any directives), in order, is
// what hoisting means, so nothing else changes. The dialect check then
// verifies that no declaration follows another statement.

import { parse } from 'acorn';
import type { AnyNode, Statement } from 'acorn';
import MagicString from 'magic-string';
import type { RawSourceMap } from './source-map.ts';
import { forEachChild } from '../audit/ast.ts';

export interface Hoisted {
  code: string;
  /** From `code` to the input (`fileName`). */
  map: RawSourceMap;
  /** How many declarations moved. */
  moved: number;
}

export function hoistFunctionDeclarations(code: string, fileName = 'minified.js'): Hoisted {
  const program = parse(code, { ecmaVersion: 'latest', sourceType: 'script', allowHashBang: true });
  const out = new MagicString(code);
  let moved = 0;
  const visitBody = (body: readonly Statement[] | readonly AnyNode[]) => {
    const statements = body as readonly AnyNode[];
    let start = 0;
    while (start < statements.length && isDirective(statements[start]!)) start++;
    let firstOther = -1;
    for (let i = start; i < statements.length; i++) {
      const s = statements[i]!;
      if (s.type !== 'FunctionDeclaration') {
        if (firstOther < 0) firstOther = i;
      } else if (firstOther >= 0) {
        out.move(s.start, s.end, statements[firstOther]!.start);
        out.prependRight(s.end, ';'); // an empty statement stays where it was: no ASI surprise between its neighbours
        moved++;
      }
    }
  };
  const walk = (node: AnyNode): void => {
    if (node.type === 'Program') visitBody(node.body);
    if ((node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression') && node.body.type === 'BlockStatement') {
      visitBody(node.body.body);
    }
    forEachChild(node, walk);
  };
  walk(program);
  if (moved === 0) return { code, map: identityMap(code, fileName), moved };
  const map = out.generateMap({ source: fileName, hires: true, includeContent: false });
  return { code: out.toString(), map: JSON.parse(map.toString()) as RawSourceMap, moved };
}

function isDirective(s: AnyNode): boolean {
  return s.type === 'ExpressionStatement' && 'directive' in s && typeof s.directive === 'string';
}

function identityMap(code: string, fileName: string): RawSourceMap {
  const map = new MagicString(code).generateMap({ source: fileName, hires: true, includeContent: false });
  return JSON.parse(map.toString()) as RawSourceMap;
}
