import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Channel } from '../../src/sync/channel.ts';
import { PENDING } from '../../src/core/poll.ts';
import type { Poll } from '../../src/core/poll.ts';
import { Host } from '../../src/targets/host/platform.ts';
import { task } from '../helpers.ts';

test('sending when full waits until a value is taken, then sends', () => {
  const h = new Host();
  const ch = new Channel<number>(2);
  assert.equal(ch.trySend(1), true);
  assert.equal(ch.trySend(2), true);
  assert.equal(ch.trySend(3), false, 'trySend on a full channel answers false');
  assert.equal(ch.length, 2, 'and changes nothing');
  const tx = ch.send(3);
  let sent = false;
  h.rt.spawn(task((cx) => { const r = tx.poll(cx); if (r !== PENDING) sent = true; return r; }), 'tx');
  h.run();
  assert.equal(sent, false);
  h.take();
  assert.equal(ch.tryRecv(), 1);
  h.run();
  assert.deepEqual(h.take(), ['wake tx', 'pend', 'poll tx', 'ready tx', 'idle']);
  assert.equal(sent, true);
  assert.equal(ch.tryRecv(), 2);
  assert.equal(ch.tryRecv(), 3);
});

test('receiving when empty waits for a send, and values come in order', () => {
  const h = new Host();
  const ch = new Channel<string>(4);
  assert.equal(ch.tryRecv(), PENDING, 'tryRecv on an empty channel answers PENDING');
  const rx = ch.recv();
  const got: string[] = [];
  h.rt.spawn(task((cx) => {
    for (;;) {
      const v: Poll<string> = rx.poll(cx);
      if (v === PENDING) return PENDING;
      got.push(v);
    }
  }), 'rx');
  h.run();
  h.take();
  ch.trySend('a');
  ch.trySend('b');
  h.run();
  assert.deepEqual(h.take(), ['wake rx', 'pend', 'poll rx', 'pending rx', 'idle']);
  assert.deepEqual(got, ['a', 'b']);
});

test('a woken receiver that is dropped passes the value on to the next receiver', () => {
  const h = new Host();
  const ch = new Channel<number>(1);
  const r1 = ch.recv();
  const r2 = ch.recv();
  let got2: unknown = PENDING;
  let cancelled = false;
  h.rt.spawn(task((cx) => (cancelled ? PENDING : r1.poll(cx))), 'r1');
  h.rt.spawn(task((cx) => (got2 = r2.poll(cx))), 'r2');
  h.run();
  h.take();
  ch.trySend(9);
  r1.drop(); // r1 was woken but is cancelled before it polls
  cancelled = true;
  h.run();
  assert.equal(got2, 9);
  assert.deepEqual(h.take(), ['wake r1', 'pend', 'wake r2', 'poll r1', 'pending r1', 'poll r2', 'ready r2', 'idle']);
});

test('a channel of capacity 0 or not a whole number is refused', () => {
  assert.throws(() => new Channel(0), /Channel: the capacity must be a whole number >= 1, got 0/);
  assert.throws(() => new Channel(1.5), /got 1.5/);
  assert.throws(() => new Channel(-3), /got -3/);
  assert.throws(() => new Channel(NaN), /got NaN/);
  assert.throws(() => new Channel('4' as unknown as number), /got 4/);
});

test('a full waiter list leaves the newcomer out without losing its wake, and does not spin', () => {
  const h = new Host();
  const ch = new Channel<number>(4, 2);
  const got: number[] = [];
  for (let i = 0; i < 3; i++) {
    const r = ch.recv();
    h.rt.spawn(task((cx) => {
      const v = r.poll(cx);
      if (v !== PENDING) got.push(v);
      return PENDING;
    }), 'r' + i);
  }
  h.run();
  assert.equal(ch.receivers.overflows, 1, 'r2 did not fit');
  assert.deepEqual(h.take().slice(-3), ['poll r2', 'pending r2', 'idle'], 'the run ends: nobody spins');
  ch.trySend(1);
  h.run();
  assert.deepEqual(got, [1]);
  const t = h.take();
  assert.ok(t.includes('poll r2'), 'room appeared: the left-out receiver was woken and polled');
  assert.equal(t.at(-1), 'idle');
  ch.trySend(2);
  ch.trySend(3);
  h.run();
  assert.deepEqual(got.sort(), [1, 2, 3], 'every value received exactly once');
  assert.equal(ch.length, 0);
});
