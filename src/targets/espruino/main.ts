// The entry of built Espruino firmware: board data, platform, device, tasks.
//
// `flagpoll build` bundles a call `startEspruino(board, firmware, buildId)`
// with the user's firmware. It checks it runs on the board it was built for
// (process.env.BOARD), makes the device, starts the firmware's tasks and runs
// the first turn of the main loop; from then on Espruino's events drive it.

import type { Board } from '../../boards/board.ts';
import { Device } from '../../device.ts';
import type { Firmware } from '../../device.ts';
import { espruinoGlobal } from './globals.ts';
import { EspruinoHal } from './hal.ts';

export function startEspruino(board: Board, firmware: Firmware, buildId: string): Device {
  const g = espruinoGlobal();
  g.FLAGPOLL_BUILD = buildId; // (pretokenise is turned on by app.js's second line, before any function exists)
  const actual = g.process.env.BOARD;
  if (board.espruinoBoard !== undefined && actual !== undefined && actual !== board.espruinoBoard) {
    g.console.log(`flagpoll: built for ${board.id} (${board.espruinoBoard}) but this board is ${actual}`);
  }
  const hal = new EspruinoHal(g, board);
  const dev = new Device(board, hal);
  hal.attach(dev.rt);
  firmware(dev);
  hal.tick();
  return dev;
}
