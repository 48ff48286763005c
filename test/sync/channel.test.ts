import { behaviour } from '../portable/behaviour.ts';
import { expectEqual, expectThrows, expectTrue } from '../portable/expect.ts';
import { Channel } from '../../src/sync/channel.ts';
import { PENDING } from '../../src/core/poll.ts';
import type { Poll } from '../../src/core/poll.ts';
import { Host } from '../../src/targets/host/platform.ts';
import { task } from '../helpers.ts';

behaviour('sending when full waits until a value is taken, then sends', () => {
  const h = new Host();
  const ch = new Channel<number>(2);
  expectEqual(ch.trySend(1), true);
  expectEqual(ch.trySend(2), true);
  expectEqual(ch.trySend(3), false, 'trySend on a full channel answers false');
  expectEqual(ch.length, 2, 'and changes nothing');
  const tx = ch.send(3);
  let sent = false;
  h.rt.spawn(task((cx) => { const r = tx.poll(cx); if (r !== PENDING) sent = true; return r; }), 'tx');
  h.run();
  expectEqual(sent, false);
  h.take();
  expectEqual(ch.tryRecv(), 1);
  h.run();
  expectEqual(h.take(), ['wake tx', 'pend', 'poll tx', 'ready tx', 'idle']);
  expectEqual(sent, true);
  expectEqual(ch.tryRecv(), 2);
  expectEqual(ch.tryRecv(), 3);
});

behaviour('receiving when empty waits for a send, and values come in order', () => {
  const h = new Host();
  const ch = new Channel<string>(4);
  expectEqual(ch.tryRecv(), PENDING, 'tryRecv on an empty channel answers PENDING');
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
  expectEqual(h.take(), ['wake rx', 'pend', 'poll rx', 'pending rx', 'idle']);
  expectEqual(got, ['a', 'b']);
});

behaviour('a woken receiver that is dropped passes the value on to the next receiver', () => {
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
  expectEqual(got2, 9);
  expectEqual(h.take(), ['wake r1', 'pend', 'wake r2', 'poll r1', 'pending r1', 'poll r2', 'ready r2', 'idle']);
});

behaviour('a channel of capacity 0 or not a whole number is refused', () => {
  expectThrows(() => new Channel(0), 'Channel: the capacity must be a whole number >= 1, got 0');
  expectThrows(() => new Channel(1.5), 'got 1.5');
  expectThrows(() => new Channel(-3), 'got -3');
  expectThrows(() => new Channel(NaN), 'got NaN');
  expectThrows(() => new Channel('4' as unknown as number), 'got 4');
});

behaviour('a full waiter list leaves the newcomer out without losing its wake, and does not spin', () => {
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
  expectEqual(ch.receivers.overflows, 1, 'r2 did not fit');
  expectEqual(h.take().slice(-3), ['poll r2', 'pending r2', 'idle'], 'the run ends: nobody spins');
  ch.trySend(1);
  h.run();
  expectEqual(got, [1]);
  const t = h.take();
  expectTrue(t.includes('poll r2'), 'room appeared: the left-out receiver was woken and polled');
  expectEqual(t[t.length - 1], 'idle');
  ch.trySend(2);
  ch.trySend(3);
  h.run();
  expectEqual(got.sort(), [1, 2, 3], 'every value received exactly once');
  expectEqual(ch.length, 0);
});
