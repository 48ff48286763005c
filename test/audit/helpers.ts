// Shared helpers for the audit's tests: run a snippet under the audit and
// read its counts by kind, or run it plainly to compare results.

import vm from 'node:vm';
import { loadAudited } from '../../src/audit/run.ts';
import type { AuditedProgram } from '../../src/audit/run.ts';
import type { AllocKind } from '../../src/audit/sites.ts';

export type KindCounts = Partial<Record<AllocKind, number>>;

export function countsByKind(program: AuditedProgram): KindCounts {
  const byKind: KindCounts = {};
  for (const site of program.report().sites) byKind[site.kind] = (byKind[site.kind] ?? 0) + site.count;
  return byKind;
}

/**
 * Loads `code` (a script that sets `var __fpEntry = {...}`) under the audit,
 * forgets what loading allocated, runs `action` and returns what it counted.
 */
export function measure(code: string, action: (entry: any) => unknown): { total: number; byKind: KindCounts; result: unknown; program: AuditedProgram } {
  const program = loadAudited(code, { filename: 'snippet.js' });
  program.reset();
  const result = action(program.exports);
  return { total: program.counts(), byKind: countsByKind(program), result, program };
}

/** Runs `code` uninstrumented in a fresh context and returns its `__fpEntry`. */
export function loadPlain(code: string): any {
  const context = vm.createContext({ console, TextEncoder, TextDecoder });
  vm.runInContext(code, context, { filename: 'plain.js' });
  return (context as Record<string, unknown>)['__fpEntry'];
}
