import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PENDING } from '../../src/core/poll.ts';
import { Mutex } from '../../src/sync/mutex.ts';
import { Notify } from '../../src/sync/notify.ts';
import { Signal } from '../../src/sync/signal.ts';
import { Host } from '../../src/targets/host/platform.ts';
import { task } from '../helpers.ts';

test('a signal keeps only the latest value and wakes its waiter once', () => {
  const h = new Host();
  const s = new Signal<number>();
  const w = s.wait();
  const got: number[] = [];
  h.rt.spawn(task((cx) => {
    const v = w.poll(cx);
    if (v !== PENDING) got.push(v);
    return PENDING;
  }), 'w');
  h.run();
  h.take();
  s.signal(1);
  s.signal(2);
  h.run();
  assert.deepEqual(got, [2]);
  assert.deepEqual(h.take(), ['wake w', 'pend', 'poll w', 'pending w', 'idle']);
  assert.equal(s.tryTake(), PENDING);
});

test('a dropped signal wait leaves the waiter list', () => {
  const h = new Host();
  const s = new Signal<number>();
  const w = s.wait();
  h.rt.spawn(task((cx) => w.poll(cx)), 'w');
  h.run();
  assert.equal(s.waiting, 1);
  w.drop();
  assert.equal(s.waiting, 0);
  h.take();
  s.signal(3);
  h.run();
  assert.deepEqual(h.take(), ['idle'], 'nobody is woken');
  assert.equal(s.tryTake(), 3, 'the value stays for the next taker');
});

test('a mutex hands the lock to waiters in FIFO order and a latecomer cannot barge', () => {
  const h = new Host();
  const m = new Mutex({ n: 0 });
  const order: string[] = [];
  assert.deepEqual(m.tryLock(), { n: 0 });
  for (const name of ['a', 'b', 'c']) {
    const l = m.lock();
    let held = false;
    h.rt.spawn(task((cx) => {
      if (held) return PENDING;
      if (l.poll(cx) === PENDING) return PENDING;
      held = true;
      order.push(name);
      return PENDING;
    }), name);
  }
  h.run();
  assert.deepEqual(order, []);
  m.unlock(); // to a
  assert.equal(m.tryLock(), PENDING, 'handed off: still locked for a latecomer');
  h.run();
  assert.deepEqual(order, ['a']);
  m.unlock();
  h.run();
  m.unlock();
  h.run();
  assert.deepEqual(order, ['a', 'b', 'c']);
  m.unlock();
  assert.equal(m.isLocked, false);
  assert.throws(() => m.unlock(), /Mutex: unlock\(\) of a mutex that is not locked/);
});

test('a lock dropped after the hand-off passes the lock on', () => {
  const h = new Host();
  const m = new Mutex(0);
  m.tryLock();
  const la = m.lock();
  const lb = m.lock();
  let bGot = false;
  let aCancelled = false;
  h.rt.spawn(task((cx) => (aCancelled ? PENDING : la.poll(cx))), 'a');
  h.rt.spawn(task((cx) => { if (lb.poll(cx) !== PENDING) bGot = true; return PENDING; }), 'b');
  h.run();
  m.unlock(); // handed to a
  la.drop(); // a is cancelled before it polls
  aCancelled = true;
  h.run();
  assert.equal(bGot, true);
  assert.equal(m.isLocked, true);
});

test('notifyOne wakes the longest waiter; with nobody waiting it stores one permit', () => {
  const h = new Host();
  const n = new Notify();
  const hits: string[] = [];
  for (const name of ['a', 'b']) {
    const w = n.notified();
    h.rt.spawn(task((cx) => {
      while (w.poll(cx) !== PENDING) hits.push(name);
      return PENDING;
    }), name);
  }
  h.run();
  n.notifyOne();
  h.run();
  assert.deepEqual(hits, ['a']);
  n.notifyAll();
  h.run();
  assert.deepEqual(hits, ['a', 'b', 'a']);
  n.notifyOne();
  n.notifyOne();
  assert.equal(n.permit, false);
  h.run();
  // a and b were both waiting again: the first notifyOne went to b, the second to a.
  assert.deepEqual(hits, ['a', 'b', 'a', 'b', 'a']);
});

test('a permit is taken by the next waiter at once', () => {
  const n = new Notify();
  n.notifyOne();
  const h = new Host();
  const w = n.notified();
  let done = false;
  h.rt.spawn(task((cx) => { const r = w.poll(cx); if (r !== PENDING) done = true; return r; }), 'w');
  h.run();
  assert.equal(done, true);
  assert.equal(n.permit, false);
});
