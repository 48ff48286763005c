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
// main.lua's watchdog hook. The pipes, the directory and the child go away in
// close(), and at process exit for any not closed.

import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { closeSync, constants, existsSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeSync } from 'node:fs';
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
  private readonly dir: string;
  private readonly child: ChildProcess;
  private readonly toLua: number;
  private fromLua: number;
  private pending = '';
  private readonly chunk = Buffer.alloc(65536);
  private closed = false;

  /** Start `main.lua` for `initLua` (named `name` in Lua's messages) on Lua `version`; `watchdogS`: CPU seconds a callback may run. */
  constructor(readonly version: LuaVersion, initLua: string, name: string, watchdogS: number) {
    checkLua(version);
    this.dir = mkdtempSync(path.join(tmpdir(), 'flagpoll-nodemcu-'));
    const toPath = path.join(this.dir, 'to-lua');
    const fromPath = path.join(this.dir, 'from-lua');
    const made = spawnSync('mkfifo', [toPath, fromPath], { encoding: 'utf8' });
    if (made.status !== 0) {
      rmSync(this.dir, { recursive: true, force: true });
      throw new LuaChildError(`mkfifo failed: ${made.error?.message ?? made.stderr.trim()}`);
    }
    // Read-write: opening does not wait for the child, and the child's reads see end of file once this process is gone.
    this.toLua = openSync(toPath, constants.O_RDWR);
    // Non-blocking until the child has opened its end, so a child that never does cannot hang this open.
    this.fromLua = openSync(fromPath, constants.O_RDONLY | constants.O_NONBLOCK);
    const errFd = openSync(path.join(this.dir, 'stderr'), 'w');
    const [cmd, ...args] = version === '5.1' ? ['lua5.1', '-l', 'bit'] : ['lua5.3'];
    this.child = spawn(cmd!, [...args, path.join(MODEL_DIR, 'main.lua'), MODEL_DIR, toPath, fromPath, initLua, name, String(watchdogS)], { stdio: ['ignore', errFd, errFd] });
    closeSync(errFd);
    this.child.on('error', () => {}); // a failed spawn shows as a child that never starts
    this.child.unref();
    open.add(this);
    try {
      this.awaitWriter();
    } catch (e) {
      this.close();
      throw e;
    }
  }

  /** The child's process id. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  private stderr(): string {
    const f = path.join(this.dir, 'stderr');
    return existsSync(f) ? readFileSync(f, 'utf8').trim() : '';
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
  private awaitWriter(): void {
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
    const blocking = openSync(path.join(this.dir, 'from-lua'), constants.O_RDONLY);
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
    for (const fd of [this.toLua, this.fromLua]) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
