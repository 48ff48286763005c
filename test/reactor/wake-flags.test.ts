// WakeFlags: one flag per interrupt source, taken by the main loop.

import { behaviour } from '../portable/behaviour.ts';
import { expectEqual } from '../portable/expect.ts';
import { WakeFlags } from '../../src/reactor/wake-flags.ts';

function takeAll(f: WakeFlags): number[] {
  const fired: number[] = [];
  const n = f.take((i) => fired.push(i));
  expectEqual(n, fired.length, 'take answers how many it fired');
  return fired;
}

behaviour('set flags are taken lowest source first, each once, and then none is pending', () => {
  const f = new WakeFlags(8);
  expectEqual(f.count, 0);
  f.set(5);
  f.set(0);
  f.set(3);
  f.set(3); // setting a set flag changes nothing
  expectEqual(f.count > 0, true);
  expectEqual(takeAll(f), [0, 3, 5]);
  expectEqual(f.count, 0);
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
      f.set(0); // an earlier source: already passed, so left raised
      f.set(40); // already raised, later: fired once in this take
      f.set(50); // newly raised, later: fired in this take
    }
  });
  expectEqual(first, [1, 40, 50]);
  expectEqual(f.count > 0, true, 'flags raised during the take are still pending');
  expectEqual(f.isSet(1), true);
  expectEqual(f.isSet(0), true);
  expectEqual(takeAll(f), [0, 1]);
  expectEqual(f.count, 0, 'the pending count came back to zero');
});

behaviour('each source has its own flag, however many there are', () => {
  const f = new WakeFlags(100);
  const order = [99, 31, 30, 62, 0, 61, 93, 32];
  for (const i of order) f.set(i);
  for (const i of order) expectEqual(f.isSet(i), true, `flag ${i} is set`);
  for (const i of [1, 29, 33, 60, 63, 98]) expectEqual(f.isSet(i), false, `flag ${i} is not`);
  expectEqual(takeAll(f), [0, 30, 31, 32, 61, 62, 93, 99]);
  expectEqual(f.count, 0);
});

behaviour('every one of 200 sources is taken exactly once, whatever the order they were set in', () => {
  const f = new WakeFlags(200);
  for (let i = 199; i >= 0; i -= 2) f.set(i);
  for (let i = 0; i < 200; i += 2) f.set(i);
  const all: number[] = [];
  for (let i = 0; i < 200; i++) all.push(i);
  expectEqual(takeAll(f), all);
});
