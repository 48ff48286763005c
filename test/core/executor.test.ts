import { behaviour } from '../portable/behaviour.ts';
import { expectEqual, expectMatch, expectThrows, expectTrue } from '../portable/expect.ts';
import { Executor, SpawnError } from '../../src/core/executor.ts';
import { JoinError, JoinHandle, isJoinError, spawnJoin } from '../../src/core/join-handle.ts';
import { PENDING } from '../../src/core/poll.ts';
import { HostPlatform } from '../../src/targets/host/platform.ts';
import { Forever, Gate, task } from '../helpers.ts';

function setup(capacity = 4) {
  const p = new HostPlatform();
  const ex = new Executor(capacity, p, p);
  return { p, ex };
}

function handle<T>(h: JoinHandle<T> | SpawnError): JoinHandle<T> {
  expectTrue(h instanceof JoinHandle, String(h));
  return h;
}

behaviour('spawning pends the executor once', () => {
  const { p, ex } = setup();
  ex.spawn(new Forever(), 'a');
  ex.spawn(new Forever(), 'b');
  expectEqual(p.take(), ['spawn a', 'pend', 'spawn b']);
  ex.runUntilIdle();
  expectEqual(p.take(), ['poll a', 'pending a', 'poll b', 'pending b', 'idle']);
});

behaviour('a task is polled only after a wake', () => {
  const { p, ex } = setup();
  const g = new Gate();
  ex.spawn(g, 'a');
  ex.runUntilIdle();
  p.take();
  ex.runUntilIdle();
  ex.runUntilIdle();
  expectEqual(p.take(), ['idle', 'idle']);
  expectEqual(g.polls, 1);
  g.open();
  ex.runUntilIdle();
  expectEqual(p.take(), ['wake a', 'pend', 'poll a', 'ready a', 'idle']);
});

behaviour('two wakes before a poll cause one poll', () => {
  const { p, ex } = setup();
  const g = new Gate();
  ex.spawn(g, 'a');
  ex.runUntilIdle();
  p.take();
  g.waker!.wake();
  g.waker!.wake();
  ex.runUntilIdle();
  expectEqual(p.take(), ['wake a', 'pend', 'wake a', 'poll a', 'pending a', 'idle']);
  expectEqual(g.polls, 2);
});

behaviour('waking a finished task does not poll it', () => {
  const { p, ex } = setup();
  const g = new Gate();
  ex.spawn(g, 'a');
  ex.runUntilIdle();
  const w = g.waker!;
  g.open();
  ex.runUntilIdle();
  p.take();
  w.wake();
  ex.runUntilIdle();
  expectEqual(p.take(), ['wake #0', 'idle']);
  expectEqual(g.polls, 2);
});

behaviour('a task woken during a pass is polled in the next pass', () => {
  const { p, ex } = setup();
  const gb = new Gate();
  let aPolls = 0;
  // a wakes b while it is being polled, and wakes itself once.
  ex.spawn(task((cx) => {
    aPolls++;
    if (aPolls === 2) {
      gb.waker!.wake();
      cx.waker.wake();
    }
    return PENDING;
  }), 'a');
  ex.spawn(gb, 'b');
  ex.runUntilIdle();
  p.take();
  ex.contexts[0]!.waker.wake();
  expectEqual(ex.runPass(), 1, 'the first pass polls only a');
  expectEqual(p.take(), ['wake a', 'pend', 'poll a', 'wake b', 'wake a', 'pending a']);
  expectEqual(ex.runPass(), 2, 'b and a run in the next pass, in wake order');
  expectEqual(p.take(), ['poll b', 'pending b', 'poll a', 'pending a']);
});

behaviour('a stale waker of a reused slot costs at most one spurious poll', () => {
  const { p, ex } = setup(1);
  const old = new Gate();
  ex.spawn(old, 'old');
  ex.runUntilIdle();
  const stale = old.waker!;
  old.open();
  ex.runUntilIdle();
  const fresh = new Gate();
  const h = handle(spawnJoin(ex, fresh, 'new'));
  expectEqual(ex.tasks, 1, 'the one slot is reused');
  ex.runUntilIdle();
  p.take();
  stale.wake();
  stale.wake();
  ex.runUntilIdle();
  expectEqual(p.take(), ['wake new', 'pend', 'wake new', 'poll new', 'pending new', 'idle']);
  expectEqual(fresh.polls, 2, 'one first poll, one spurious poll');
  expectEqual(h.isFinished(), false);
});

behaviour('spawn on a full table returns busy and changes nothing', () => {
  const { p, ex } = setup(2);
  ex.spawn(new Forever(), 'a');
  ex.spawn(new Forever(), 'b');
  p.take();
  const r = ex.spawn(new Forever(), 'c');
  expectTrue(r instanceof SpawnError);
  expectEqual(r.kind, 'busy');
  expectMatch(r.message, 'task table is full (2 tasks)', 'raise `tasks`');
  expectMatch(r.message, '"c"');
  expectEqual(p.take(), []);
  expectEqual(ex.tasks, 2);
  expectEqual(ex.ready, 2);
  ex.runUntilIdle();
  expectEqual(p.take(), ['poll a', 'pending a', 'poll b', 'pending b', 'idle']);
});

behaviour('a task that throws is failed, its joiner gets the error, and the others go on', () => {
  const { p, ex } = setup();
  const boom = new Error('sensor not found');
  const h = handle(spawnJoin(ex, task(() => { throw boom; }), 'bad'));
  const g = new Gate<number>();
  const hg = handle(spawnJoin(ex, g, 'good'));
  ex.runUntilIdle();
  expectEqual(p.take(), ['spawn bad', 'pend', 'spawn good', 'poll bad', 'fail bad', 'report TaskThrew', 'poll good', 'pending good', 'idle']);
  const out = h.poll(ex.contexts[0]!);
  expectTrue(isJoinError(out));
  expectEqual(out.kind, 'failed');
  expectEqual(out.cause, boom);
  expectMatch(out.message, 'task "bad" threw: sensor not found');
  expectEqual(p.reports.length, 1);
  g.open(7);
  ex.runUntilIdle();
  expectEqual(hg.poll(ex.contexts[1]!), 7);
});

behaviour('a joiner is woken with the output when the task ends', () => {
  const { p, ex } = setup();
  const g = new Gate<string>();
  const h = handle(spawnJoin(ex, g, 'worker'));
  let got: unknown = PENDING;
  ex.spawn(task((cx) => (got = h.poll(cx))), 'joiner');
  ex.runUntilIdle();
  p.take();
  g.open('done');
  ex.runUntilIdle();
  expectEqual(p.take(), ['wake worker', 'pend', 'poll worker', 'ready worker', 'wake joiner', 'poll joiner', 'ready joiner', 'idle']);
  expectEqual(got, 'done');
});

behaviour('abort drops the future, frees the slot and the joiner sees a value', () => {
  const { p, ex } = setup(1);
  const g = new Gate();
  const h = handle(spawnJoin(ex, g, 'a'));
  ex.runUntilIdle();
  const w = g.waker!;
  p.take();
  expectEqual(h.abort(), true);
  expectEqual(g.drops, 1);
  expectEqual(g.waker, null, 'the registration was released');
  const out = h.poll(ex.contexts[0]!);
  expectTrue(out instanceof JoinError);
  expectEqual(out.kind, 'aborted');
  expectEqual(h.abort(), false, 'aborting twice does nothing');
  expectEqual(ex.tasks, 0);
  w.wake();
  ex.runUntilIdle();
  expectEqual(p.take(), ['abort a', 'wake #0', 'idle']);
  expectEqual(ex.spawn(new Forever(), 'b'), null, 'the slot is free again');
});

behaviour('an old handle cannot abort the new occupant of its slot', () => {
  const { ex } = setup(1);
  const g = new Gate();
  const old = handle(spawnJoin(ex, g, 'old'));
  ex.runUntilIdle();
  g.open();
  ex.runUntilIdle();
  const h = handle(spawnJoin(ex, new Forever(), 'new'));
  expectEqual(old.abort(), false);
  expectEqual(h.isFinished(), false);
});

behaviour('a task that aborts itself ends after its poll returns', () => {
  const { p, ex } = setup();
  let h: JoinHandle<never> | null = null;
  h = handle(spawnJoin(ex, task<never>(() => { h!.abort(); return PENDING; }), 'self'));
  ex.runUntilIdle();
  expectEqual(p.take(), ['spawn self', 'pend', 'poll self', 'pending self', 'abort self', 'idle']);
  expectEqual(ex.tasks, 0);
});

behaviour('a waker called after its executor stopped is ignored and reported once', () => {
  const { p, ex } = setup();
  const g = new Gate();
  const h = handle(spawnJoin(ex, g, 'a'));
  ex.runUntilIdle();
  const w = g.waker!;
  ex.stop();
  expectEqual(g.drops, 1, 'stop drops live tasks');
  expectTrue(isJoinError(h.poll(ex.contexts[0]!)));
  p.take();
  w.wake();
  w.wake();
  ex.runUntilIdle();
  expectEqual(p.take(), ['wake #0', 'report WakeAfterStop', 'wake #0', 'idle']);
  expectEqual(ex.lateWakes, 2);
  expectMatch(p.reports[p.reports.length - 1]!.message, 'after its executor stopped');
  const r = ex.spawn(new Forever(), 'late');
  expectTrue(r instanceof SpawnError);
  expectEqual(r.kind, 'stopped');
});

behaviour('a bad capacity is refused with a message naming it', () => {
  const p = new HostPlatform();
  expectThrows(() => new Executor(0, p), 'Executor: the capacity must be a whole number >= 1, got 0');
  expectThrows(() => new Executor(2.5, p), 'got 2.5');
  expectThrows(() => new Executor(NaN, p), 'got NaN');
});

behaviour('runBounded stops after its budget and says whether work is left', () => {
  const { ex } = setup();
  for (let i = 0; i < 3; i++) ex.spawn(new Forever(), 't' + i);
  expectEqual(ex.runBounded(2), false);
  expectEqual(ex.ready, 1);
  expectEqual(ex.runBounded(2), true);
});

behaviour('wakers are made once per slot and clone to themselves', () => {
  const { ex } = setup(3);
  const w = ex.contexts[1]!.waker;
  expectEqual(w.clone(), w);
  expectEqual(ex.contexts[1]!.waker, w);
  expectTrue(w.willWake(ex.contexts[1]!.waker));
  expectTrue(!w.willWake(ex.contexts[2]!.waker));
  expectEqual(w.data, 1);
});

behaviour('a task aborted by another task during a run is aborted, not polled again', () => {
  const { p, ex } = setup();
  const victim = new Gate();
  const hv = handle(spawnJoin(ex, victim, 'victim'));
  ex.runUntilIdle();
  victim.waker!.wake();
  ex.spawn(task(() => { hv.abort(); return 'done'; }), 'killer');
  p.take();
  ex.runUntilIdle();
  expectEqual(p.take(), ['poll victim', 'pending victim', 'poll killer', 'ready killer', 'abort victim', 'idle']);
  expectEqual(victim.polls, 2);
  expectEqual(victim.drops, 1);
  expectEqual(hv.isFinished(), true);
});

behaviour('stop called from inside a task aborts every task when the run ends', () => {
  const { p, ex } = setup();
  const g = new Gate();
  const hg = handle(spawnJoin(ex, g, 'other'));
  ex.spawn(task(() => { ex.stop(); return PENDING; }), 'stopper');
  ex.runUntilIdle();
  expectTrue(ex.stopped);
  expectEqual(g.drops, 1);
  expectEqual(ex.tasks, 0);
  expectTrue(isJoinError(hg.poll(ex.contexts[0]!)));
  expectEqual(p.take().slice(-4), ['pending stopper', 'abort other', 'abort stopper', 'idle']);
  expectTrue(ex.spawn(new Forever(), 'late') instanceof SpawnError);
});
