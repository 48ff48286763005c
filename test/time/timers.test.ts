import { behaviour } from '../portable/behaviour.ts';
import { expectEqual, expectMatch, expectThrows } from '../portable/expect.ts';
import { PENDING } from '../../src/core/poll.ts';
import { Channel } from '../../src/sync/channel.ts';
import { sleep, sleepUntil } from '../../src/time/sleep.ts';
import { ticker } from '../../src/time/ticker.ts';
import { TIMED_OUT, timeout } from '../../src/time/timeout.ts';
import { Host } from '../../src/targets/host/platform.ts';
import { task } from '../helpers.ts';

behaviour('timers with equal deadlines fire in the order they were armed', () => {
  const h = new Host();
  const fired: string[] = [];
  for (const name of ['c', 'a', 'b']) {
    const s = sleepUntil(h.rt, 100);
    h.rt.spawn(task((cx) => { const r = s.poll(cx); if (r !== PENDING) fired.push(name + '@' + h.now); return r; }), name);
  }
  const early = sleep(h.rt, 50);
  h.rt.spawn(task((cx) => { const r = early.poll(cx); if (r !== PENDING) fired.push('early@' + h.now); return r; }), 'early');
  h.advance(200);
  expectEqual(fired, ['early@50', 'c@100', 'a@100', 'b@100']);
});

behaviour('a sleep waits from its first poll, and can be polled again for another wait', () => {
  const h = new Host();
  const s = sleep(h.rt, 30);
  const at: number[] = [];
  h.advance(10);
  h.rt.spawn(task((cx) => {
    while (s.poll(cx) !== PENDING) {
      at.push(h.now);
      if (at.length === 3) return 'done';
    }
    return PENDING;
  }), 's');
  h.advance(200);
  expectEqual(at, [40, 70, 100]);
  expectEqual(h.rt.timers.armed, 0);
});

behaviour('a ticker keeps its grid when the task is late, and answers missed ticks back to back', () => {
  const h = new Host();
  const t = ticker(h.rt, 100);
  const at: number[] = [];
  let stall = false;
  h.rt.spawn(task((cx) => {
    while (t.poll(cx) !== PENDING) {
      at.push(h.now);
      if (at.length === 2) stall = true;
      if (stall) return PENDING; // the task is busy elsewhere and does not poll the ticker
    }
    return PENDING;
  }), 't');
  h.advance(250);
  expectEqual(at, [100, 200]);
  h.advance(100); // t = 350: the tick of 300 is due
  stall = false;
  h.rt.executor.contexts[0]!.waker.wake();
  h.advance(0);
  h.advance(260); // t = 610
  expectEqual(at, [100, 200, 350, 400, 500, 600]);
});

behaviour('timeout cancels the inner future when the deadline comes first', () => {
  const h = new Host();
  const ch = new Channel<number>(1);
  const to = timeout(h.rt, ch.recv(), 100);
  let out: unknown = PENDING;
  h.rt.spawn(task((cx) => (out = to.poll(cx))), 't');
  h.advance(99);
  expectEqual(out, PENDING);
  expectEqual(ch.receivers.length, 1);
  h.advance(1);
  expectEqual(out, TIMED_OUT);
  expectEqual(ch.receivers.length, 0, 'the inner receive was dropped');
  expectEqual(h.rt.timers.armed, 0);
  ch.trySend(5);
  expectEqual(ch.tryRecv(), 5, 'the cancelled receive took nothing');
});

behaviour('timeout answers the inner value and disarms its deadline', () => {
  const h = new Host();
  const ch = new Channel<number>(1);
  const to = timeout(h.rt, ch.recv(), 100);
  let out: unknown = PENDING;
  h.rt.spawn(task((cx) => (out = to.poll(cx))), 't');
  h.advance(10);
  ch.trySend(4);
  h.advance(0);
  expectEqual(out, 4);
  expectEqual(h.rt.timers.armed, 0);
});

behaviour('a negative, NaN or infinite sleep is refused with a clear message', () => {
  const h = new Host();
  expectThrows(() => sleep(h.rt, -5), 'sleep: the duration must be a finite number of milliseconds >= 0, got -5');
  expectThrows(() => sleep(h.rt, NaN), 'got NaN');
  expectThrows(() => sleep(h.rt, Infinity), 'got Infinity');
  expectThrows(() => sleepUntil(h.rt, NaN), 'sleepUntil: the time must be a finite number');
  expectThrows(() => ticker(h.rt, 0), 'Ticker (the period must be > 0)', 'got 0');
  expectThrows(() => sleep(h.rt, 5).setDuration(-1), 'got -1');
});

behaviour('a full timer queue fails the task that armed one too many, naming the setting, and the others go on', () => {
  const h = new Host({ timers: 1 });
  const a = sleep(h.rt, 10);
  const b = sleep(h.rt, 10);
  let aDone = false;
  h.rt.spawn(task((cx) => { const r = a.poll(cx); if (r !== PENDING) aDone = true; return r; }), 'a');
  h.rt.spawn(task((cx) => b.poll(cx)), 'b');
  h.run();
  expectMatch(h.platform.reports[0]!.message, 'task "b" threw: the timer queue is full (1 timers armed at once); raise `timers`');
  h.advance(10);
  expectEqual(aDone, true);
});

behaviour('the time functions take the runtime or its timer queue alike', () => {
  const h = new Host();
  const fired: string[] = [];
  const waits = [['rt', sleep(h.rt, 20)], ['queue', sleep(h.rt.timers, 20)], ['tick rt', ticker(h.rt, 20)], ['tick queue', ticker(h.rt.timers, 20)]] as const;
  for (const [name, w] of waits) h.rt.spawn(task((cx) => { const r = w.poll(cx); if (r !== PENDING) fired.push(name + '@' + h.now); return r; }), name);
  h.advance(30);
  expectEqual(fired, ['rt@20', 'queue@20', 'tick rt@20', 'tick queue@20']);
});
