// `flagpoll emulate --board <id> --listen tcp://127.0.0.1:<port>`: an
// emulated Espruino board that takes uploads.
//
// It serves Espruino's console protocol (src/emulator/espruino-console.ts)
// on the port until interrupted (Ctrl-C, SIGTERM), so the official client
// and `flagpoll flash` upload to it as to a board on Telnet. Port 0 picks a
// free port; the first line printed names the one in use. Connections and
// disconnections are logged, one line each. The board behind the console is
// the Espruino API sandbox on a simulated board (espruino-live-board.ts), so
// uploaded firmware's pins, watches and Serial run on it, in real time.
//
// A NodeMCU board listens on a pseudo-terminal instead (`--listen pty:<path>`,
// emulate-pty.ts): its console is a serial port.

import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Board } from '../boards/board.ts';
import { serveEspruinoConsole } from '../emulator/espruino-console.ts';
import type { EspruinoEvaluator } from '../emulator/espruino-console.ts';
import { ESPRUINO_VERSION } from '../emulator/espruino-api.ts';
import { EspruinoLiveBoard } from '../emulator/espruino-live-board.ts';
import { loadBoardForCli, UsageError } from './args.ts';

/** The board behind the console: the Espruino API sandbox on a simulated board, in real time. */
function createEvaluator(board: Board, jsonUrl: string): EspruinoEvaluator & { stop?(): void } {
  return new EspruinoLiveBoard({ board, jsonUrl });
}

/**
 * The board JSON EspruinoTools asks for after connecting, as a local file
 * that process.env.JSON_URL names: without it the client downloads
 * www.espruino.com/json/<BOARD>.json.
 */
function writeBoardJson(board: Board, dir: string): string {
  const file = join(dir, `${board.espruinoBoard}.json`);
  const info = { id: board.espruinoBoard, name: `${board.name} (flagpoll emulator)`, binary_version: ESPRUINO_VERSION, builtin_modules: ['Flash', 'Storage', 'heatshrink'] };
  writeFileSync(file, JSON.stringify({ info }));
  return file;
}

/** `fsDir`: the NodeMCU board's files (--fs), kept; without it a temporary folder. */
export async function listen(boardId: string, where: string, write: (line: string) => void, stop?: Promise<void>, fsDir?: string): Promise<number> {
  const board = loadBoardForCli(boardId);
  if (board.target === 'nodemcu') {
    if (!where.startsWith('pty:') || where.length === 4) throw new UsageError(`emulate --listen: ${board.id} is a NodeMCU board, whose console is a serial port: --listen pty:<path>, e.g. pty:/tmp/ttyNODEMCU0 (got "${where}")`);
    if (fsDir !== undefined && !statSync(fsDir, { throwIfNoEntry: false })?.isDirectory()) {
      throw new UsageError(`emulate --fs ${fsDir}: no such folder (give an existing folder for ${board.id}'s files)`);
    }
    const { listenPty } = await import('./emulate-pty.ts');
    return listenPty(board, where.slice(4), write, { stop, fsDir: fsDir === undefined ? undefined : resolve(fsDir) });
  }
  if (fsDir !== undefined) throw new UsageError(`emulate --fs: ${board.id} is an Espruino board, whose files are its Storage; --fs is a NodeMCU board's flash`);
  if (board.espruinoBoard === undefined) throw new UsageError(`emulate --listen: ${board.id} is a ${board.target} board; --listen serves Espruino's console, for Espruino boards`);
  const m = /^tcp:\/\/([^:/]+):(\d+)\/?$/.exec(where);
  if (m === null) throw new UsageError(`emulate --listen: expected tcp://host:port (e.g. tcp://127.0.0.1:2323, or port 0 for any free one), got "${where}"`);
  const dir = mkdtempSync(join(tmpdir(), 'flagpoll-listen-'));
  const ev = createEvaluator(board, writeBoardJson(board, dir));
  const server = await serveEspruinoConsole(ev, { host: m[1], port: Number(m[2]), log: (l) => write(l) }).catch((e: NodeJS.ErrnoException) => {
    throw new UsageError(`emulate --listen: cannot listen on ${where}: ${e.code ?? e.message}`);
  });
  write(`${board.id} (${board.espruinoBoard}) listening on ${server.url}; upload with: npx espruino -p ${server.url} app.js`);
  await (stop ?? new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  }));
  await server.close();
  ev.stop?.();
  rmSync(dir, { recursive: true, force: true });
  write('stopped');
  return 0;
}
