// What stops a build, as named diagnostics rather than thrown strings.
//
// Every problem the author has to fix (a type error, a construct Espruino
// refuses, a firmware too big for its board) is one BuildDiagnostic with a
// code, and the place in the author's TypeScript when there is one. A build
// collects them and fails with all of them at once, in the form editors and
// terminals turn into links: `examples/foo.ts:12: ...`.

import { displayPath } from '../boards/board-error.ts';
import type { DialectCode } from './dialect.ts';

export type BuildCode =
  | 'noEntry' // the entry file is missing
  | 'unsupportedTarget' // the board's target has no build yet
  | 'noDefaultExport' // the entry exports no firmware function
  | 'typeError' // the TypeScript checker refused the firmware
  | 'wrongBoard' // the firmware's Device<B> does not include the board
  | 'bundleError' // esbuild could not bundle (an import that does not resolve)
  | 'overBudget' // the estimate exceeds the board's JsVars (Espruino) or Lua heap (NodeMCU)
  | 'wrongLua' // --lua names a Lua the board does not have
  | 'luaUnsupported' // typescript-to-lua cannot compile a construct for the board's Lua
  | DialectCode; // a construct Espruino refuses (dialect.ts)

export interface BuildDiagnostic {
  code: BuildCode;
  /** Absolute path of the file at fault, when there is one. */
  file?: string | undefined;
  /** 1-based line in `file`. */
  line?: number | undefined;
  message: string;
}

export class BuildError extends Error {
  constructor(readonly diagnostics: readonly BuildDiagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'BuildError';
  }
}

/** `examples/foo.ts:12: message`, the file relative to the working directory. */
export function formatDiagnostic(d: BuildDiagnostic): string {
  if (d.file === undefined) return d.message;
  return `${displayPath(d.file)}${d.line === undefined ? '' : `:${d.line}`}: ${d.message}`;
}
