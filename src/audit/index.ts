// The allocation audit's public surface: rewrite JavaScript to count every
// allocation per site, bundle TypeScript entries for it, run and report.

export { instrumentAllocations } from './instrument.ts';
export type { InstrumentOptions, Instrumented } from './instrument.ts';
export { auditEntry, loadAudited } from './run.ts';
export type { AuditedProgram, LoadOptions } from './run.ts';
export { AUDIT_GLOBAL, bundleForAudit } from './bundle.ts';
export type { Bundle, BundleOptions } from './bundle.ts';
export { buildReport, formatReport } from './report.ts';
export type { AllocReport } from './report.ts';
export { ALLOC_HOOK, ALLOCATING_GLOBALS, ALLOCATING_METHODS, STRING_HOOK } from './sites.ts';
export type { AllocKind, AllocSite } from './sites.ts';
export type { SourceMapLike } from './source-map.ts';
