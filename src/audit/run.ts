// Runs instrumented code and keeps its allocation counts. The code gets a
// fresh node:vm context, so nothing the host did is counted and globals a
// target expects can be stubbed. Counting itself allocates nothing: each hook
// call bumps one slot of a preallocated Float64Array.

import vm from 'node:vm';
import { AUDIT_GLOBAL, bundleForAudit } from './bundle.ts';
import type { BundleOptions } from './bundle.ts';
import { instrumentAllocations } from './instrument.ts';
import { buildReport } from './report.ts';
import type { AllocReport } from './report.ts';
import { ALLOC_HOOK, STRING_HOOK } from './sites.ts';
import type { AllocSite } from './sites.ts';
import type { SourceMapLike } from './source-map.ts';

export { bundleForAudit, AUDIT_GLOBAL } from './bundle.ts';
export type { Bundle, BundleOptions } from './bundle.ts';
export { formatReport } from './report.ts';
export type { AllocReport } from './report.ts';

export interface LoadOptions {
  /** Source map of `code`; sites then name their original file and line. */
  map?: SourceMapLike;
  /** Name of the JavaScript file, for stack traces and reports. */
  filename?: string;
  /** Global holding the exports (default `__fpEntry`, the name bundleForAudit uses). */
  globalName?: string;
  /** Extra globals for the context, e.g. stubs of a board's API. */
  globals?: Record<string, unknown>;
  sourceType?: 'script' | 'module';
}

export interface AuditedProgram<E = any> {
  /** The value of the global `globalName`, else `module.exports`. */
  exports: E;
  sites: readonly AllocSite[];
  /** Count per site id; read it, do not write it. */
  perSite: Float64Array;
  /** Total allocations counted since load or the last reset. */
  counts(): number;
  reset(): void;
  report(top?: number): AllocReport;
  context: vm.Context;
}

export function loadAudited<E = any>(code: string, options: LoadOptions = {}): AuditedProgram<E> {
  const filename = options.filename ?? 'audited.js';
  const { code: instrumented, sites } = instrumentAllocations(code, {
    filename,
    ...(options.map !== undefined && { map: options.map }),
    ...(options.sourceType !== undefined && { sourceType: options.sourceType }),
  });
  const perSite = new Float64Array(Math.max(sites.length, 1));
  const names = sites.map((s) => s.name);
  const nameDescriptor: PropertyDescriptor = { value: '', writable: false, enumerable: false, configurable: true };

  function alloc(id: number, value?: unknown): unknown {
    perSite[id]!++;
    const name = names[id];
    if (name !== undefined && typeof value === 'function') {
      nameDescriptor.value = name;
      Object.defineProperty(value, 'name', nameDescriptor);
    }
    return value;
  }
  function str(id: number, value: unknown): unknown {
    if (typeof value === 'string') perSite[id]!++;
    return value;
  }

  const module = { exports: {} as unknown };
  const context = vm.createContext({
    console, setTimeout, clearTimeout, setInterval, clearInterval, queueMicrotask, TextEncoder, TextDecoder,
    module, exports: module.exports,
    ...options.globals,
    [ALLOC_HOOK]: alloc,
    [STRING_HOOK]: str,
  });
  vm.runInContext(instrumented, context, { filename });
  const globalName = options.globalName ?? AUDIT_GLOBAL;
  const exported = (context as Record<string, unknown>)[globalName];

  return {
    exports: (exported !== undefined ? exported : module.exports) as E,
    sites,
    perSite,
    counts: () => perSite.reduce((sum, n) => sum + n, 0),
    reset: () => perSite.fill(0),
    report: (top) => buildReport(sites, perSite, top, filename),
    context,
  };
}

/** Bundle a TypeScript or JavaScript entry, instrument it and load it: one call. */
export async function auditEntry<E = any>(entry: string, options: BundleOptions & Omit<LoadOptions, 'map'> = {}): Promise<AuditedProgram<E>> {
  const bundle = await bundleForAudit(entry, options);
  return loadAudited<E>(bundle.code, { ...options, map: bundle.map, filename: options.filename ?? `${entry}.bundle.js` });
}
