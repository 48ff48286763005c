// WakeFlags: one bit per interrupt source, taken by the main loop.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BITS_PER_WORD, WakeFlags } from '../../src/reactor/wake-flags.ts';

function takeAll(f: WakeFlags): number[] {
  const fired: number[] = [];
  const n = f.take((i) => fired.push(i));
  assert.equal(n, fired.length, 'take answers how many it fired');
  return fired;
}

test('set flags are taken lowest source first, each once, and then none is pending', () => {
  const f = new WakeFlags(8);
  assert.equal(f.pending, false);
  f.set(5);
  f.set(0);
  f.set(3);
  f.set(3); // setting a set flag changes nothing
  assert.equal(f.pending, true);
  assert.deepEqual(takeAll(f), [0, 3, 5]);
  assert.equal(f.pending, false);
  assert.deepEqual(takeAll(f), [], 'a second take finds nothing');
  assert.equal(f.isSet(3), false);
});

test('a flag set while the flags are being taken is fired in this take or left set, never lost', () => {
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
  assert.deepEqual(first, [1, 40, 50]);
  assert.equal(f.pending, true, 'flags set during the take are still pending');
  assert.equal(f.isSet(1), true);
  assert.equal(f.isSet(3), true);
  assert.deepEqual(takeAll(f), [1, 3]);
  assert.equal(f.pending, false, 'the pending count came back to zero');
});

test('sources beyond 31 use further words, the highest bit of each word included', () => {
  assert.equal(BITS_PER_WORD, 31);
  const f = new WakeFlags(100);
  const order = [99, 31, 30, 62, 0, 61, 93, 32];
  for (const i of order) f.set(i);
  for (const i of order) assert.equal(f.isSet(i), true, `flag ${i} is set`);
  for (const i of [1, 29, 33, 60, 63, 98]) assert.equal(f.isSet(i), false, `flag ${i} is not`);
  assert.deepEqual(takeAll(f), [0, 30, 31, 32, 61, 62, 93, 99]);
  assert.equal(f.pending, false);
});

test('every one of 200 sources is taken exactly once, whatever the order they were set in', () => {
  const f = new WakeFlags(200);
  for (let i = 199; i >= 0; i -= 2) f.set(i);
  for (let i = 0; i < 200; i += 2) f.set(i);
  const fired = takeAll(f);
  assert.deepEqual(fired, Array.from({ length: 200 }, (_, i) => i));
});
