// Wake flags: one per interrupt source, raised by the interrupt side and
// taken by the main loop.
//
// The interrupt side raises a flag and nothing else; the main loop takes the
// raised flags and wakes whoever waits on each source. A byte per flag, not a
// bit: a board has tens of sources, so the scan is short, and neither side
// needs a bit operation (on Lua 5.1 each is a call into the `bit` module, and
// words of bits need care to stay small integers on every target).

import { checkCapacity } from '../core/errors.ts';

export class WakeFlags {
  readonly size: number;
  /** Raised flags, over all sources: lets the main loop skip the scan when none is (read it, do not set it). */
  count = 0;
  /** Per source: 1 while its flag is raised. */
  private readonly raised: Uint8Array;

  constructor(size: number) {
    checkCapacity('WakeFlags', size);
    this.size = size;
    this.raised = new Uint8Array(size);
  }

  /** Interrupt side: raise source `i`'s flag. Raising a raised flag changes nothing. */
  set(i: number): void {
    if (this.raised[i] === 0) {
      this.raised[i] = 1;
      this.count++;
    }
  }

  isSet(i: number): boolean {
    return this.raised[i] !== 0;
  }

  /**
   * Main loop: lower every raised flag, lowest source first, calling `fire(i)`
   * for each. A flag raised while this runs (an interrupt mid-dispatch) is
   * fired in this call when its source comes later, or left raised for the
   * next: never lost.
   */
  take(fire: (i: number) => void): number {
    if (this.count === 0) return 0;
    const raised = this.raised;
    let fired = 0;
    for (let i = 0; i < raised.length; i++) {
      if (raised[i] !== 0) {
        raised[i] = 0;
        this.count--;
        fired++;
        fire(i);
      }
    }
    return fired;
  }
}
