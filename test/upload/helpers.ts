// Upload tests' fixtures: an emulated board on a 127.0.0.1 port, app files
// in a temporary folder, and the two clients run as child processes (the
// `espruino` CLI and `flagpoll flash`), each with a time limit.
//
// The clients run asynchronously, never with execFileSync: the board they
// talk to is served from this very process.

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveEspruinoConsole } from '../../src/emulator/espruino-console.ts';
import type { ConsoleServer } from '../../src/emulator/espruino-console.ts';
import { loadBoard } from '../../src/boards/load.ts';
import { EspruinoLiveBoard } from '../../src/emulator/espruino-live-board.ts';

export const dir = mkdtempSync(join(tmpdir(), 'flagpoll-upload-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

/** A board JSON for the real client, so it never asks espruino.com for one. */
export const boardJson = join(dir, 'PICO_R1_3.json');
writeFileSync(boardJson, JSON.stringify({ info: { binary_version: '2v29', builtin_modules: ['Flash', 'Storage'] } }));

export interface Emulated {
  board: EspruinoLiveBoard;
  server: ConsoleServer;
  stop(): Promise<void>;
}

/** A simulated espruino-pico answering `espruinoBoard` on a free 127.0.0.1 port. */
export async function emulated(espruinoBoard = 'PICO_R1_3', cutAfterBytes?: number): Promise<Emulated> {
  const board = new EspruinoLiveBoard({ board: loadBoard('espruino-pico'), answerBoard: espruinoBoard, jsonUrl: boardJson });
  const server = await serveEspruinoConsole(board, { host: '127.0.0.1', port: 0, cutAfterBytes });
  return {
    board,
    server,
    stop: async () => {
      await server.close();
      board.stop();
    },
  };
}

/** A TCP server that accepts connections and never says a word. */
export async function silent(): Promise<{ url: string; stop(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `tcp://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    }),
  };
}

/** A 127.0.0.1 port that was free a moment ago and has nothing listening on it. */
export async function deadPort(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return `tcp://127.0.0.1:${port}`;
}

let files = 0;
/**
 * An app.js as `flagpoll build` writes it: the build line, FLAGPOLL_BUILD
 * set, and `functions` small functions so the file can be made longer than
 * the 512 bytes below which the espruino CLI never reports an upload done.
 */
export function appFile(buildId: string, functions = 0, builtFor = 'espruino-pico'): string {
  const lines = [`// flagpoll build ${buildId} for ${builtFor}`, `var FLAGPOLL_BUILD = "${buildId}";`];
  for (let i = 0; i < functions; i++) lines.push(`function f${i}(x) {\n  return x + ${i};\n}`);
  lines.push(`print("app ${buildId} running: " + (${functions > 1 ? 'f1(1)' : '2'} + 40));`);
  const file = join(dir, `app${++files}.js`);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node <args>` in the repository; resolves on exit (or kills it after `timeoutMs`). */
export function node(args: string[], timeoutMs = 50_000): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { timeout: timeoutMs, killSignal: 'SIGKILL', encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

/** `flagpoll <args>` through bin/flagpoll.js. */
export const flagpoll = (...args: string[]): Promise<Ran> => node(['bin/flagpoll.js', ...args]);

/**
 * The official client from node_modules, kept off the network: no BLE
 * scan, and board JSON from a local folder (the emulated board also names
 * its own through process.env.JSON_URL, which the client prefers).
 */
export const espruinoCli = (...args: string[]): Promise<Ran> =>
  node(['node_modules/espruino/bin/espruino-cli.js', '--no-ble', '--config', `BOARD_JSON_URL=${dir}`, ...args]);
