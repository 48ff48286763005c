// NodeMCU's microsecond counter as a monotonic millisecond clock.
//
// The ESP8266's `tmr.now()` answers microseconds masked to 31 bits: every
// 2^31 µs (about 35.8 minutes) it falls back to 0. ESP32's `node.uptime()`
// does the same on integer-only Lua and never wraps on float Lua (the
// default). The runtime works in ms and its deadlines must never see time go
// backwards, so each reading is unwrapped: a reading below the previous one
// means the counter wrapped once in between. That holds as long as the clock
// is read at least once per wrap; the platform's alarm never sleeps longer
// than READ_AT_LEAST_EVERY_MS to make sure of it.
//
// GPIO callbacks carry the counter's value at the interrupt (`when`), a
// little before now: `stampMs` places it on the same scale by its age.
//
// Plain numbers only (no 64-bit arithmetic): on Lua 5.1 numbers are doubles,
// exact to 2^53 µs (285 years); on 5.3 the sum stays an integer until the
// division.

/** The counter wraps here: 2^31 µs. */
export const WRAP_US = 2147483648;

/** The longest the platform lets pass without reading the clock: well inside one wrap (35.8 min). */
export const READ_AT_LEAST_EVERY_MS = 20 * 60 * 1000;

export class WrappingClock {
  /** The last raw reading, µs (0 ..< 2^31). */
  private last = 0;
  /** µs of the wraps seen so far. */
  private base = 0;

  /** The raw reading `raw` (µs, 31 bits) as ms since boot, never less than the previous answer. */
  toMs(raw: number): number {
    if (raw < this.last) this.base += WRAP_US;
    this.last = raw;
    return (this.base + raw) / 1000;
  }

  /** A stamp `when` taken on the same counter before the last reading, in ms on toMs's scale. */
  stampMs(when: number): number {
    let age = this.last - when;
    if (age < 0) age += WRAP_US;
    return (this.base + this.last - age) / 1000;
  }
}
