// The reactor: interrupt sources, their wake flags, and the dispatch that
// turns set flags into wakes on the main loop.
//
// The rule (DESIGN.md, sentence 5): code that runs on a hardware event only
// records the event into storage made at start-up and raises its flag; it
// never polls, wakes or allocates. `dispatch()`, on the main loop, takes the
// set flags and wakes each source's waiters. Sources are made while the
// firmware starts; their number is fixed from then on. The reactor knows
// each only as the waiter list of one source (a pin's, a UART's readers or
// writers): a firmware that opens no UART carries no UART code, and a
// source needs no code of its own to be fired.

import { Code, FlagpollError } from '../core/errors.ts';
import type { FlagRaiser } from './flag-raiser.ts';
import { WakeFlags } from './wake-flags.ts';

/** What the reactor holds per flag: the waiters of one source (a WaitQueue), all woken when the flag was raised. */
export interface Fires {
  wakeAll(): void;
}

export class Reactor implements FlagRaiser {
  readonly flags: WakeFlags;
  /** Interrupt-side events recorded since start. */
  events = 0;
  private readonly sources: Fires[] = [];
  private readonly pend: () => void;
  private readonly fireOne: (i: number) => void;

  /** `capacity`: how many flags (a pin takes one, a UART two). */
  constructor(capacity: number, pend: () => void) {
    this.flags = new WakeFlags(capacity);
    this.pend = pend;
    this.fireOne = (i) => this.sources[i]!.wakeAll();
  }

  /** The flag the next source added gets (a method for the same reason as `due`). */
  nextFlag(): number {
    return this.sources.length;
  }

  /**
   * Adds a source at start-up (pin-source.ts, uart-port.ts make theirs):
   * `fires` when its flag is raised. Answers the flag; `what` names the
   * source when none is left.
   */
  add(fires: Fires, what: string): number {
    const i = this.sources.length;
    if (i >= this.flags.size) throw new FlagpollError(Code.BadCapacity, `Reactor: no wake flag left for ${what} (made for ${this.flags.size})`, i + 1);
    this.sources.push(fires);
    return i;
  }

  /** Interrupt side: set a flag and pend the main loop. */
  raise(flag: number): void {
    this.events++;
    this.flags.set(flag);
    this.pend();
  }

  /** A flag is raised and not yet dispatched: a method, as a getter read through EventSource would keep TSTL's descriptors on Lua. */
  due(): boolean {
    return this.flags.count > 0;
  }

  /** Main loop: wake the waiters of every raised source. Answers how many sources fired. */
  dispatch(): number {
    return this.flags.take(this.fireOne);
  }
}
