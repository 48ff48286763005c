// `flagpoll build`'s API: build an entry for a board, whatever its target.
//
// The board picks the build (same-named files per target, never `if (isLua)`
// in shared code): Espruino boards go to espruino.ts (app.js), NodeMCU boards
// to nodemcu.ts (init.lua); host boards have nothing to build. flash-scripts/
// calls `build` to build a .ts entry before uploading.

import path from 'node:path';
import type { Board } from '../boards/board.ts';
import { loadBoard } from '../boards/load.ts';
import { BuildError } from './diagnostics.ts';
import { buildEspruino } from './espruino.ts';
import type { EspruinoBuild } from './espruino.ts';
import { buildNodeMcu } from './nodemcu.ts';
import type { NodeMcuBuild } from './nodemcu.ts';

export { checkDialect, MISSING_GLOBALS, MISSING_MEMBERS } from './dialect.ts';
export type { DialectCode, DialectFinding } from './dialect.ts';
export { BuildError, formatDiagnostic } from './diagnostics.ts';
export type { BuildCode, BuildDiagnostic } from './diagnostics.ts';
export { buildEspruino, buildLine } from './espruino.ts';
export type { EspruinoBuild, EspruinoBuildOptions } from './espruino.ts';
export type { SizeReport } from './size.ts';
export { formatSizeReport } from './report.ts';
export { buildNodeMcu, buildLine as luaBuildLine } from './nodemcu.ts';
export type { NodeMcuBuild, NodeMcuBuildOptions } from './nodemcu.ts';
export { formatLuaSizeReport } from './lua-size.ts';
export type { LuaSizeReport } from './lua-size.ts';

export interface BuildOptions {
  /** A Board, a board id or a board file path (loadBoard's rules). */
  board: Board | string;
  /** Where app.js goes; none: build and check without writing. */
  outDir?: string;
  /** The Espruino platform module (default src/targets/espruino/main.ts). */
  platform?: string;
  /** NodeMCU: the Lua asked for (`--lua`); it must be the board's. */
  lua?: string;
}

/** The build, and the written app.js or init.lua ('' when nothing was written). */
export type BuildResult = (EspruinoBuild | NodeMcuBuild) & { file: string };

/** Builds `entry` for its board's target. Throws BoardError for a bad board, BuildError for everything the build refuses. */
export async function build(entry: string, options: BuildOptions): Promise<BuildResult> {
  const board = typeof options.board === 'string' ? loadBoard(options.board) : options.board;
  switch (board.target) {
    case 'espruino': {
      const out = await buildEspruino(entry, board, { out: options.outDir, platform: options.platform });
      return { ...out, file: options.outDir === undefined ? '' : path.join(path.resolve(options.outDir), 'app.js') };
    }
    case 'nodemcu': {
      const out = await buildNodeMcu(entry, board, { out: options.outDir, lua: options.lua });
      return { ...out, file: options.outDir === undefined ? '' : path.join(path.resolve(options.outDir), 'init.lua') };
    }
    case 'host':
      throw new BuildError([{ code: 'unsupportedTarget', message: `${board.id} is a host board; it runs firmware in the emulator (\`flagpoll emulate\`), there is nothing to build` }]);
    default:
      return assertNever(board.target);
  }
}

function assertNever(x: never): never {
  throw new Error(`build: unknown target ${String(x)}`);
}
