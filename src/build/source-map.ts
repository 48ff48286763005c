// Source maps through the build's stages, composed into one.
//
// The Espruino build has three: esbuild's bundle (TypeScript files -> one
// script), TypeScript's lowering to ES5 (script -> script) and esbuild's
// minifier (script -> app.js). Each stage gives a map to its input; composing
// them gives app.js -> TypeScript, so a dialect finding, a size attribution
// or an error from the board names the file and line the author wrote.
//
// Composition keeps every segment of the last map and traces its position
// back through the earlier maps (nearest segment at or before the column, as
// debuggers do); a segment that lands in code no earlier stage mapped (a
// helper TypeScript added) is kept without a source.

import { GREATEST_LOWER_BOUND, LEAST_UPPER_BOUND, TraceMap, decodedMappings, encodedMap, originalPositionFor } from '@jridgewell/trace-mapping';
import type { EncodedSourceMap, SourceMapSegment } from '@jridgewell/trace-mapping';

/** A v3 source map as JSON data. */
export type RawSourceMap = EncodedSourceMap;

/** A place in an original file: 1-based line, 0-based column (source map convention). */
export interface Origin {
  file: string;
  line: number;
  column: number;
}

/** Where generated `line` (1-based), `column` (0-based) came from, or null for generated code. */
export function originOf(map: RawSourceMap | TraceMap, line: number, column: number): Origin | null {
  const tracer = map instanceof TraceMap ? map : new TraceMap(map);
  let found = originalPositionFor(tracer, { line, column, bias: GREATEST_LOWER_BOUND });
  if (found.source === null) found = originalPositionFor(tracer, { line, column, bias: LEAST_UPPER_BOUND });
  if (found.source === null) return null;
  return { file: found.source, line: found.line, column: found.column };
}

/**
 * One map from the last stage's output to the first stage's sources. `maps`
 * are given first stage first: [bundle, lower, minify].
 */
export function composeMaps(maps: readonly RawSourceMap[], file?: string): RawSourceMap {
  if (maps.length === 0) throw new Error('composeMaps: no maps');
  const tracers = maps.map((m) => new TraceMap(m));
  const last = tracers[tracers.length - 1]!;
  const sources: string[] = [];
  const contents: (string | null)[] = [];
  const index = new Map<string, number>();
  const first = tracers[0]!;
  const sourceIndex = (name: string): number => {
    let i = index.get(name);
    if (i === undefined) {
      i = sources.length;
      index.set(name, i);
      sources.push(name);
      const at = first.sources.indexOf(name);
      contents.push(at >= 0 ? (first.sourcesContent?.[at] ?? null) : null);
    }
    return i;
  };
  const lines = decodedMappings(last).map((segments) => {
    const out: SourceMapSegment[] = [];
    for (const seg of segments) {
      if (seg.length === 1) continue;
      const origin = traceBack(tracers, last.sources[seg[1]]!, seg[2] + 1, seg[3]);
      if (origin === null) out.push([seg[0]]);
      else out.push([seg[0], sourceIndex(origin.file), origin.line - 1, origin.column]);
    }
    return out;
  });
  const decoded = { version: 3 as const, file: file ?? null, names: [], sources, sourcesContent: contents, mappings: lines };
  return encodedMap(new TraceMap(decoded)) as RawSourceMap;
}

/** Follows a position of stage `tracers.length - 2`'s output back to the first stage's sources. */
function traceBack(tracers: readonly TraceMap[], source: string, line: number, column: number): Origin | null {
  let at: Origin = { file: source, line, column };
  for (let i = tracers.length - 2; i >= 0; i--) {
    const found = originalPositionFor(tracers[i]!, { line: at.line, column: at.column, bias: GREATEST_LOWER_BOUND });
    if (found.source === null) return null;
    at = { file: found.source, line: found.line, column: found.column };
  }
  return at;
}

/**
 * Bytes of `code` per original file, walking the map's segments: each
 * segment owns the text up to the next segment on its line. Text no segment
 * covers (line ends, the start of a line before its first segment) and
 * segments without a source are counted under `null`.
 */
export function bytesBySource(code: string, map: RawSourceMap): Map<string | null, number> {
  const tracer = new TraceMap(map);
  const totals = new Map<string | null, number>();
  const add = (key: string | null, n: number) => totals.set(key, (totals.get(key) ?? 0) + n);
  const lines = code.split('\n');
  const decoded = decodedMappings(tracer);
  lines.forEach((text, i) => {
    const segments = decoded[i] ?? [];
    const start = segments.length > 0 ? segments[0]![0] : text.length;
    add(null, Buffer.byteLength(text.slice(0, start)) + (i + 1 < lines.length ? 1 : 0));
    segments.forEach((seg, k) => {
      const end = k + 1 < segments.length ? segments[k + 1]![0] : text.length;
      add(seg.length === 1 ? null : (tracer.sources[seg[1]] ?? null), Buffer.byteLength(text.slice(seg[0], end)));
    });
  });
  return totals;
}
