// `flagpoll build` for an Espruino board: TypeScript firmware in, one app.js
// out that Espruino's interpreter runs as it is.
//
//   entry.ts -> typecheck -> bundle (esbuild) -> lower (Error bases; esbuild es2015 + defaults; tsc ES5 when more is needed) -> minify (esbuild) -> hoist -> app.js
//                                  |                                                                        |
//                                  dialect check: what lowering cannot fix                                  dialect check: all of it
//
// Each stage keeps a source map; composed, they name the TypeScript line of
// any finding. Nothing is written until every check has passed: a type
// error, a construct Espruino refuses or a firmware over the board's JsVars
// fails the build with all its diagnostics, and `--out` stays as it was.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Board } from '../boards/board.ts';
import { BundleFailure, BUILD_ID_PLACEHOLDER, ERROR_CODES, ESPRUINO_PLATFORM, bundleFirmware } from './bundle.ts';
import { checkDialect } from './dialect.ts';
import type { DialectCode, DialectFinding } from './dialect.ts';
import { BuildError } from './diagnostics.ts';
import type { BuildDiagnostic } from './diagnostics.ts';
import { hoistFunctionDeclarations } from './hoist.ts';
import { lowerForEspruino, minifyFor } from './lower.ts';
import { sizeReport } from './size.ts';
import type { SizeReport } from './size.ts';
import { composeMaps } from './source-map.ts';
import type { RawSourceMap } from './source-map.ts';
import { typecheckFirmware } from './typecheck.ts';

export interface EspruinoBuildOptions {
  /** Folder app.js and app.js.map are written to; none: build and check only. */
  out?: string;
  /** The platform module exporting startEspruino (default: src/targets/espruino/main.ts). */
  platform?: string;
  /** Skip the type check (tests of later stages that feed deliberately odd code). */
  typecheck?: boolean;
  /** Check the JsVar estimate against the board (default true); false reports it without failing. */
  budget?: boolean;
}

export interface EspruinoBuild {
  code: string;
  /** app.js -> TypeScript sources (absolute paths). */
  map: RawSourceMap;
  buildId: string;
  report: SizeReport;
  /** Paths written, when `out` was given. */
  written: string[];
}

/** What lowering cannot make Espruino-safe: checked on the bundle, where lines are still the author's. */
const UNLOWERABLE: ReadonlySet<DialectCode> = new Set(['label', 'generator', 'async', 'await', 'classPrivateName', 'missingBuiltin', 'extendsBuiltin']);

/** Builds `entry` for `board` (an Espruino board). Throws BuildError with every diagnostic when it cannot. */
export async function buildEspruino(entry: string, board: Board, options: EspruinoBuildOptions = {}): Promise<EspruinoBuild> {
  const file = path.resolve(entry);
  if (!existsSync(file)) throw new BuildError([{ code: 'noEntry', file, message: 'no such file' }]);
  const platform = path.resolve(options.platform ?? ESPRUINO_PLATFORM);
  if (!existsSync(platform)) {
    throw new BuildError([{ code: 'noEntry', file: platform, message: 'the Espruino platform module is missing (it exports startEspruino)' }]);
  }
  if (options.typecheck !== false) {
    const typeErrors = typecheckFirmware(file, board.id);
    if (typeErrors.length > 0) throw new BuildError(typeErrors);
  }

  let bundled;
  try {
    bundled = await bundleFirmware(file, platform, board);
  } catch (e) {
    if (e instanceof BundleFailure) throw new BuildError(e.diagnostics);
    throw e;
  }
  const early = checkDialect(bundled.code, bundled.map).filter((f) => UNLOWERABLE.has(f.code));
  if (early.length > 0) throw new BuildError(early.map((f) => dialectDiagnostic(f, 'bundle.js')));

  const lowered = await lowerForEspruino(bundled.code);
  const minified = await minifyFor(lowered.code, lowered.lowering);
  const hoisted = hoistFunctionDeclarations(minified.code);
  const composed = composeMaps([bundled.map, ...lowered.maps, minified.map, hoisted.map], 'app.js');
  const late = checkDialect(hoisted.code, composed);
  if (late.length > 0) throw new BuildError(late.map((f) => dialectDiagnostic(f, 'app.js')));

  const buildId = createHash('sha256').update(hoisted.code).digest('hex').slice(0, BUILD_ID_PLACEHOLDER.length);
  // The first line says which build this is and for which board (flash-scripts/app-file.ts reads it). The second
  // turns on Espruino's pretokenising before any function of the program exists: it only affects functions
  // created after it runs. The map gains two empty lines.
  const code = `${buildLine(buildId, board.id)}\n${PRETOKENISE}\n${withBuildId(hoisted.code, buildId)}`;
  const map = { ...composed, mappings: ';;' + composed.mappings };
  const report = await sizeReport({ code, map, board, buildId, entry: file, platform, outName: 'app.js', lowering: lowered.lowering, errorCodes: `${ERROR_CODES} (enum Code)` });
  if (options.budget !== false && report.jsvars_estimate > report.budget_jsvars) {
    throw new BuildError([{
      code: 'overBudget',
      message: `${board.id} has ${report.budget_jsvars} JsVars; this build needs about ${report.jsvars_estimate} once started ` +
        `(${report.bytes} bytes of code, ${report.jsvars.functionCount} functions). Make the firmware smaller, or lower \`tasks\`/\`timers\` in the board file.`,
    }]);
  }
  const files = options.out === undefined ? [{ path: 'app.js', bytes: report.bytes }] : writeBuild(options.out, code, map);
  return { code, map, buildId, report: { ...report, files }, written: options.out === undefined ? [] : files.map((f) => f.path) };
}

/** app.js's second line: Espruino stores the functions created after it as tokens, not text (smaller, faster). */
export const PRETOKENISE = 'E.setFlags({pretokenise:1});';

/** `// flagpoll build <id> for <board>`: app.js's first line. */
export function buildLine(buildId: string, boardId: string): string {
  return `// flagpoll build ${buildId} for ${boardId}`;
}

/** The build id goes where the placeholder was; same length, so the map stays true. */
function withBuildId(code: string, buildId: string): string {
  const parts = code.split(BUILD_ID_PLACEHOLDER);
  if (parts.length !== 2) throw new Error(`build: expected the build id placeholder once in the output, found it ${parts.length - 1} times`);
  return parts.join(buildId);
}

function writeBuild(out: string, code: string, map: RawSourceMap): { path: string; bytes: number }[] {
  const dir = path.resolve(out);
  mkdirSync(dir, { recursive: true });
  const js = path.join(dir, 'app.js');
  const mapFile = path.join(dir, 'app.js.map');
  // The map sits beside app.js; its sources are relative to it, as the format wants.
  const relative = { ...map, sources: map.sources.map((s) => (s === null ? s : path.relative(dir, s).split(path.sep).join('/'))) };
  const mapText = JSON.stringify(relative);
  writeFileSync(js, code);
  writeFileSync(mapFile, mapText);
  return [{ path: js, bytes: Buffer.byteLength(code) }, { path: mapFile, bytes: Buffer.byteLength(mapText) }];
}

function dialectDiagnostic(f: DialectFinding, stage: string): BuildDiagnostic {
  const message = `Espruino does not accept ${f.what}`;
  if (f.origin === null) return { code: f.code, message: `${stage}:${f.line}:${f.column + 1}: ${message} (in code the build generated)` };
  return { code: f.code, file: f.origin.file, line: f.origin.line, message };
}
