// Readings of a 31-bit µs counter across its wrap, through the NodeMCU
// platform's clock; prints one line per reading. Run on the host and on Lua.

import { WRAP_US, WrappingClock } from '../../../src/targets/nodemcu/clock.ts';

declare const console: { log(s: string): void };

const c = new WrappingClock();
const line = (what: string, ms: number) => console.log(what + ' ' + ms);
line('boot', c.toMs(0));
line('before', c.toMs(WRAP_US - 1000));
line('after', c.toMs(500)); // wrapped: 1,500 µs later
line('stamp', c.stampMs(WRAP_US - 500)); // taken before the wrap, read after it
line('stamp-now', c.stampMs(500));
line('same', c.toMs(500));
line('second-wrap', c.toMs(WRAP_US - 1)); // no wrap: later in the same lap
line('third', c.toMs(1000)); // wrapped again
