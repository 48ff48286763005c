// Espruino's timer list, in virtual time: setTimeout, setInterval,
// changeInterval, clearTimeout/clearInterval, and the debounce timeouts of
// setWatch, which live in the same list as on the device.
//
// As Espruino does it (src/jsinteractive.c, jsiIdle; src/jswrap_interactive.c):
// - one list in creation order; an id is the last entry's id + 1, or 1 when
//   the list is empty, so ids are reused once the newest timer is gone;
// - every delay is at least 0.1 ms (TIMER_MIN_INTERVAL): `setTimeout(f, 0)`
//   runs 0.1 ms later, never at the same instant;
// - due timers run in list order; when a callback adds, clears or changes a
//   timer, the pass starts again from the top after the current one;
// - an interval is re-armed from its deadline, not from when it ran (no
//   drift), with the interval read after its callback ran;
// - clearTimeout() with no argument clears every timer but the debounce ones.
//
// Time is the SimBoard's virtual ms. Firmware sees it through getTime() in
// seconds; `secondsOf` picks the float whose `* 1000` gives the ms back
// (or the nearest above), so a deadline computed as `getTime()*1000 + wait`
// lands where the firmware meant and never before.

/** Espruino's TIMER_MIN_INTERVAL, ms. */
export const MIN_INTERVAL_MS = 0.1;

export type Callback = (...args: unknown[]) => unknown;

export interface TimerEntry {
  readonly id: number;
  /** Deadline, virtual ms. */
  at: number;
  /** ms between runs; 0 for a timeout. */
  interval: number;
  readonly fn: Callback | null;
  readonly args: readonly unknown[];
  /** A debounce timeout: what its watch needs when it fires (see espruino-pins.ts). */
  readonly debounce: { readonly watch: unknown; state: boolean; edgeAt: number } | null;
}

const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);
function step(x: number, by: bigint): number {
  f64[0] = x;
  i64[0] += by;
  return f64[0]!;
}

/** Virtual ms as Espruino's getTime() seconds: the smallest float `s` with `s * 1000 >= ms` near `ms / 1000`. */
export function secondsOf(ms: number): number {
  if (!(ms > 0) || !Number.isFinite(ms)) return ms / 1000;
  let s = ms / 1000;
  while (s * 1000 < ms) s = step(s, 1n);
  for (let d = step(s, -1n); d * 1000 >= ms; d = step(d, -1n)) s = d;
  return s;
}

/** Firmware's view of `ms`: what `getTime() * 1000` answers. */
export function viewOf(ms: number): number {
  return secondsOf(ms) * 1000;
}

export class EspruinoTimers {
  readonly list: TimerEntry[] = [];
  /** Set when a callback added, cleared or changed a timer: the pass starts again. */
  private changed = false;

  constructor(
    private readonly now: () => number,
    /** The earliest deadline may have moved. */
    private readonly onChange: () => void,
    /** Runs one due entry (callback or debounce), catching what it throws. */
    private readonly fire: (t: TimerEntry) => void,
  ) {}

  private nextId(): number {
    const last = this.list[this.list.length - 1];
    return last === undefined ? 1 : last.id + 1;
  }

  /** setTimeout (interval false) or setInterval: the id. */
  add(fn: Callback, ms: unknown, args: readonly unknown[], interval: boolean): number {
    const wait = clampMs(ms);
    const t: TimerEntry = { id: this.nextId(), at: viewOf(this.now()) + wait, interval: interval ? wait : 0, fn, args, debounce: null };
    this.list.push(t);
    this.touched();
    return t.id;
  }

  /** A debounce timeout `ms` after `edgeAt` (both virtual ms). */
  addDebounce(watch: unknown, state: boolean, edgeAt: number, ms: number): TimerEntry {
    const t: TimerEntry = { id: this.nextId(), at: edgeAt + ms, interval: 0, fn: null, args: [], debounce: { watch, state, edgeAt } };
    this.list.push(t);
    this.touched();
    return t;
  }

  /** clearTimeout / clearInterval: `all` without an id clears every timer but the debounce ones; an unknown id is ignored. */
  clear(id: unknown, all: boolean): void {
    if (all) {
      for (let i = this.list.length - 1; i >= 0; i--) if (this.list[i]!.debounce === null) this.list.splice(i, 1);
    } else {
      const i = this.list.findIndex((t) => t.id === id);
      if (i >= 0) this.list.splice(i, 1);
    }
    this.touched();
  }

  /** Remove one entry (a debounce timeout made stale). */
  remove(t: TimerEntry): void {
    const i = this.list.indexOf(t);
    if (i >= 0) this.list.splice(i, 1);
    this.touched();
  }

  /** changeInterval: the new interval, counted from now. Throws for an unknown id, as Espruino does. */
  change(id: unknown, ms: unknown): void {
    const t = this.list.find((e) => e.id === id);
    if (t === undefined) throw new Error('Unknown Interval');
    const wait = clampMs(ms);
    t.interval = wait;
    t.at = viewOf(this.now()) + wait;
    this.touched();
  }

  /** Move a debounce timeout: `ms` after the new edge at `edgeAt`, reporting `state`. */
  retime(t: TimerEntry, state: boolean, edgeAt: number, ms: number): void {
    t.at = edgeAt + ms;
    t.debounce!.state = state;
    t.debounce!.edgeAt = edgeAt;
    this.touched();
  }

  private touched(): void {
    this.changed = true;
    this.onChange();
  }

  nextDeadline(): number {
    let at = Infinity;
    for (let i = 0; i < this.list.length; i++) if (this.list[i]!.at < at) at = this.list[i]!.at;
    return at;
  }

  /** Run every timer due at `now`, in list order, starting over after a change, as jsiIdle does. */
  runDue(now: number): void {
    const list = this.list;
    do {
      this.changed = false;
      for (let i = 0; i < list.length && !this.changed;) {
        const t = list[i]!;
        if (t.at > now) {
          i++;
          continue;
        }
        const at = t.at;
        this.fire(t);
        const j = list.indexOf(t);
        if (j < 0) i = Math.min(i, list.length); // cleared by its own callback
        else if (t.interval > 0) {
          t.at = at + t.interval; // the interval as it is after the callback
          i = j + 1;
        } else {
          list.splice(j, 1);
          i = j;
        }
      }
    } while (this.changed);
    this.onChange();
  }
}

/** A delay in ms as Espruino takes it: NaN or below 0.1 becomes 0.1. */
function clampMs(ms: unknown): number {
  const n = Number(ms);
  return n >= MIN_INTERVAL_MS ? n : MIN_INTERVAL_MS;
}
