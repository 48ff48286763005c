// A GPIO input as an interrupt source, and the futures that wait on it.
//
// The interrupt side (`edge`) records into the source's own fields: the level,
// how many rising and falling edges there have been, and the time of the
// latest of each. It sets the source's wake flag, and that is all. Events are
// merged, not queued: a task that was busy sees one event that says how many
// edges it missed (`merged`), never a backlog, so memory stays fixed however
// fast the pin toggles.
//
// Counters are 32-bit and compared by difference, so they may wrap.

import { PENDING } from '../core/poll.ts';
import type { Future, Poll } from '../core/poll.ts';
import type { Context, Waker } from '../core/waker.ts';
import { DEFAULT_WAITERS, WaitQueue } from '../sync/wait-queue.ts';
import type { Waiter } from '../sync/wait-queue.ts';
import type { FlagRaiser } from './flag-raiser.ts';
import type { Reactor } from './reactor.ts';

export type PinEdge = 'rising' | 'falling' | 'both' | 'high' | 'low';

const RISING = 0;
const FALLING = 1;
const BOTH = 2;
const HIGH = 3;
const LOW = 4;

function kindOf(edge: PinEdge): number {
  switch (edge) {
    case 'rising':
      return RISING;
    case 'falling':
      return FALLING;
    case 'both':
      return BOTH;
    case 'high':
      return HIGH;
    case 'low':
      return LOW;
  }
}

export class PinSource {
  /** The pin's name on the board, for messages. */
  readonly name: string;
  /** Index of this source's wake flag. */
  readonly flag: number;
  level = 0;
  rises = 0;
  falls = 0;
  riseTime = 0;
  fallTime = 0;
  /** @internal */
  readonly waiters: WaitQueue<PinWait>;
  private readonly flags: FlagRaiser;

  constructor(name: string, flags: FlagRaiser, flag: number, level: number, waiters = DEFAULT_WAITERS) {
    this.name = name;
    this.flags = flags;
    this.flag = flag;
    this.level = level;
    this.waiters = new WaitQueue(waiters);
  }

  /** Interrupt side: the pin changed to `level` at `time` (ms). Records, raises the flag, nothing else. */
  edge(level: number, time: number): void {
    if (level !== 0) {
      this.rises = (this.rises + 1) | 0;
      this.riseTime = time;
      this.level = 1;
    } else {
      this.falls = (this.falls + 1) | 0;
      this.fallTime = time;
      this.level = 0;
    }
    this.flags.raise(this.flag);
  }

  /** A future for the next event of kind `edge`. Allocates: make it once, poll it in a loop. */
  waitFor(edge: PinEdge): PinWait {
    return new PinWait(this, kindOf(edge));
  }
}

/** A pin source on `reactor`, at start-up: it takes the next flag. */
export function addPin(reactor: Reactor, name: string, level: number): PinSource {
  const src = new PinSource(name, reactor, reactor.nextFlag(), level);
  reactor.add(src.waiters, name);
  return src;
}

/** What a PinWait answers: the same object each time (it belongs to the future): read it before polling again. */
export interface PinEvent {
  /** The pin's level now (after the event). */
  readonly level: number;
  /** When the edge happened (ms, stamped in the interrupt); for 'high'/'low', when the pin reached that level (0 if it started there). */
  readonly time: number;
  /** Edges of the awaited kind since this future last answered; 1 when none were missed. */
  readonly merged: number;
}

/**
 * Ready on the next edge of its kind after it last answered (the first poll
 * only arms it: edges before the first poll are not events). 'high' and 'low'
 * are levels: ready at once while the pin is at that level.
 *
 * Cancel safety: strict. Dropping it leaves the waiter list; it stays armed
 * from where it last answered, so edges while dropped are counted as merged.
 */
export class PinWait implements Future<PinEvent>, Waiter, PinEvent {
  waker: Waker | null = null;
  queued = false;
  level = 0;
  time = 0;
  merged = 0;
  private readonly src: PinSource;
  private readonly kind: number;
  private armed = false;
  private seenRises = 0;
  private seenFalls = 0;

  constructor(src: PinSource, kind: number) {
    this.src = src;
    this.kind = kind;
  }

  poll(cx: Context): Poll<PinEvent> {
    const s = this.src;
    if (!this.armed) {
      this.armed = true;
      this.seenRises = s.rises;
      this.seenFalls = s.falls;
    }
    const rises = (s.rises - this.seenRises) | 0;
    const falls = (s.falls - this.seenFalls) | 0;
    let n = 0;
    let time = 0;
    switch (this.kind) {
      case RISING:
        n = rises;
        time = s.riseTime;
        break;
      case FALLING:
        n = falls;
        time = s.fallTime;
        break;
      case BOTH:
        n = rises + falls;
        time = s.riseTime > s.fallTime ? s.riseTime : s.fallTime;
        break;
      default:
        if (s.level === (this.kind === HIGH ? 1 : 0)) {
          n = 1;
          time = (this.kind === HIGH ? s.riseTime : s.fallTime);
        }
    }
    if (n > 0) {
      this.seenRises = s.rises;
      this.seenFalls = s.falls;
      this.level = s.level;
      this.time = time;
      this.merged = n;
      if (this.queued) s.waiters.remove(this);
      this.waker = null;
      return this;
    }
    this.waker = cx.waker;
    s.waiters.push(this);
    return PENDING;
  }

  drop(): void {
    this.src.waiters.remove(this);
    this.waker = null;
  }
}
