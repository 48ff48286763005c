// Scenarios: a firmware's behaviour written down as steps in a YAML file,
// played against the firmware on a simulated board in virtual time.
//
// This is the front door that `flagpoll emulate --scenario` and the tests
// share: read and check the file (scenario-parse.ts), start the firmware on a
// TestBoard, run the steps (scenario-run.ts). The step kinds and their fields
// are listed in scenario-step.ts.

import { readFileSync } from 'node:fs';
import type { Board } from '../boards/board.ts';
import type { Firmware } from '../device.ts';
import { parseScenario } from './scenario-parse.ts';
import { runScenario } from './scenario-run.ts';
import { ScenarioError } from './scenario-step.ts';
import type { Scenario, ScenarioResult, StepResult } from './scenario-step.ts';
import { testBoard } from './test-board.ts';
import type { TestBoard } from './test-board.ts';

export { parseScenario } from './scenario-parse.ts';
export { runScenario } from './scenario-run.ts';
export { describeStep, ScenarioError, showText, showTime, STEP_KINDS } from './scenario-step.ts';
export type { PinLevel, Scenario, ScenarioResult, Step, StepAction, StepKind, StepResult } from './scenario-step.ts';

/** Read and check scenario `file` for `board` (an id or board file; default: the scenario's own `board:`). */
export function loadScenario(file: string, board?: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ScenarioError(file, 0, `cannot read the scenario: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  return parseScenario(text, file, board);
}

/** The board the CLI and the scenario tests run firmware on: output history kept, no executor trace. */
export function emulatedBoard(board: Board, firmware: Firmware): TestBoard {
  return testBoard(board, firmware, { record: true, trace: false });
}

export interface Played {
  scenario: Scenario;
  board: TestBoard;
  result: ScenarioResult;
}

/**
 * Check scenario `file`, start `firmware` on `board` (default: the
 * scenario's), run every step. Throws ScenarioError (or BoardError for
 * `board`) before the firmware starts when the file is wrong; a step that
 * does not hold is a result, not a throw.
 */
export function playScenario(firmware: Firmware, file: string, board?: string, onStep?: (r: StepResult) => void): Played {
  const scenario = loadScenario(file, board);
  const tb = emulatedBoard(scenario.board, firmware);
  return { scenario, board: tb, result: runScenario(tb, scenario, onStep) };
}
