// Built NodeMCU firmware (init.lua) on a simulated board, driven like a
// TestBoard, so scenarios run on it through the same runScenario as on a .ts
// entry or a built Espruino app.js:
//
//   const b = nodemcuTestBoard('dist/init.lua', 'nodemcu-esp8266');
//   try {
//     b.press('BTN1');
//     b.advance(100);
//     assert.equal(b.uart('console').output(), 'press 1\r\n');
//   } finally {
//     b.close();
//   }
//
// The firmware runs in a real Lua VM in a child process (nodemcu-bridge.ts)
// with NodeMCU's modules modelled in Lua (nodemcu/*.lua); the board's `lua`
// picks lua5.1 (with lua-bitop's `bit`) or lua5.3. close() ends the child:
// call it when done (the process does it at exit for any left open).

import { existsSync } from 'node:fs';
import type { Board } from '../boards/board.ts';
import type { BoardId } from '../boards/catalog.ts';
import { loadBoard } from '../boards/load.ts';
import { NodemcuFirmware } from './nodemcu-firmware.ts';
import type { NodemcuOptions } from './nodemcu-firmware.ts';
import { loadScenario } from './scenario.ts';
import type { Played } from './scenario.ts';
import { runScenario } from './scenario-run.ts';
import type { StepResult } from './scenario-step.ts';
import { SimBoard } from './sim-board.ts';
import { TestBoard } from './test-board.ts';
import type { TestBoardOptions } from './test-board.ts';

export interface NodemcuBoardOptions extends TestBoardOptions, NodemcuOptions {}

export class NodemcuTestBoard<B extends BoardId = BoardId> extends TestBoard<B> {
  constructor(readonly firmware: NodemcuFirmware, options: TestBoardOptions = {}) {
    super(firmware.sim, undefined, options);
  }

  /** What the firmware printed, line by line. */
  consoleLines(): string[] {
    return this.firmware.log.map((l) => l.text);
  }

  /** End the Lua child. */
  close(): void {
    this.firmware.close();
  }
}

/** Make a simulated `board` (a NodeMCU one) and start `initLua` (a path) on it, in virtual time from 0. */
export function nodemcuTestBoard<B extends BoardId>(initLua: string, board: B | Board, options: NodemcuBoardOptions = {}): NodemcuTestBoard<B> {
  const b = typeof board === 'string' ? loadBoard(board) : board;
  if (!existsSync(initLua)) throw new Error(`${initLua}: no such file`);
  const sim = new SimBoard(b, { record: options.record ?? true, trace: false });
  const fw = new NodemcuFirmware(sim, initLua, options);
  return new NodemcuTestBoard<B>(fw, options);
}

/**
 * `playScenario` for built Lua: check scenario `file`, start `initLua` on
 * `board` (default: the scenario's), run every step, end the child.
 */
export function playBuiltLuaScenario(initLua: string, file: string, board?: string, onStep?: (r: StepResult) => void): Played & { board: NodemcuTestBoard } {
  const scenario = loadScenario(file, board);
  const tb = nodemcuTestBoard(initLua, scenario.board, { record: true });
  try {
    return { scenario, board: tb, result: runScenario(tb, scenario, onStep) };
  } finally {
    tb.close();
  }
}
