// The simulated board: a board file brought to life in virtual time.
//
// It is the host target's hardware: it implements the Hal (pins, UARTs, one
// alarm, pend, idle) and runs the main loop (`Runtime.tick`) whenever pend()
// or the alarm says so. The outside world (a test, a scenario) drives input
// pins and sends UART bytes; outputs and transmitted bytes are recorded with
// their virtual time. Time moves only in `advanceTo`, from event to event:
// alarm, debounce deadline, UART byte times (10 bits per byte at the baud).
//
// Interrupts can be injected at any virtual time, and also while a task is
// being polled (`duringPoll`): the flag is raised mid-pass and the main loop
// dispatches it before it sleeps.
//
// The board does not need flagpoll's runtime: any main loop (`MainLoop`),
// edge sink and UART port will do. Built Espruino firmware runs that way
// (espruino-sandbox.ts): the sandbox is the loop, using pend and the alarm
// for its own timers and event queue, and the board plays only the hardware.

import type { Board, Pull } from '../boards/board.ts';
import type { TraceKind } from '../core/hooks.ts';
import type { Hal, PinRef } from '../hal/hal.ts';
import { HostPlatform } from '../targets/host/platform.ts';

export interface PinChange {
  t: number;
  level: number;
}

/** Hears a watched input pin change: the reactor's PinSource, or a sandbox's interrupt side. */
export interface EdgeSink {
  level: number;
  edge(level: number, time: number): void;
}

/** The board's end of a UART: the reactor's UartPort, or a sandbox's serial port. */
export interface SimUartPort {
  readonly id: string;
  receive(byte: number): void;
  /** The next byte to send, or -1 when there is none. */
  takeTx(): number;
}

/** What runs when pend() was called or the alarm passed: a Runtime, or a sandbox's event loop. */
export interface MainLoop {
  tick(): void;
}

class SimPin {
  level: number;
  mode: 'unused' | 'input' | 'output' = 'unused';
  pull: Pull = 'none';
  watcher: EdgeSink | null = null;
  debounce = 0;
  /** Debounce: when the level has been stable long enough to report, else Infinity. */
  stableAt = Infinity;
  changedAt = 0;
  reported = 0;
  readonly history: PinChange[] = [];
  constructor(level: number) {
    this.level = level;
    this.reported = level;
  }
}

class SimUart {
  port: SimUartPort | null = null;
  byteMs = 1;
  /** Bytes the outside world sent, in incoming[inAt .. inEnd) until delivered. It grows when a send needs room and never shrinks, so steady traffic reuses it. */
  incoming = new Uint8Array(64);
  inAt = 0;
  inEnd = 0;
  rxNext = Infinity;
  txNext = Infinity;
  txByte = -1;
  /** What the board transmitted, as the other end saw it. */
  out = '';
  outBytes = 0;
  constructor(readonly id: string) {}
}

export interface SimOptions {
  /** Keep output pin history and transmitted text (default true; off for allocation audits and benchmarks). */
  record?: boolean;
  /** Keep a trace of executor steps (default false). */
  trace?: boolean;
}

/**
 * The host platform (virtual clock, trace, reports: targets/host) with
 * hardware: the Hal on simulated pins and UARTs.
 */
export class SimBoard extends HostPlatform implements Hal {
  readonly board: Board;
  /** Main-loop turns run. */
  ticks = 0;
  private pended = false;
  /** Inside runPending: an injected interrupt only pends, as on hardware, and the loop under way picks it up. */
  private running = false;
  private rt: MainLoop | null = null;
  private readonly keep: boolean;
  private readonly pins = new Map<PinRef, SimPin>();
  private readonly watched: SimPin[] = [];
  private readonly uarts = new Map<string, SimUart>();
  private readonly uartList: SimUart[] = [];
  private pollHooks: { task: string; fn: () => void }[] = [];

  constructor(board: Board, options: SimOptions = {}) {
    super(options.trace ?? false);
    this.board = board;
    this.keep = options.record ?? true;
    for (const name of Object.keys(board.pins)) {
      // Found by the board file's value as it is (no string made per lookup) and as text.
      const ref = board.pins[name]!.pin;
      const p = this.pins.get(String(ref)) ?? new SimPin(0);
      this.pins.set(ref, p);
      this.pins.set(String(ref), p);
    }
    for (const id of Object.keys(board.uarts)) {
      const u = new SimUart(id);
      this.uarts.set(id, u);
      this.uartList.push(u);
    }
  }

  /** The runtime whose main loop this board runs (or any loop with a `tick`, e.g. an Espruino sandbox's). */
  attach(rt: MainLoop): void {
    this.rt = rt;
  }

  // --- Platform ---------------------------------------------------------

  /** Pend the main loop; traced once until the loop runs. */
  override pend(): void {
    this.pends++;
    if (this.trace !== null && !this.pended) this.trace.push('pend');
    this.pended = true;
  }
  /** Tracer: also where `duringPoll` injections run, inside the pass. */
  override record(kind: TraceKind, name: string): void {
    super.record(kind, name);
    if (kind === 'poll' && this.pollHooks.length > 0) {
      const i = this.pollHooks.findIndex((h) => h.task === name);
      if (i >= 0) this.pollHooks.splice(i, 1)[0]!.fn();
    }
  }

  /** Run `fn` (e.g. an interrupt) the next time task `task` is polled, before its poll. Needs a traced runtime. */
  duringPoll(task: string, fn: () => void): void {
    this.pollHooks.push({ task, fn });
  }

  // --- Hal: pins ----------------------------------------------------------

  private pin(ref: PinRef): SimPin {
    const p = this.pins.get(ref);
    if (p === undefined) throw new Error(`simulated ${this.board.id}: no pin ${String(ref)}`);
    return p;
  }

  output(ref: PinRef, level: number): void {
    const p = this.pin(ref);
    p.mode = 'output';
    this.drive(p, level);
  }
  write(ref: PinRef, level: number): void {
    this.drive(this.pin(ref), level);
  }
  private drive(p: SimPin, level: number): void {
    const l = level ? 1 : 0;
    if (p.level === l && p.history.length > 0) return;
    p.level = l;
    if (this.keep) p.history.push({ t: this.time, level: l });
  }
  read(ref: PinRef): number {
    return this.pin(ref).level;
  }
  /** Make `ref` an output without driving it: it keeps its level until written (Espruino's `pinMode(pin, 'output')`). */
  outputMode(ref: PinRef): void {
    const p = this.pin(ref);
    p.mode = 'output';
    p.watcher = null;
    p.stableAt = Infinity;
  }
  watch(ref: PinRef, pull: Pull, debounceMs: number, src: EdgeSink): void {
    const p = this.pin(ref);
    p.mode = 'input';
    p.pull = pull;
    if (p.history.length === 0 && pull === 'up') p.level = 1;
    p.reported = p.level;
    p.watcher = src;
    p.debounce = debounceMs;
    src.level = p.level;
    if (!this.watched.includes(p)) this.watched.push(p);
  }

  // --- Hal: UARTs -----------------------------------------------------------

  private uart(id: string): SimUart {
    const u = this.uarts.get(id);
    if (u === undefined) throw new Error(`simulated ${this.board.id}: no UART ${id}`);
    return u;
  }
  openUart(id: string, baud: number, port: SimUartPort): void {
    const u = this.uart(id);
    u.port = port;
    u.byteMs = 10_000 / baud; // start, 8 data, stop bits
  }
  kick(port: SimUartPort): void {
    const u = this.uart(port.id);
    if (u.txByte >= 0) return; // busy: the completion takes the next byte
    u.txByte = port.takeTx();
    if (u.txByte >= 0) u.txNext = this.time + u.byteMs;
  }

  // --- The outside world ----------------------------------------------------

  /** Drive input pin `ref` to `level` now, as the outside world would. */
  setInput(ref: PinRef, level: number): void {
    const p = this.pin(ref);
    const l = level ? 1 : 0;
    if (p.level === l) return;
    p.level = l;
    p.changedAt = this.time;
    if (p.watcher === null) return;
    if (p.debounce === 0) {
      p.reported = l;
      p.watcher.edge(l, this.time);
    } else {
      p.stableAt = this.time + p.debounce;
    }
  }

  /** Bytes arrive on UART `id`, one per byte time, starting now. */
  send(id: string, data: string | Uint8Array): void {
    const u = this.uart(id);
    if (u.inEnd + data.length > u.incoming.length) makeRoom(u, data.length);
    const buf = u.incoming;
    for (let i = 0; i < data.length; i++) buf[u.inEnd++] = typeof data === 'string' ? data.charCodeAt(i) & 0xff : data[i]!;
    if (u.rxNext === Infinity && u.inAt < u.inEnd) u.rxNext = this.time + u.byteMs;
  }

  /** Text the board transmitted on UART `id` so far. */
  transmitted(id: string): string {
    return this.uart(id).out;
  }
  transmittedBytes(id: string): number {
    return this.uart(id).outBytes;
  }
  clearTransmitted(id: string): void {
    this.uart(id).out = '';
  }
  pinLevel(ref: PinRef): number {
    return this.pin(ref).level;
  }
  pinHistory(ref: PinRef): readonly PinChange[] {
    return this.pin(ref).history;
  }
  pinMode(ref: PinRef): string {
    return this.pin(ref).mode;
  }

  // --- Time and the main loop -----------------------------------------------

  /** Run the main loop while it has work (pend() was called or the alarm passed). */
  runPending(): void {
    // Called from inside a pass (an interrupt injected with duringPoll, e.g. by
    // TestBoard.setPin): the event is recorded and pended already; the turn
    // under way dispatches it after the current poll, as on hardware.
    if (this.running) return;
    this.running = true;
    try {
      while (this.pended || this.alarm <= this.time) {
        this.pended = false;
        if (this.alarm <= this.time) this.alarm = Infinity;
        this.ticks++;
        this.rt!.tick();
      }
    } finally {
      this.running = false;
    }
  }

  nextEvent(): number {
    let t = this.alarm;
    const watched = this.watched;
    for (let i = 0; i < watched.length; i++) if (watched[i]!.stableAt < t) t = watched[i]!.stableAt;
    const uarts = this.uartList;
    for (let i = 0; i < uarts.length; i++) {
      const u = uarts[i]!;
      if (u.rxNext < t) t = u.rxNext;
      if (u.txNext < t) t = u.txNext;
    }
    return t;
  }

  private fireAt(t: number): void {
    // Indexed loops: this runs per event, and a for...of makes an iterator.
    const watched = this.watched;
    for (let i = 0; i < watched.length; i++) {
      const p = watched[i]!;
      if (p.stableAt > t) continue;
      p.stableAt = Infinity;
      if (p.level !== p.reported) {
        p.reported = p.level;
        p.watcher!.edge(p.level, p.changedAt);
      }
    }
    const uarts = this.uartList;
    for (let i = 0; i < uarts.length; i++) {
      const u = uarts[i]!;
      if (u.rxNext <= t) {
        const b = u.incoming[u.inAt++]!;
        if (u.port !== null) u.port.receive(b);
        if (u.inAt < u.inEnd) u.rxNext += u.byteMs;
        else {
          u.rxNext = Infinity;
          u.inAt = 0;
          u.inEnd = 0;
        }
      }
      if (u.txNext <= t) {
        if (this.keep) u.out += String.fromCharCode(u.txByte);
        u.outBytes++;
        u.txByte = u.port!.takeTx();
        u.txNext = u.txByte >= 0 ? u.txNext + u.byteMs : Infinity;
      }
    }
  }

  /** Move virtual time to `t`, handling every event on the way at its own time. */
  advanceTo(t: number): void {
    this.runPending();
    for (let n = this.nextEvent(); n <= t; n = this.nextEvent()) {
      if (n > this.time) this.time = n;
      this.fireAt(this.time);
      this.runPending();
    }
    if (t > this.time) this.time = t;
    this.runPending();
  }

  advance(ms: number): void {
    this.advanceTo(this.time + ms);
  }
}

/** Room for `n` more bytes in `u.incoming`: move the undelivered bytes to the front, growing it if they still do not fit. */
function makeRoom(u: SimUart, n: number): void {
  const left = u.inEnd - u.inAt;
  let size = u.incoming.length;
  while (left + n > size) size *= 2;
  if (size === u.incoming.length) u.incoming.copyWithin(0, u.inAt, u.inEnd);
  else {
    const bigger = new Uint8Array(size);
    bigger.set(u.incoming.subarray(u.inAt, u.inEnd));
    u.incoming = bigger;
  }
  u.inAt = 0;
  u.inEnd = left;
}
