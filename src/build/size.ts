// The size report of an Espruino build: bytes, where they come from, and
// the JsVars the program needs against the board's budget.
//
// Bytes are attributed through the composed source map: each stretch of
// app.js belongs to the TypeScript file it came from. The firmware is every
// source outside the repository's src/ (the author's files); the runtime is
// src/ without targets/, the platform the Espruino target, the board the
// inlined board data, and "generated" what no source owns (TypeScript's
// helpers, the wrapper, separators).
//
// JsVars (see jsvars.ts for the prices, measure.ts for the start-up run,
// CALIBRATION for how it compares with Espruino's own count):
// `jsvars_estimate` is the program once started from RAM, as `espruino
// app.js` leaves it: every live function with its own copy of its text, the
// scopes they keep, the objects and typed arrays made at start-up, and
// Espruino's own records of watches, timers and listeners. It is the budget
// figure. `upload_peak_jsvars` is the worst moment of sending app.js through
// the REPL: the whole program is one statement, held twice as text before it
// runs, then once more as the running function's code. `flash_peak_jsvars`
// is the worst moment of `flagpoll flash`, which writes app.js to Storage
// one chunk statement at a time (STORAGE_CHUNK) and then load()s it from
// flash: the larger of one chunk's statement and the started program.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Board } from '../boards/board.ts';
import { displayPath } from '../boards/board-error.ts';
import { modelFor, stringVars, textVars, uploadVars } from './jsvars.ts';
import { measureStartup, staticStartup } from './measure.ts';
import type { StartupState } from './measure.ts';
import { bytesBySource } from './source-map.ts';
import type { RawSourceMap } from './source-map.ts';

/** Bytes of app.js per Storage write when flashing (EspruinoTools' Save on Send), and what the statement adds. */
export const STORAGE_CHUNK = 1024;
const CHUNK_STATEMENT = 64;

const SRC = fileURLToPath(new URL('../', import.meta.url));

/**
 * The model read 3-4% below what Espruino itself reports: the four examples
 * built for a board file with Espruino's Linux pins and loaded into
 * Espruino's Linux build (from its sources at c5ff787, 27-byte JsVars),
 * `process.memory().usage` after start-up against this model with the same
 * JsVar layout: blink 3,721 / 3,612, button 3,982 / 3,836, uart-echo 3,892
 * / 3,762, multitask 4,545 / 4,394. The estimate adds 5% so it errs high.
 */
export const CALIBRATION = 1.05;

export interface SizeReport {
  target: 'espruino';
  board: string;
  /** Files written (or that would be), with their sizes. */
  files: { path: string; bytes: number }[];
  /** Bytes of app.js. */
  bytes: number;
  build_id: string;
  /** Bytes of app.js by part; they add up to `bytes`. */
  parts: { firmware: number; runtime: number; platform: number; board: number; generated: number };
  /** Everything but the firmware: what an empty firmware would still cost. */
  runtime_bytes: number;
  firmware_bytes: number;
  /** runtime_bytes / bytes. */
  runtime_share: number;
  /** Bytes per source file, largest first (paths relative to the working directory). */
  sources: { file: string; bytes: number }[];
  jsvars_estimate: number;
  budget_jsvars: number;
  /** Bytes of one JsVar on this board, and the estimate in bytes against its RAM. */
  jsvar_bytes: number;
  estimate_bytes: number;
  ram_bytes: number;
  /** The model's parts (before CALIBRATION), and whether the start-up ran. */
  jsvars: StartupState & { measured: boolean; modelled: number; note?: string };
  upload_peak_jsvars: number;
  flash_peak_jsvars: number;
  /** How the bundle was lowered: es2015 keeps classes (Espruino runs them); es5 when the code needed more. */
  lowering: 'es2015' | 'es5';
  /** Where the numbered error codes the build reports (`flagpoll E6 16`) are listed: it carries no message texts. */
  error_codes: string;
}

export interface SizeInput {
  code: string;
  map: RawSourceMap;
  board: Board;
  buildId: string;
  entry: string;
  platform: string;
  outName: string;
  lowering: 'es2015' | 'es5';
  errorCodes: string;
}

export async function sizeReport(input: SizeInput): Promise<SizeReport> {
  const { code, map, board } = input;
  const bytes = Buffer.byteLength(code);
  const parts = { firmware: 0, runtime: 0, platform: 0, board: 0, generated: 0 };
  const sources: { file: string; bytes: number }[] = [];
  const platformDir = path.dirname(input.platform) + path.sep;
  for (const [file, n] of bytesBySource(code, map)) {
    const part = file === null ? 'generated'
      : path.basename(file) === 'flagpoll-espruino-entry.js' ? 'board'
      : file.startsWith(platformDir) ? 'platform'
      : file.startsWith(SRC) ? 'runtime' : 'firmware';
    parts[part] += n;
    if (file !== null) sources.push({ file: displayPath(file), bytes: n });
  }
  sources.sort((a, b) => b.bytes - a.bytes);

  const budget = board.jsVars ?? 0;
  const m = modelFor(budget);
  let state: StartupState & { measured: boolean; note?: string };
  try {
    state = { ...(await measureStartup(code, board, m)), measured: true };
  } catch (e) {
    state = { ...staticStartup(code, m), measured: false, note: `start-up not run on the host (${(e as Error).message}); functions and scopes only` };
  }
  const modelled = state.objects + state.functions + state.scopes + state.native;
  const estimate = Math.ceil(modelled * CALIBRATION);
  const text = stringVars(m, code.length);
  const uploadPeak = Math.max(uploadVars(m, code.length), text + textVars(m, code.length) + estimate);
  const flashPeak = Math.max(uploadVars(m, STORAGE_CHUNK + CHUNK_STATEMENT), estimate);
  const firmware = parts.firmware;
  return {
    target: 'espruino',
    board: board.id,
    files: [{ path: input.outName, bytes }],
    bytes,
    build_id: input.buildId,
    parts,
    runtime_bytes: bytes - firmware,
    firmware_bytes: firmware,
    runtime_share: Math.round(((bytes - firmware) / bytes) * 1000) / 1000,
    sources,
    jsvars_estimate: estimate,
    budget_jsvars: budget,
    jsvar_bytes: m.varBytes,
    estimate_bytes: estimate * m.varBytes,
    ram_bytes: board.ramBytes,
    jsvars: { ...state, modelled },
    upload_peak_jsvars: uploadPeak,
    flash_peak_jsvars: flashPeak,
    lowering: input.lowering,
    error_codes: input.errorCodes,
  };
}
