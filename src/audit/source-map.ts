// Maps audit sites back through the bundler's source map, so a report names
// the TypeScript line that wrote the allocation rather than a line of the
// bundle.

import { GREATEST_LOWER_BOUND, LEAST_UPPER_BOUND, TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import type { AllocSite } from './sites.ts';

/** A source map as an object (esbuild's, magic-string's) or its JSON text. */
export type SourceMapLike = string | object;

/** Sets `source` on every site the map covers. */
export function resolveSites(sites: AllocSite[], map: SourceMapLike): void {
  const tracer = new TraceMap(map as ConstructorParameters<typeof TraceMap>[0]);
  for (const site of sites) {
    const needle = { line: site.line, column: site.column - 1 };
    let found = originalPositionFor(tracer, { ...needle, bias: GREATEST_LOWER_BOUND });
    if (found.source === null) found = originalPositionFor(tracer, { ...needle, bias: LEAST_UPPER_BOUND });
    if (found.source !== null) site.source = { file: found.source, line: found.line, column: found.column + 1 };
  }
}
