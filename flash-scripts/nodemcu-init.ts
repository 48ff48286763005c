// What `flagpoll flash` uploads to a NodeMCU board: a built init.lua and the
// build id it carries, and the checksum the board's copy is compared with.
//
// `flagpoll build --board <nodemcu board>` writes init.lua's first line as
//
//   -- flagpoll build <id> for <board id>
//
// (src/build/nodemcu.ts, buildLine) and the firmware sets the global
// FLAGPOLL_BUILD to the id when it starts, which flash asks the board for
// after the restart. A file without that line cannot be confirmed and is
// refused, and so is Espruino firmware (app.js). Given a .ts entry, flash
// builds it first (app-file.ts's buildFirst) into a temporary folder.

import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Board } from '../src/boards/board.ts';
import { buildFirst, readBuildLine } from './app-file.ts';
import { FlashRefused } from './refusal.ts';

export const LUA_BUILD_LINE = /^-- flagpoll build (\S+) for (\S+)/;

export interface InitLua {
  file: string;
  /** The bytes, one char each (latin1). */
  code: string;
  buildId: string;
  builtFor: string;
}

/** Reads (or builds into `workDir`, for a .ts entry) the init.lua to upload to `board`. */
export async function initLuaFor(input: string, board: Board, workDir: string): Promise<InitLua> {
  const file = input.endsWith('.ts') ? await buildFirst(input, board, workDir) : resolve(input);
  if (!existsSync(file)) throw new FlashRefused(`${input}: no such file`);
  const code = readFileSync(file, 'latin1');
  const espruino = readBuildLine(code);
  if (espruino !== null) {
    throw new FlashRefused(`${basename(input)} is Espruino firmware (built for ${espruino.builtFor}); ${board.id} is a NodeMCU board: build the .ts for it, or give its init.lua`);
  }
  const m = LUA_BUILD_LINE.exec(code.replace(/^\uFEFF/, '').split('\n', 1)[0]!.trim());
  if (m === null) {
    throw new FlashRefused(`${input}: its first line is not "-- flagpoll build <id> for <board>", so the upload could not be confirmed; flash what \`flagpoll build\` wrote, or give the .ts entry`);
  }
  return { file, code, buildId: m[1]!, builtFor: m[2]! };
}

/** Adler-32 of `code` (one byte per char), as the board computes it. */
export function adler32(code: string): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < code.length; i++) {
    a = (a + (code.charCodeAt(i) & 0xff)) % 65521;
    b = (b + a) % 65521;
  }
  return b * 65536 + a;
}
