import { behaviour } from '../portable/behaviour.ts';
import { expectEqual, expectThrows } from '../portable/expect.ts';
import { PENDING } from '../../src/core/poll.ts';
import { Mutex } from '../../src/sync/mutex.ts';
import { Notify } from '../../src/sync/notify.ts';
import { Signal } from '../../src/sync/signal.ts';
import { Host } from '../../src/targets/host/platform.ts';
import { task } from '../helpers.ts';

behaviour('a signal keeps only the latest value and wakes its waiter once', () => {
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
  expectEqual(got, [2]);
  expectEqual(h.take(), ['wake w', 'pend', 'poll w', 'pending w', 'idle']);
  expectEqual(s.tryTake(), PENDING);
});

behaviour('a dropped signal wait leaves the waiter list', () => {
  const h = new Host();
  const s = new Signal<number>();
  const w = s.wait();
  h.rt.spawn(task((cx) => w.poll(cx)), 'w');
  h.run();
  expectEqual(s.waiting, 1);
  w.drop();
  expectEqual(s.waiting, 0);
  h.take();
  s.signal(3);
  h.run();
  expectEqual(h.take(), ['idle'], 'nobody is woken');
  expectEqual(s.tryTake(), 3, 'the value stays for the next taker');
});

behaviour('a signal of no value (a Signal<void>) is taken once, by tryTake and by a wait', () => {
  const h = new Host();
  const s = new Signal<void>();
  s.signal();
  expectEqual(s.signaled, true);
  expectEqual(s.tryTake(), undefined, 'the value undefined, not PENDING');
  expectEqual(s.signaled, false);
  expectEqual(s.tryTake(), PENDING);
  s.signal();
  s.reset();
  expectEqual(s.tryTake(), PENDING, 'reset forgets it');
  const w = s.wait();
  let woken = 0;
  h.rt.spawn(task((cx) => {
    if (w.poll(cx) !== PENDING) woken++;
    return PENDING;
  }), 'w');
  h.run();
  s.signal();
  h.run();
  expectEqual(woken, 1);
  expectEqual(s.tryTake(), PENDING, 'the wait took it');
});

behaviour('a mutex hands the lock to waiters in FIFO order and a latecomer cannot barge', () => {
  const h = new Host();
  const m = new Mutex({ n: 0 });
  const order: string[] = [];
  expectEqual(m.tryLock(), { n: 0 });
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
  expectEqual(order, []);
  m.unlock(); // to a
  expectEqual(m.tryLock(), PENDING, 'handed off: still locked for a latecomer');
  h.run();
  expectEqual(order, ['a']);
  m.unlock();
  h.run();
  m.unlock();
  h.run();
  expectEqual(order, ['a', 'b', 'c']);
  m.unlock();
  expectEqual(m.locked, false);
  expectThrows(() => m.unlock(), 'Mutex: unlock() of a mutex that is not locked');
});

behaviour('a lock dropped after the hand-off passes the lock on', () => {
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
  expectEqual(bGot, true);
  expectEqual(m.locked, true);
});

behaviour('notifyOne wakes the longest waiter; with nobody waiting it stores one permit', () => {
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
  expectEqual(hits, ['a']);
  n.notifyAll();
  h.run();
  expectEqual(hits, ['a', 'b', 'a']);
  n.notifyOne();
  n.notifyOne();
  expectEqual(n.permit, false);
  h.run();
  // a and b were both waiting again: the first notifyOne went to b, the second to a.
  expectEqual(hits, ['a', 'b', 'a', 'b', 'a']);
});

behaviour('a permit is taken by the next waiter at once', () => {
  const n = new Notify();
  n.notifyOne();
  const h = new Host();
  const w = n.notified();
  let done = false;
  h.rt.spawn(task((cx) => { const r = w.poll(cx); if (r !== PENDING) done = true; return r; }), 'w');
  h.run();
  expectEqual(done, true);
  expectEqual(n.permit, false);
});
