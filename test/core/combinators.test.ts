import { behaviour } from '../portable/behaviour.ts';
import { expectEqual } from '../portable/expect.ts';
import { join, select, yieldNow } from '../../src/core/combinators.ts';
import { PENDING } from '../../src/core/poll.ts';
import { Channel } from '../../src/sync/channel.ts';
import { Host } from '../../src/targets/host/platform.ts';
import { Gate, task } from '../helpers.ts';

behaviour("select drops the loser and the loser's registration no longer wakes anyone", () => {
  const h = new Host();
  const fast = new Channel<string>(1);
  const slow = new Channel<string>(1);
  const sel = select([fast.recv(), slow.recv()] as const);
  let winner = -1;
  h.rt.spawn(task((cx) => {
    if (winner >= 0) return PENDING; // after the select, the task waits for nothing
    const i = sel.poll(cx);
    if (i === PENDING) return PENDING;
    winner = i;
    return PENDING;
  }), 'sel');
  h.run();
  expectEqual(fast.receivers.length, 1);
  expectEqual(slow.receivers.length, 1);
  fast.trySend('first');
  h.run();
  expectEqual(winner, 0);
  expectEqual(sel.value, 'first');
  expectEqual(slow.receivers.length, 0, 'the loser left the waiter list');
  h.take();
  slow.trySend('late');
  h.run();
  expectEqual(h.take(), ['idle'], 'the loser woke nobody');
  expectEqual(slow.tryRecv(), 'late', 'and took nothing');
});

behaviour('an earlier future wins a tie in select', () => {
  const a = new Gate<number>();
  const b = new Gate<number>();
  a.open(1);
  b.open(2);
  const sel = select([a, b]);
  const h = new Host();
  let got: unknown;
  h.rt.spawn(task((cx) => (got = sel.poll(cx))), 's');
  h.run();
  expectEqual(got, 0);
  expectEqual(sel.value, 1);
  expectEqual(b.drops, 1);
});

behaviour('join answers every output in order once all are ready, polling only the unfinished', () => {
  const a = new Gate<string>();
  const b = new Gate<number>();
  const j = join([a, b] as const);
  const h = new Host();
  let out: unknown = PENDING;
  h.rt.spawn(task((cx) => (out = j.poll(cx))), 'j');
  h.run();
  b.open(2);
  h.run();
  expectEqual(out, PENDING);
  expectEqual(b.polls, 2);
  a.open('x');
  h.run();
  expectEqual(out, ['x', 2]);
  expectEqual(b.polls, 2, 'a ready future is not polled again');
});

behaviour('yieldNow lets the other queued tasks run first', () => {
  const h = new Host();
  const y = yieldNow();
  let step = 0;
  h.rt.spawn(task((cx) => {
    if (step === 0 && y.poll(cx) === PENDING) return PENDING;
    step = 1;
    return 'done';
  }), 'y');
  h.rt.spawn(task(() => 'other'), 'other');
  h.run();
  expectEqual(h.take(), ['spawn y', 'pend', 'spawn other', 'poll y', 'wake y', 'pending y', 'poll other', 'ready other', 'poll y', 'ready y', 'idle']);
});
