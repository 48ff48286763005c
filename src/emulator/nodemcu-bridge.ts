// The Lua side of an emulated NodeMCU board: a real `lua5.1 -l bit` or
// `lua5.3` child running src/emulator/nodemcu/main.lua (the NodeMCU modules
// in Lua, and the firmware's init.lua), talked to in lockstep.
//
// SimBoard's calls are synchronous (an edge, a byte, a tick must be handled
// before it returns), so the channel is too: two named pipes in a temporary
// directory, written and read with fs.writeSync / fs.readSync, which block
// the thread until the child answers. The protocol (one text line per
// message, answers ending with a "." line) is written down in main.lua.
//
// Never a hang: the child starts within START_MS or is an error carrying its
// stderr; a child that dies closes its end of the pipe, which reads as end of
// file and is an error; a firmware callback that never returns is stopped by
// main.lua's watchdog hook. Nothing is left behind: once both ends are open
// the directory is removed (open pipes work without their names), and the
// child goes in close() or at process exit; if this process is killed, the
// child reads end of file and ends.

import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkLua } from '../build/lua.ts';
import type { LuaVersion } from '../build/lua.ts';

const MODEL_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'nodemcu');
const START_MS = 10_000;

/** The child died, would not start, or broke the protocol. */
export class LuaChildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LuaChildError';
  }
}

const open = new Set<LuaChild>();
process.on('exit', () => {
  for (const c of open) c.close();
});

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleepMs(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

export class LuaChild {
  private readonly child: ChildProcess;
  /** The child's stderr (and stdout), a file already unlinked, read from the start when it fails. */
  private readonly errFd: number;
  private readonly toLua: number;
  private fromLua: number;
  private pending = '';
  private readonly chunk = Buffer.alloc(65536);
  private closed = false;

  /**
   * Start `main.lua` for `initLua` (named `name` in Lua's messages) on Lua `version`; `watchdogS`: CPU seconds a callback may run;
   * `fsDir`: a live board's files (main.lua then runs the console's Lua prompt, console.lua, and init.lua from there).
   */
  constructor(readonly version: LuaVersion, initLua: string, name: string, watchdogS: number, fsDir?: string) {
    checkLua(version);
    const dir = mkdtempSync(path.join(tmpdir(), 'flagpoll-nodemcu-'));
    const toPath = path.join(dir, 'to-lua');
    const fromPath = path.join(dir, 'from-lua');
    const made = spawnSync('mkfifo', [toPath, fromPath], { encoding: 'utf8' });
    if (made.status !== 0) {
      rmSync(dir, { recursive: true, force: true });
      throw new LuaChildError(`mkfifo failed: ${made.error?.message ?? made.stderr.trim()}`);
    }
    // Read-write: opening does not wait for the child, and the child's reads see end of file once this process is gone.
    this.toLua = openSync(toPath, constants.O_RDWR);
    // Non-blocking until the child has opened its end, so a child that never does cannot hang this open.
    this.fromLua = openSync(fromPath, constants.O_RDONLY | constants.O_NONBLOCK);
    const errPath = path.join(dir, 'stderr');
    const errFd = openSync(errPath, 'w');
    this.errFd = openSync(errPath, 'r');
    const [cmd, ...args] = version === '5.1' ? ['lua5.1', '-l', 'bit'] : ['lua5.3'];
    this.child = spawn(cmd!, [...args, path.join(MODEL_DIR, 'main.lua'), MODEL_DIR, toPath, fromPath, initLua, name, String(watchdogS), ...(fsDir === undefined ? [] : [fsDir])], { stdio: ['ignore', errFd, errFd] });
    closeSync(errFd);
    this.child.on('error', () => {}); // a failed spawn shows as a child that never starts
    this.child.unref();
    open.add(this);
    try {
      this.awaitWriter(fromPath);
    } catch (e) {
      this.close();
      throw e;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /** The child's process id. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  private stderr(): string {
    const buf = Buffer.alloc(4096);
    const n = readSync(this.errFd, buf, 0, buf.length, 0);
    return buf.toString('utf8', 0, n).trim();
  }

  private exited(): boolean {
    const pid = this.child.pid;
    if (pid === undefined) return true;
    try {
      return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z') ?? true;
    } catch {
      return true;
    }
  }

  /** Wait until the child has opened its end of from-lua, then read it blocking. */
  private awaitWriter(fromPath: string): void {
    const started = Date.now();
    for (;;) {
      try {
        const n = readSync(this.fromLua, this.chunk, 0, this.chunk.length, null);
        if (n > 0) {
          this.pending += this.chunk.toString('latin1', 0, n);
          break;
        }
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
        break; // a writer is there, with nothing written yet
      }
      if (this.exited()) throw new LuaChildError(`${this.version === '5.1' ? 'lua5.1' : 'lua5.3'} stopped before it started the NodeMCU model: ${this.stderr() || 'no message'}`);
      if (Date.now() - started > START_MS) throw new LuaChildError(`the Lua child did not start within ${START_MS / 1000} s`);
      sleepMs(1);
    }
    const blocking = openSync(fromPath, constants.O_RDONLY);
    closeSync(this.fromLua);
    this.fromLua = blocking;
  }

  send(line: string): void {
    if (this.closed) throw new LuaChildError('the Lua child is closed');
    writeSync(this.toLua, line + '\n');
  }

  /** The next line from the child; an error when it has gone. */
  readLine(): string {
    for (;;) {
      const nl = this.pending.indexOf('\n');
      if (nl >= 0) {
        const line = this.pending.slice(0, nl);
        this.pending = this.pending.slice(nl + 1);
        return line;
      }
      const n = readSync(this.fromLua, this.chunk, 0, this.chunk.length, null);
      if (n === 0) {
        const why = this.stderr();
        this.close();
        throw new LuaChildError(`the Lua child stopped${why === '' ? '' : `: ${why}`}`);
      }
      this.pending += this.chunk.toString('latin1', 0, n);
    }
  }

  /** Kill the child, remove the pipes. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    open.delete(this);
    if (!this.exited()) this.child.kill('SIGKILL');
    for (const fd of [this.toLua, this.fromLua, this.errFd]) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
    }
  }
}
