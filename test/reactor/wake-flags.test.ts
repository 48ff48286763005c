// WakeFlags: one bit per interrupt source, taken by the main loop.

import { behaviour } from '../portable/behaviour.ts';
import { expectEqual } from '../portable/expect.ts';
import { BITS_PER_WORD, WakeFlags } from '../../src/reactor/wake-flags.ts';

function takeAll(f: WakeFlags): number[] {
  const fired: number[] = [];
  const n = f.take((i) => fired.push(i));
  expectEqual(n, fired.length, 'take answers how many it fired');
  return fired;
}

behaviour('set flags are taken lowest source first, each once, and then none is pending', () => {
  const f = new WakeFlags(8);
  expectEqual(f.pending, false);
  f.set(5);
  f.set(0);
  f.set(3);
  f.set(3); // setting a set flag changes nothing
  expectEqual(f.pending, true);
  expectEqual(takeAll(f), [0, 3, 5]);
  expectEqual(f.pending, false);
  expectEqual(takeAll(f), [], 'a second take finds nothing');
  expectEqual(f.isSet(3), false);
});

behaviour('a flag set while the flags are being taken is fired in this take or left set, never lost', () => {
  const f = new WakeFlags(64);
  f.set(1);
  f.set(40);
  const first: number[] = [];
  f.take((i) => {
    first.push(i);
    if (i === 1) {
      f.set(1); // its own flag again: already taken, so left for the next take
      f.set(3); // a later bit of the word being taken: that word was cleared, so left set
      f.set(40); // already set in a later word: fired once in this take
      f.set(50); // newly set in a later word: fired in this take
    }
  });
  expectEqual(first, [1, 40, 50]);
  expectEqual(f.pending, true, 'flags set during the take are still pending');
  expectEqual(f.isSet(1), true);
  expectEqual(f.isSet(3), true);
  expectEqual(takeAll(f), [1, 3]);
  expectEqual(f.pending, false, 'the pending count came back to zero');
});

behaviour('sources beyond 31 use further words, the highest bit of each word included', () => {
  expectEqual(BITS_PER_WORD, 31);
  const f = new WakeFlags(100);
  const order = [99, 31, 30, 62, 0, 61, 93, 32];
  for (const i of order) f.set(i);
  for (const i of order) expectEqual(f.isSet(i), true, `flag ${i} is set`);
  for (const i of [1, 29, 33, 60, 63, 98]) expectEqual(f.isSet(i), false, `flag ${i} is not`);
  expectEqual(takeAll(f), [0, 30, 31, 32, 61, 62, 93, 99]);
  expectEqual(f.pending, false);
});

behaviour('every one of 200 sources is taken exactly once, whatever the order they were set in', () => {
  const f = new WakeFlags(200);
  for (let i = 199; i >= 0; i -= 2) f.set(i);
  for (let i = 0; i < 200; i += 2) f.set(i);
  const all: number[] = [];
  for (let i = 0; i < 200; i++) all.push(i);
  expectEqual(takeAll(f), all);
});
