// Classes without their `name` in the Lua build, when nothing can read it.
//
// TSTL gives every class table its name (`Executor.name = "Executor"`, for
// JavaScript's `Executor.name`): an instruction and a string constant per
// class in the main chunk. Only a read of `name` on a class table sees it:
// an instance's `name` (an Error's, set by its constructor; a JoinHandle's)
// comes from the instance, never from the class (an instance's metatable is
// the prototype, whose chain holds prototypes, not classes). So the lines go
// when every `.name` read in the chunk is on an instance, as Lua's scoping
// (lua-scope.ts) shows it: `self` in a prototype method (or lualib's Error
// `describe`, its `__tostring`), or a local made by `__TS__New` and never
// assigned again. Any other read (a parameter's, `x.constructor.name`, a
// "name" string that could index a class) keeps them all.

import { analyse } from './lua-scope.ts';
import type { Analysis, Decl } from './lua-scope.ts';

const NAME_LINE = /^(\w+)\.name = "\1"\n/gm;
/** The line of a function whose `self` is an instance. */
const METHOD = /^\s*(?:function \w+\.prototype\.\w+\(|\w+\.prototype\.\w+ = function\(|local function describe\(self\)$)/;

/** The flattened chunk without its classes' `C.name = "C"` lines, when nothing can read them (see above). */
export function dropClassNames(code: string): string {
  const classes = [...code.matchAll(NAME_LINE)].filter(([, c]) => new RegExp(`^(?:local )?${c} = __TS__Class\\(\\)$`, 'm').test(code));
  if (classes.length === 0) return code;
  const a = analyse(code);
  const { tokens, refs } = a;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'string' && /^["']name["']$/.test(t.text)) return code;
    if (t.text !== 'name' || tokens[i - 1]?.text !== '.' || tokens[i + 1]?.text === '=') continue;
    const object = refs.get(i - 2);
    if (object === undefined || object === null || !isInstance(a, code, object)) return code;
  }
  const drop = new Set(classes.map((m) => m.index!));
  return code.replace(NAME_LINE, (line, _c, at: number) => (drop.has(at) ? '' : line));
}

function isInstance(a: Analysis, code: string, d: Decl): boolean {
  const { tokens, refs } = a;
  const lineOf = (i: number) => code.slice(code.lastIndexOf('\n', tokens[i]!.start) + 1, code.indexOf('\n', tokens[i]!.start));
  if (d.name === 'self') return METHOD.test(lineOf(d.token));
  if (tokens[d.token - 1]?.text !== 'local' || !code.startsWith(`${d.name} = __TS__New(`, tokens[d.token]!.start)) return false;
  // Never assigned again: no statement starting with it followed by `=` or `,`.
  for (const [i, r] of refs) {
    if (r !== d || i === d.token) continue;
    const startsStatement = tokens[i - 1]!.line < tokens[i]!.line || /^(?:;|then|do|else)$/.test(tokens[i - 1]!.text);
    if (startsStatement && (tokens[i + 1]?.text === '=' || tokens[i + 1]?.text === ',')) return false;
  }
  return true;
}
