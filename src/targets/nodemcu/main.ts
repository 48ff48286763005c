// The entry of built NodeMCU firmware: board data, platform, device, tasks.
//
// `flagpoll build` compiles a call `startNodeMCU(board, firmware, buildId)`
// with the user's firmware into init.lua. It picks the chip from the
// firmware's own modules (ESP32's gpio has `config`, the ESP8266's `mode`),
// says so when that is not the chip the build was made for, makes the
// device, starts the firmware's tasks and posts the first turn of the main
// loop; from then on NodeMCU's callbacks drive it. FLAGPOLL_BUILD (a global)
// answers the build id, for the flash tool to ask the board.

import type { Board } from '../../boards/board.ts';
import { Device } from '../../device.ts';
import type { Firmware } from '../../device.ts';
import type { Chip } from './chip.ts';
import { Esp32Chip } from './esp32.ts';
import { Esp8266Chip } from './esp8266.ts';
import { NodeMcuHal } from './hal.ts';
import type { Esp32, Esp8266 } from './nodemcu.d.ts';

/** The Lua global table, as NodeMCU's modules and flagpoll's own global. */
declare const _G: (Esp8266 | Esp32) & { FLAGPOLL_BUILD?: string };

/** The chip whose modules this firmware has. */
function chipOf(g: Esp8266 | Esp32): Chip {
  return 'config' in g.gpio ? new Esp32Chip(g as Esp32) : new Esp8266Chip(g as Esp8266);
}

export function startNodeMCU(board: Board, firmware: Firmware, buildId: string, options: { budgetMs?: number } = {}): Device {
  _G.FLAGPOLL_BUILD = buildId;
  const chip = chipOf(_G);
  const expected = board.lua === '5.3' ? 'ESP32' : 'ESP8266';
  if (chip.name !== expected) chip.print(`flagpoll: built for ${board.id} (${expected}) but this firmware has ${chip.name}'s modules`);
  const hal = new NodeMcuHal(chip, board, options.budgetMs);
  const dev = new Device(board, hal);
  hal.attach(dev.rt);
  firmware(dev);
  hal.pend();
  return dev;
}
