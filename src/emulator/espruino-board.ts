// Built Espruino firmware (app.js) on a simulated board, driven like a
// TestBoard: press, setPin, advance, uart send/output, level, ledOn,
// pinHistory. Scenarios run on it through the same runScenario as on a .ts
// entry, so one scenario checks both the source and what `flagpoll build`
// made of it:
//
//   const b = espruinoTestBoard('dist/app.js', 'espruino-pico');
//   b.press('BTN1');
//   b.advance(100);
//   assert.equal(b.uart('console').output(), 'press 1\r\n');
//
// The firmware runs in an EspruinoSandbox (its own EspruinoHal over the
// sandbox's Espruino API); the TestBoard drives the SimBoard underneath.
// There is no host Device (`dev` throws) and no executor trace.

import { readFileSync } from 'node:fs';
import type { Board } from '../boards/board.ts';
import type { BoardId } from '../boards/catalog.ts';
import { loadBoard } from '../boards/load.ts';
import { EspruinoSandbox } from './espruino-sandbox.ts';
import type { LogLine, SandboxOptions } from './espruino-sandbox.ts';
import { loadScenario } from './scenario.ts';
import type { Played } from './scenario.ts';
import { runScenario } from './scenario-run.ts';
import type { StepResult } from './scenario-step.ts';
import { SimBoard } from './sim-board.ts';
import { TestBoard } from './test-board.ts';
import type { TestBoardOptions } from './test-board.ts';

/** app.js by path, or its text. */
export type BuiltApp = string | { code: string; filename?: string };

/** Runs app.js with the sandbox's globals instead of `sandbox.run`, e.g. under the allocation audit. */
export type AppLoader = (code: string, globals: Record<string, unknown>, filename: string) => void;

export interface EspruinoBoardOptions extends TestBoardOptions, SandboxOptions {
  load?: AppLoader;
}

export class EspruinoTestBoard<B extends BoardId = BoardId> extends TestBoard<B> {
  constructor(readonly sandbox: EspruinoSandbox, options: TestBoardOptions = {}) {
    super(sandbox.sim, undefined, options);
  }

  /** What the firmware printed with console.log, line by line. */
  consoleLines(): string[] {
    return this.sandbox.log.map((l: LogLine) => l.text);
  }
}

/** The code and a filename for `app`. */
export function readApp(app: BuiltApp): { code: string; filename: string } {
  if (typeof app !== 'string') return { code: app.code, filename: app.filename ?? 'app.js' };
  return { code: readFileSync(app, 'utf8'), filename: app };
}

/** Make a simulated `board` and start built firmware `app` on it, in virtual time from 0. */
export function espruinoTestBoard<B extends BoardId>(app: BuiltApp, board: B | Board, options: EspruinoBoardOptions = {}): EspruinoTestBoard<B> {
  const b = typeof board === 'string' ? loadBoard(board) : board;
  const { code, filename } = readApp(app);
  const sim = new SimBoard(b, { record: options.record ?? true, trace: options.trace ?? false });
  const sandbox = new EspruinoSandbox(sim, options);
  if (options.load !== undefined) options.load(code, sandbox.globals(), filename);
  else sandbox.run(code, filename);
  return new EspruinoTestBoard<B>(sandbox, options);
}

/**
 * `playScenario` for built firmware: check scenario `file`, start `app` on
 * `board` (default: the scenario's), run every step with the same
 * runScenario. Throws ScenarioError before the firmware starts when the file
 * is wrong; a step that does not hold is a result.
 */
export function playBuiltScenario(app: BuiltApp, file: string, board?: string, onStep?: (r: StepResult) => void): Played & { board: EspruinoTestBoard } {
  const scenario = loadScenario(file, board);
  const tb = espruinoTestBoard(app, scenario.board, { record: true, trace: false });
  return { scenario, board: tb, result: runScenario(tb, scenario, onStep) };
}
