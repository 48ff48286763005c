// The entry of built NodeMCU firmware: board data, platform, device, tasks.
//
// `flagpoll build` compiles a call `startNodeMCU(board, firmware, buildId, Chip)`
// with the user's firmware into init.lua, and the chip file of the board
// (esp8266.ts or esp32.ts: the build picks it, so init.lua carries one; its
// class is the platform). It makes the platform from the firmware's modules,
// tells the chip from them (ESP32's gpio has `config`, the ESP8266's `mode`)
// and says so when that is not the chip the build was made for, makes the
// device, starts the firmware's tasks and posts the first turn of the main
// loop; from then on NodeMCU's callbacks drive it. FLAGPOLL_BUILD (a global)
// answers the build id, for the flash tool to ask the board.

import type { Board } from '../../boards/board.ts';
import { Device } from '../../device.ts';
import type { Firmware } from '../../device.ts';
import type { NodeMcuHal } from './hal.ts';
import type { Esp32, Esp8266 } from './nodemcu.d.ts';

/** The Lua global table, as NodeMCU's modules and flagpoll's own global. */
declare const _G: (Esp8266 | Esp32) & { FLAGPOLL_BUILD?: string };

/** A chip file's class (esp8266.ts's Esp8266Chip, esp32.ts's Esp32Chip): the platform, made from the firmware's modules. */
export type ChipClass = new (g: never, board: Board, buildId: string) => NodeMcuHal;

export function startNodeMCU(board: Board, firmware: Firmware, buildId: string, Chip: ChipClass): Device {
  _G.FLAGPOLL_BUILD = buildId;
  const hal = new Chip(_G as never, board, buildId);
  const has = 'config' in _G.gpio ? 'ESP32' : 'ESP8266';
  if (hal.name !== has) hal.print(`flagpoll: built for ${board.id} (${hal.name}) but this firmware has ${has}'s modules`);
  const dev = new Device(board, hal);
  hal.attach(dev.rt);
  firmware(dev);
  hal.pend();
  return dev;
}
