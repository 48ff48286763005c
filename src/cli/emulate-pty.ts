// `flagpoll emulate --board nodemcu-esp8266 --listen pty:<path>`: an emulated
// NodeMCU board on a pseudo-terminal, which upload clients open as they open
// a board's USB serial port (`nodemcu-tool --port <path> upload init.lua`,
// `flagpoll flash init.lua --board nodemcu-esp8266 --port <path>`, a terminal).
//
// socat (Debian's `socat` package) makes the pty and links <path> to it; its
// other end is this process's pipe to the board's console
// (src/emulator/nodemcu-live.ts): the Lua prompt, `file` on a folder standing
// in for the board's flash (a fresh temporary one, or `fsDir`), node.restart.
// The first line printed names the pty and the folder; then each level the
// firmware drives an output pin to, stamped with the board's time. It runs
// until interrupted (Ctrl-C, SIGTERM); if socat dies, the port is gone and
// the command ends with status 1. A dangling link left by a killed run is
// replaced; any other file at <path> is refused.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readlinkSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Board } from '../boards/board.ts';
import { NodemcuLiveBoard } from '../emulator/nodemcu-live.ts';
import { UsageError } from './args.ts';

const START_MS = 5_000;

export interface PtyOptions {
  /** The board's files; default a temporary folder, removed when the board stops. */
  fsDir?: string;
  /** Resolves when the board should stop (default: SIGINT or SIGTERM). */
  stop?: Promise<void>;
}

/** A pseudo-terminal made by socat: bytes a client writes to `path` come out of onData; write() sends to the client. */
export interface Pty {
  /** The link given. */
  readonly path: string;
  /** The pty it points at (/dev/pts/N). */
  readonly device: string;
  onData(cb: (bytes: Buffer) => void): void;
  write(bytes: Uint8Array): void;
  /** Resolves with socat's exit code (null: a signal) when the pty is gone. */
  readonly gone: Promise<number | null>;
  /** What socat printed on stderr. */
  said(): string;
  /** End socat: the pty and the link go. */
  close(): Promise<void>;
}

/** Makes a pty linked at `link` with socat (UsageError when socat is missing or cannot). */
export async function openPty(link: string): Promise<Pty> {
  if (spawnSync('socat', ['-V'], { stdio: 'ignore' }).error !== undefined) {
    throw new UsageError('emulate --listen pty: needs socat to make the pseudo-terminal (Debian: apt-get install socat)');
  }
  const path = resolve(link);
  clearStaleLink(path);
  const socat = spawn('socat', [`pty,raw,echo=0,link=${path}`, 'STDIO'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let said = '';
  socat.stderr.on('data', (b: Buffer) => (said += b.toString()));
  socat.stdin.on('error', () => {}); // a write after socat is gone: `gone` says so
  const gone = new Promise<number | null>((r) => socat.once('exit', (code) => r(code)));
  const close = async () => {
    if (socat.exitCode === null && socat.signalCode === null) socat.kill();
    await gone;
  };
  if (!(await appears(path, gone))) {
    await close();
    throw new UsageError(`emulate --listen pty:${link}: socat did not make the pty: ${said.trim() || 'no message'}`);
  }
  return {
    path,
    device: readlinkSync(path),
    onData: (cb) => socat.stdout.on('data', cb),
    write: (b) => socat.stdin.write(b),
    gone,
    said: () => said.trim(),
    close,
  };
}

export async function listenPty(board: Board, link: string, write: (line: string) => void, o: PtyOptions = {}): Promise<number> {
  const pty = await openPty(link);
  const fsDir = o.fsDir ?? mkdtempSync(join(tmpdir(), 'flagpoll-nodemcu-fs-'));
  const live = new NodemcuLiveBoard({ board, fsDir });
  pty.onData((b) => live.input(b));
  live.onOutput((b) => pty.write(b));
  live.onPin((c) => write(`[${(c.t / 1000).toFixed(3).padStart(8)} s] ${c.label} = ${c.level}`));
  write(`${board.id} (${board.lua === '5.3' ? 'ESP32, Lua 5.3' : 'ESP8266, Lua 5.1'}) on ${pty.path} -> ${pty.device}, files in ${fsDir}; ` +
    `upload with: flagpoll flash init.lua --board ${board.id} --port ${pty.path}`);
  const stop = o.stop ?? new Promise<void>((r) => {
    process.once('SIGINT', r);
    process.once('SIGTERM', r);
  });
  const socatExit = await Promise.race([stop.then(() => undefined), pty.gone]);
  live.stop();
  await pty.close();
  if (o.fsDir === undefined) rmSync(fsDir, { recursive: true, force: true });
  if (socatExit !== undefined) {
    write(`the pty is gone: socat exited (${socatExit ?? 'signal'})${pty.said() === '' ? '' : `: ${pty.said()}`}`);
    return 1;
  }
  write('stopped');
  return 0;
}

/** A symlink whose target is gone (a run that was killed) is removed; anything else at `path` is refused. */
function clearStaleLink(path: string): void {
  let st;
  try {
    st = lstatSync(path);
  } catch {
    return;
  }
  if (st.isSymbolicLink() && !existsSync(path)) return unlinkSync(path);
  throw new UsageError(`emulate --listen pty:${path}: ${path} exists already; give a path that does not (e.g. /tmp/ttyNODEMCU0)`);
}

/** Waits until socat has made the link, or has exited. */
async function appears(path: string, gone: Promise<unknown>): Promise<boolean> {
  let exited = false;
  void gone.then(() => (exited = true));
  const t0 = Date.now();
  while (!exited && Date.now() - t0 < START_MS) {
    if (existsSync(path)) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}
