// Wake flags: one bit per interrupt source, in words of 31 bits.
//
// The interrupt side sets a bit and nothing else; the main loop takes the set
// bits and wakes whoever waits on each source. 31 bits per word, not 32, so
// every word stays a small integer on every target (Espruino's and Lua's
// numbers included) and `1 << 30` is the highest bit used. The word index is
// `(i - i % 31) / 31`, a whole number on every target; `(i / 31) | 0` is not
// portable: Lua 5.3's `|` refuses a fraction and 5.1's `bit` rounds it.

import { checkCapacity } from '../core/errors.ts';

export const BITS_PER_WORD = 31;

export class WakeFlags {
  readonly size: number;
  private readonly words: Int32Array;
  /** Set bits, over all words: lets the main loop skip the scan when nothing is set. */
  private count = 0;

  constructor(size: number) {
    checkCapacity('WakeFlags', size);
    this.size = size;
    this.words = new Int32Array(Math.ceil(size / BITS_PER_WORD));
  }

  /** Interrupt side: mark source `i`. Setting a set flag changes nothing. */
  set(i: number): void {
    const w = (i - i % BITS_PER_WORD) / BITS_PER_WORD;
    const bit = 1 << i % BITS_PER_WORD;
    const old = this.words[w]!;
    if ((old & bit) === 0) {
      this.words[w] = old | bit;
      this.count++;
    }
  }

  isSet(i: number): boolean {
    return (this.words[(i - i % BITS_PER_WORD) / BITS_PER_WORD]! & (1 << i % BITS_PER_WORD)) !== 0;
  }

  get pending(): boolean {
    return this.count > 0;
  }

  /**
   * Main loop: clear every set flag, lowest source first, calling `fire(i)`
   * for each. A flag set again while this runs (an interrupt mid-dispatch) is
   * either taken in this call or left set for the next: never lost.
   */
  take(fire: (i: number) => void): number {
    if (this.count === 0) return 0;
    const words = this.words;
    let fired = 0;
    for (let w = 0; w < words.length; w++) {
      let bits = words[w]!;
      if (bits === 0) continue;
      words[w] = 0;
      for (let b = 0; bits !== 0; b++, bits >>>= 1) {
        if ((bits & 1) === 0) continue;
        this.count--;
        fired++;
        fire(w * BITS_PER_WORD + b);
      }
    }
    return fired;
  }
}
