// Stage 1 of the Espruino build: the firmware, the runtime and the Espruino
// platform in one tree-shaken script.
//
// The bundle starts from a generated entry, so the firmware never imports
// the platform and the platform never names the firmware:
//
//   import firmware from '<entry.ts>';
//   import { startEspruino } from '<repo>/src/targets/espruino/main.ts';
//   startEspruino(<the board, as JSON>, firmware, '<build id>');
//
// esbuild keeps the syntax as written (target esnext); lowering to what
// Espruino reads is stage 2 (lower.ts). The build id is not known yet (it
// hashes the finished output), so the entry holds a placeholder of the same
// length, replaced once the code is final: positions in the map stay true.

import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Board } from '../boards/board.ts';
import type { BuildDiagnostic } from './diagnostics.ts';
import { mangleableNames, manglePattern } from './mangle.ts';
import type { RawSourceMap } from './source-map.ts';

/** The Espruino platform module the lead maintains; tests may point the build at another. */
export const ESPRUINO_PLATFORM = fileURLToPath(new URL('../targets/espruino/main.ts', import.meta.url));

/** Stands for the build id until the output is final; a build id is always this long. */
export const BUILD_ID_PLACEHOLDER = '@fP#1d@!';
export const BUILD_ID_LENGTH = BUILD_ID_PLACEHOLDER.length;

const ENTRY_NAME = 'flagpoll-espruino-entry.js';

/**
 * The build-time flags (declared in src/core/build-flags.d.ts), as an
 * Espruino build sets them: off, so what they guard is not bundled.
 */
export const BUILD_FLAGS = {
  /** Error messages: the chip reports `flagpoll E<code> <values>` (codes: ERROR_CODES). */
  __FLAGPOLL_MESSAGES__: 'false',
  /** Executor tracing: the host's emulator and tests only. */
  __FLAGPOLL_TRACE__: 'false',
} as const;

/** Where the numbered codes an Espruino build reports are listed (its enum Code). */
export const ERROR_CODES = 'src/core/errors.ts';

export interface Bundled {
  code: string;
  /** From `code` to the sources, as absolute paths (the generated entry as ENTRY_NAME). */
  map: RawSourceMap;
}

/**
 * The board as the firmware gets it on the chip: only what the device,
 * runtime and Espruino platform read at run time (device.ts, runtime.ts,
 * targets/espruino/). Names, clock, RAM, JsVars, LED colours, pin
 * capabilities other than `irq` and the documentation fields stay on the
 * host; every field kept costs JsVars on the chip.
 */
export function deviceBoard(board: Board): Record<string, unknown> {
  const pins: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(board.pins)) {
    pins[name] = { pin: p.pin, caps: p.caps.filter((c) => c === 'irq'), ...(p.inputOnly === true ? { inputOnly: true } : {}) };
  }
  const leds: Record<string, unknown> = {};
  for (const [name, l] of Object.entries(board.leds)) leds[name] = { pin: l.pin, activeLevel: l.activeLevel };
  const out: Record<string, unknown> = { id: board.id };
  if (board.espruinoBoard !== undefined) out.espruinoBoard = board.espruinoBoard;
  return { ...out, pins, leds, buttons: board.buttons, uarts: board.uarts, console: board.console, tasks: board.tasks, timers: board.timers };
}

export function entrySource(entry: string, platform: string, board: Board): string {
  // Pins share one capability list per kind (the device only reads them): one array on the chip, not one per pin.
  const json = JSON.stringify(deviceBoard(board)).replace(/"caps":\["irq"\]/g, '"caps":IRQ').replace(/"caps":\[\]/g, '"caps":NONE');
  return [
    `import firmware from ${JSON.stringify(entry)};`,
    `import { startEspruino } from ${JSON.stringify(platform)};`,
    `const IRQ = ["irq"], NONE = [];`,
    `startEspruino(${json}, firmware, ${JSON.stringify(BUILD_ID_PLACEHOLDER)});`,
    '',
  ].join('\n');
}

/**
 * Bundles `entry` (absolute) with `platform` (absolute) for `board`, the
 * runtime's private members renamed short (see mangle.ts): bundled once to
 * learn which sources go in, then again with those names mangled. Throws
 * BundleFailure with esbuild's errors.
 */
export async function bundleFirmware(entry: string, platform: string, board: Board): Promise<Bundled> {
  const first = await bundleOnce(entry, platform, board, undefined);
  const files = first.map.sources.flatMap((s, i) => {
    const text = first.map.sourcesContent?.[i];
    return s === null || text == null || !/\.[cm]?tsx?$|\.[cm]?jsx?$/.test(s) ? [] : [{ path: s, text, runtime: s.startsWith(RUNTIME_SRC) }];
  });
  const pattern = manglePattern(mangleableNames(files));
  return pattern === undefined ? first : bundleOnce(entry, platform, board, pattern);
}

/** The repository's src/: its private members are the ones renamed. */
const RUNTIME_SRC = fileURLToPath(new URL('../', import.meta.url));

async function bundleOnce(entry: string, platform: string, board: Board, mangleProps: RegExp | undefined): Promise<Bundled> {
  let result;
  try {
    result = await build({
      ...(mangleProps === undefined ? {} : { mangleProps }),
      stdin: { contents: entrySource(entry, platform, board), sourcefile: ENTRY_NAME, resolveDir: process.cwd(), loader: 'js' },
      bundle: true,
      format: 'esm', // no exports: plain top-level code, wrapped once by the minifier (lower.ts)
      platform: 'neutral',
      mainFields: ['module', 'main'],
      target: 'esnext',
      define: BUILD_FLAGS,
      treeShaking: true,
      legalComments: 'none',
      charset: 'utf8',
      sourcemap: 'external',
      sourcesContent: true,
      outfile: '/flagpoll-build/bundle.js',
      absWorkingDir: '/',
      write: false,
      logLevel: 'silent',
    });
  } catch (e) {
    const errors = (e as { errors?: EsbuildMessage[] }).errors;
    if (errors === undefined) throw e;
    throw new BundleFailure(errors.map(toDiagnostic));
  }
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'));
  const map = result.outputFiles.find((f) => f.path.endsWith('.js.map'));
  if (js === undefined || map === undefined) throw new Error(`bundleFirmware: esbuild gave no script or map for ${entry}`);
  const raw = JSON.parse(map.text) as RawSourceMap;
  // esbuild names sources relative to the output's folder (/flagpoll-build): make them absolute.
  raw.sources = raw.sources.map((s) => (s === null ? s : s.startsWith('../') ? s.slice(2) : s));
  return { code: js.text, map: raw };
}

interface EsbuildMessage {
  text: string;
  location: { file: string; line: number } | null;
}

export class BundleFailure extends Error {
  constructor(readonly diagnostics: BuildDiagnostic[]) {
    super(diagnostics.map((d) => d.message).join('\n'));
    this.name = 'BundleFailure';
  }
}

function toDiagnostic(m: EsbuildMessage): BuildDiagnostic {
  const file = m.location === null || m.location.file === ENTRY_NAME ? undefined : '/' + m.location.file.replace(/^\/+/, '');
  return { code: 'bundleError', file, line: file === undefined ? undefined : m.location?.line, message: m.text };
}
