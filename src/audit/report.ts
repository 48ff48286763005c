// Turns per-site counts into the audit's answer: which lines allocated, how
// often, sorted so the worst offender reads first.

import type { AllocSite } from './sites.ts';

export interface AllocReport {
  /** Allocations counted across all sites. */
  total: number;
  /** Sites with a count above zero, highest first. */
  sites: Array<AllocSite & { count: number }>;
  /** The audited JavaScript file, named for sites that have no `source`. */
  file?: string;
}

export function buildReport(sites: readonly AllocSite[], counts: Float64Array, top = Infinity, file?: string): AllocReport {
  let total = 0;
  const hit: Array<AllocSite & { count: number }> = [];
  for (const site of sites) {
    const count = counts[site.id]!;
    total += count;
    if (count > 0) hit.push({ ...site, count });
  }
  hit.sort((a, b) => b.count - a.count || a.id - b.id);
  const report: AllocReport = { total, sites: hit.slice(0, top) };
  if (file !== undefined) report.file = file;
  return report;
}

/** One line per site: `  100000  object  src/core/executor.ts:123:9  {slot: s}`. */
export function formatReport(report: AllocReport): string {
  if (report.sites.length === 0) return `no allocations (total ${report.total})`;
  const width = Math.max(...report.sites.map((s) => s.kind.length));
  const lines = report.sites.map((s) => {
    const where = s.source ? `${s.source.file}:${s.source.line}:${s.source.column}` : `${report.file ?? '<js>'}:${s.line}:${s.column}`;
    return `${String(s.count).padStart(8)}  ${s.kind.padEnd(width)}  ${where}  ${s.snippet}`;
  });
  const shown = report.sites.reduce((sum, s) => sum + s.count, 0);
  const header = shown === report.total ? `${report.total} allocations` : `${report.total} allocations (top ${report.sites.length} sites shown: ${shown})`;
  return [header, ...lines].join('\n');
}
