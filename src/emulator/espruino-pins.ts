// Espruino's pins on a SimBoard: Pin objects, pinMode, digitalRead/Write,
// and setWatch/clearWatch with Espruino's own edge and debounce rules.
//
// The SimBoard holds the levels and the output history; this module is the
// interpreter's side. A pin change on a watched pin is an "interrupt": the
// SimBoard tells our edge sink, which queues it in the sandbox's event FIFO
// with its time. The sandbox's loop hands it back here (`onEvent`), where
// each watch on the pin acts as jsiIdle does (src/jsinteractive.c):
// - no debounce: the watch's state follows the pin and the callback runs now
//   if the edge matches, with `time` the stamped time of the change;
// - debounce d: a change away from the last reported state starts a timeout
//   d ms after it; each further change moves it to d ms after that change.
//   When it fires, a state different from the last reported one is reported
//   (if the edge matches) with `time` = the last change; a bounce that comes
//   back to the reported state reports nothing;
// - `lastTime` is the time of the previous report, whatever its edge;
// - a watch on a button pin defaults to edge 'rising', debounce 25 ms;
// - clearWatch does not cancel a debounce timeout already running: as on
//   the device, that one change is still reported.
// Automatic pin modes follow Espruino: digitalWrite makes a pin an output,
// digitalRead and setWatch make it an input, unless pinMode set it by hand.

import type { Board, Pull } from '../boards/board.ts';
import type { PinRef } from '../hal/hal.ts';
import type { SimBoard } from './sim-board.ts';
import type { Callback, EspruinoTimers, TimerEntry } from './espruino-timers.ts';
import { secondsOf } from './espruino-timers.ts';

/** An Espruino Pin object: `B2`, `LED1` ... */
export class EspruinoPin {
  /** pinMode by hand: automatic mode changes leave it alone. */
  manual = false;
  /** The mode pinMode set ('auto' until then). */
  modeName = 'auto';
  constructor(readonly name: string, readonly ref: PinRef, private readonly pins: EspruinoPins) {}
  read(): boolean {
    return this.pins.digitalRead(this) === 1;
  }
  write(value: unknown): void {
    this.pins.digitalWrite(this, value);
  }
  set(): void {
    this.pins.digitalWrite(this, 1);
  }
  reset(): void {
    this.pins.digitalWrite(this, 0);
  }
  toggle(): boolean {
    const v = this.pins.level(this) ^ 1;
    this.pins.digitalWrite(this, v);
    return v === 1;
  }
  mode(mode: unknown): void {
    this.pins.pinMode(this, mode);
  }
  getMode(): string {
    return this.modeName === 'auto' ? (this.pins.sim.pinMode(this.ref) === 'output' ? 'output' : 'input') : this.modeName;
  }
  toString(): string {
    return this.name;
  }
}

export interface Watch {
  readonly id: number;
  readonly pin: EspruinoPin;
  readonly fn: Callback;
  readonly repeat: boolean;
  /** 1 rising, -1 falling, 0 both. */
  readonly edge: number;
  /** ms; 0: none. */
  readonly debounce: number;
  /** Last reported (debounced) state. */
  state: boolean;
  /** Seconds, of the previous report. */
  lastTime: number | undefined;
  timeout: TimerEntry | null;
}

export interface WatchHost {
  /** A watched pin changed: queue it as an interrupt for the loop. */
  queueEdge(pin: EspruinoPin, level: number, time: number): void;
  /** Run a firmware callback, catching what it throws. */
  call(where: string, fn: Callback, args: readonly unknown[]): void;
}

export class EspruinoPins {
  readonly byName = new Map<string, EspruinoPin>();
  readonly watches: Watch[] = [];
  private readonly buttonPins = new Set<string>();

  constructor(readonly sim: SimBoard, readonly board: Board, private readonly timers: EspruinoTimers, private readonly host: WatchHost) {
    for (const name of Object.keys(board.pins)) this.byName.set(name, new EspruinoPin(name, board.pins[name]!.pin, this));
    for (const b of Object.values(board.buttons)) this.buttonPins.add(b.pin);
  }

  /** A Pin object, or a pin's name as Espruino also accepts; throws for anything else. */
  resolve(pin: unknown): EspruinoPin {
    if (pin instanceof EspruinoPin) return pin;
    const p = typeof pin === 'string' ? this.byName.get(pin) : undefined;
    if (p === undefined) throw new Error(`Invalid pin: ${String(pin)} (pins of ${this.board.id}: ${[...this.byName.keys()].join(', ')})`);
    return p;
  }

  level(p: EspruinoPin): number {
    return this.sim.pinLevel(p.ref);
  }

  /** Put an edge sink on the pin with `pull`: from now on the SimBoard reports its changes. */
  private sense(p: EspruinoPin, pull: Pull): void {
    const host = this.host;
    this.sim.watch(p.ref, pull, 0, { level: 0, edge: (level, time) => host.queueEdge(p, level, time) });
  }

  pinMode(pin: unknown, mode: unknown): void {
    const p = this.resolve(pin);
    if (mode === undefined || mode === 'auto') {
      p.manual = false;
      p.modeName = 'auto';
      return;
    }
    const pull: Pull | null = mode === 'input' ? 'none' : mode === 'input_pullup' ? 'up' : mode === 'input_pulldown' ? 'down' : null;
    if (pull !== null) this.sense(p, pull);
    else if (mode === 'output' || mode === 'opendrain' || mode === 'opendrain_pullup' || mode === 'af_output' || mode === 'af_opendrain') this.sim.outputMode(p.ref);
    else throw new Error(`Unknown pin mode ${String(mode)}`);
    p.manual = true;
    p.modeName = String(mode);
  }

  digitalWrite(pin: unknown, value: unknown): void {
    const p = this.resolve(pin);
    if (p.manual && p.modeName.startsWith('input')) return; // the output latch changes, the pin does not
    this.sim.output(p.ref, value ? 1 : 0);
  }

  digitalRead(pin: unknown): number {
    const p = this.resolve(pin);
    if (!p.manual && this.sim.pinMode(p.ref) !== 'input') this.sense(p, 'none');
    return this.sim.pinLevel(p.ref);
  }

  setWatch(fn: unknown, pin: unknown, options: unknown): number {
    if (typeof fn !== 'function') throw new Error('Function or String not supplied! (the sandbox runs functions only)');
    const p = this.resolve(pin);
    const isButton = this.buttonPins.has(p.name);
    let repeat = false;
    let edge = isButton ? 1 : 0;
    let debounce = isButton ? 25 : 0;
    if (typeof options === 'object' && options !== null) {
      const o = options as { repeat?: unknown; edge?: unknown; debounce?: unknown };
      if (o.repeat !== undefined) repeat = Boolean(o.repeat);
      if (o.debounce !== undefined) {
        const d = Number(o.debounce);
        debounce = d > 0 ? d : 0;
      }
      if (o.edge !== undefined) edge = edgeOf(o.edge);
    } else repeat = Boolean(options);
    if (!p.manual && this.sim.pinMode(p.ref) !== 'input') this.sense(p, 'none');
    const last = this.watches[this.watches.length - 1];
    const w: Watch = { id: last === undefined ? 1 : last.id + 1, pin: p, fn: fn as Callback, repeat, edge, debounce, state: this.level(p) === 1, lastTime: undefined, timeout: null };
    this.watches.push(w);
    return w.id;
  }

  /** clearWatch(id), or clearWatch() for all. Throws for an unknown id, as Espruino does. */
  clearWatch(id: unknown, all: boolean): void {
    if (all) {
      this.watches.length = 0;
      return;
    }
    if (id === undefined) throw new Error('clearWatch(undefined) not allowed. Use clearWatch() instead');
    const i = this.watches.findIndex((w) => w.id === id);
    if (i < 0) throw new Error(`Unknown Watch ${String(id)}`);
    this.watches.splice(i, 1);
  }

  isWatched(p: EspruinoPin): boolean {
    return this.watches.some((w) => w.pin === p);
  }

  /** From the loop: the interrupt `pin` went to `level` at `time` (ms). Each watch of the pin, in order. */
  onEvent(pin: EspruinoPin, level: number, time: number): void {
    const high = level === 1;
    const ws = this.watches.filter((w) => w.pin === pin);
    for (const w of ws) {
      if (!this.watches.includes(w)) continue; // cleared by an earlier callback
      if (w.debounce <= 0) {
        w.state = high;
        this.report(w, high, time);
      } else if (w.timeout !== null) {
        this.timers.retime(w.timeout, high, time, w.debounce);
      } else if (high !== w.state) {
        w.timeout = this.timers.addDebounce(w, high, time, w.debounce);
      }
    }
  }

  /** From the timer list: a debounce timeout fired (its watch may have been cleared since: it reports all the same). */
  onDebounce(t: TimerEntry): void {
    const d = t.debounce!;
    const w = d.watch as Watch;
    w.timeout = null;
    const was = w.state;
    w.state = d.state;
    if (was !== d.state) this.report(w, d.state, d.edgeAt);
  }

  /** Report a change of `w` to `state` at `time` ms: the callback if the edge matches (then a one-shot watch goes), lastTime either way. */
  private report(w: Watch, state: boolean, time: number): void {
    const seconds = secondsOf(time);
    if (w.edge === 0 || (state ? w.edge > 0 : w.edge < 0)) {
      const e: { state: boolean; time: number; lastTime?: number; pin: EspruinoPin } = { state, time: seconds, pin: w.pin };
      if (w.lastTime !== undefined) e.lastTime = w.lastTime;
      this.host.call(`setWatch callback (${w.pin.name})`, w.fn, [e]);
      if (!w.repeat) {
        const i = this.watches.indexOf(w);
        if (i >= 0) this.watches.splice(i, 1);
      }
    }
    w.lastTime = seconds;
  }
}

/** 'rising' | 'falling' | 'both' or a number's sign; anything else is Espruino's TypeError. */
function edgeOf(edge: unknown): number {
  if (typeof edge === 'number') return edge > 0 ? 1 : edge < 0 ? -1 : 0;
  if (edge === 'rising') return 1;
  if (edge === 'falling') return -1;
  if (edge === 'both') return 0;
  throw new TypeError("'edge' in setWatch should be 1, -1, 0, 'rising', 'falling' or 'both'");
}
