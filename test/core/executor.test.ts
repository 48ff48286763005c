import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Executor, SpawnError } from '../../src/core/executor.ts';
import { JoinError, JoinHandle, isJoinError } from '../../src/core/join-handle.ts';
import { PENDING } from '../../src/core/poll.ts';
import { HostPlatform } from '../../src/targets/host/platform.ts';
import { Forever, Gate, task } from '../helpers.ts';

function setup(capacity = 4) {
  const p = new HostPlatform();
  const ex = new Executor(capacity, p, p);
  return { p, ex };
}

function handle<T>(h: JoinHandle<T> | SpawnError): JoinHandle<T> {
  assert.ok(h instanceof JoinHandle, String(h));
  return h;
}

test('spawning pends the executor once', () => {
  const { p, ex } = setup();
  ex.spawn(new Forever(), 'a');
  ex.spawn(new Forever(), 'b');
  assert.deepEqual(p.take(), ['spawn a', 'pend', 'spawn b']);
  ex.runUntilIdle();
  assert.deepEqual(p.take(), ['poll a', 'pending a', 'poll b', 'pending b', 'idle']);
});

test('a task is polled only after a wake', () => {
  const { p, ex } = setup();
  const g = new Gate();
  ex.spawn(g, 'a');
  ex.runUntilIdle();
  p.take();
  ex.runUntilIdle();
  ex.runUntilIdle();
  assert.deepEqual(p.take(), ['idle', 'idle']);
  assert.equal(g.polls, 1);
  g.open();
  ex.runUntilIdle();
  assert.deepEqual(p.take(), ['wake a', 'pend', 'poll a', 'ready a', 'idle']);
});

test('two wakes before a poll cause one poll', () => {
  const { p, ex } = setup();
  const g = new Gate();
  ex.spawn(g, 'a');
  ex.runUntilIdle();
  p.take();
  g.waker!.wake();
  g.waker!.wake();
  ex.runUntilIdle();
  assert.deepEqual(p.take(), ['wake a', 'pend', 'wake a', 'poll a', 'pending a', 'idle']);
  assert.equal(g.polls, 2);
});

test('waking a finished task does not poll it', () => {
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
  assert.deepEqual(p.take(), ['wake #0', 'idle']);
  assert.equal(g.polls, 2);
});

test('a task woken during a pass is polled in the next pass', () => {
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
  ex.wakers[0]!.wake();
  assert.equal(ex.runPass(), 1, 'the first pass polls only a');
  assert.deepEqual(p.take(), ['wake a', 'pend', 'poll a', 'wake b', 'wake a', 'pending a']);
  assert.equal(ex.runPass(), 2, 'b and a run in the next pass, in wake order');
  assert.deepEqual(p.take(), ['poll b', 'pending b', 'poll a', 'pending a']);
});

test('a stale waker of a reused slot costs at most one spurious poll', () => {
  const { p, ex } = setup(1);
  const old = new Gate();
  ex.spawn(old, 'old');
  ex.runUntilIdle();
  const stale = old.waker!;
  old.open();
  ex.runUntilIdle();
  const fresh = new Gate();
  const h = handle(ex.spawn(fresh, 'new'));
  assert.equal(h.slot, 0, 'the slot is reused');
  ex.runUntilIdle();
  p.take();
  stale.wake();
  stale.wake();
  ex.runUntilIdle();
  assert.deepEqual(p.take(), ['wake new', 'pend', 'wake new', 'poll new', 'pending new', 'idle']);
  assert.equal(fresh.polls, 2, 'one first poll, one spurious poll');
  assert.equal(h.isFinished(), false);
});

test('spawn on a full table returns busy and changes nothing', () => {
  const { p, ex } = setup(2);
  ex.spawn(new Forever(), 'a');
  ex.spawn(new Forever(), 'b');
  p.take();
  const r = ex.spawn(new Forever(), 'c');
  assert.ok(r instanceof SpawnError);
  assert.equal(r.kind, 'busy');
  assert.match(r.message, /task table is full \(2 tasks\).*raise `tasks`/);
  assert.match(r.message, /"c"/);
  assert.deepEqual(p.take(), []);
  assert.equal(ex.tasks, 2);
  assert.equal(ex.ready, 2);
  ex.runUntilIdle();
  assert.deepEqual(p.take(), ['poll a', 'pending a', 'poll b', 'pending b', 'idle']);
});

test('a task that throws is failed, its joiner gets the error, and the others go on', () => {
  const { p, ex } = setup();
  const boom = new Error('sensor not found');
  const h = handle(ex.spawn(task(() => { throw boom; }), 'bad'));
  const g = new Gate<number>();
  const hg = handle(ex.spawn(g, 'good'));
  ex.runUntilIdle();
  assert.deepEqual(p.take(), ['spawn bad', 'pend', 'spawn good', 'poll bad', 'fail bad', 'report TaskThrew', 'poll good', 'pending good', 'idle']);
  const out = h.poll(ex.contexts[0]!);
  assert.ok(isJoinError(out));
  assert.equal(out.kind, 'failed');
  assert.equal(out.cause, boom);
  assert.match(out.message, /task "bad" threw: sensor not found/);
  assert.equal(p.reports.length, 1);
  g.open(7);
  ex.runUntilIdle();
  assert.equal(hg.poll(ex.contexts[1]!), 7);
});

test('a joiner is woken with the output when the task ends', () => {
  const { p, ex } = setup();
  const g = new Gate<string>();
  const h = handle(ex.spawn(g, 'worker'));
  let got: unknown = PENDING;
  ex.spawn(task((cx) => (got = h.poll(cx))), 'joiner');
  ex.runUntilIdle();
  p.take();
  g.open('done');
  ex.runUntilIdle();
  assert.deepEqual(p.take(), ['wake worker', 'pend', 'poll worker', 'ready worker', 'wake joiner', 'poll joiner', 'ready joiner', 'idle']);
  assert.equal(got, 'done');
});

test('abort drops the future, frees the slot and the joiner sees a value', () => {
  const { p, ex } = setup(1);
  const g = new Gate();
  const h = handle(ex.spawn(g, 'a'));
  ex.runUntilIdle();
  const w = g.waker!;
  p.take();
  assert.equal(h.abort(), true);
  assert.equal(g.drops, 1);
  assert.equal(g.waker, null, 'the registration was released');
  const out = h.poll(ex.contexts[0]!);
  assert.ok(out instanceof JoinError);
  assert.equal(out.kind, 'aborted');
  assert.equal(h.abort(), false, 'aborting twice does nothing');
  assert.equal(ex.tasks, 0);
  w.wake();
  ex.runUntilIdle();
  assert.deepEqual(p.take(), ['abort a', 'wake #0', 'idle']);
  assert.ok(ex.spawn(new Forever(), 'b') instanceof JoinHandle, 'the slot is free again');
});

test('an old handle cannot abort the new occupant of its slot', () => {
  const { ex } = setup(1);
  const g = new Gate();
  const old = handle(ex.spawn(g, 'old'));
  ex.runUntilIdle();
  g.open();
  ex.runUntilIdle();
  const h = handle(ex.spawn(new Forever(), 'new'));
  assert.equal(old.abort(), false);
  assert.equal(h.isFinished(), false);
  assert.equal(ex.generation[0], 1);
});

test('a task that aborts itself ends after its poll returns', () => {
  const { p, ex } = setup();
  let h: JoinHandle<never> | null = null;
  h = handle(ex.spawn(task<never>(() => { h!.abort(); return PENDING; }), 'self'));
  ex.runUntilIdle();
  assert.deepEqual(p.take(), ['spawn self', 'pend', 'poll self', 'pending self', 'abort self', 'idle']);
  assert.equal(ex.tasks, 0);
});

test('a waker called after its executor stopped is ignored and reported once', () => {
  const { p, ex } = setup();
  const g = new Gate();
  const h = handle(ex.spawn(g, 'a'));
  ex.runUntilIdle();
  const w = g.waker!;
  ex.stop();
  assert.equal(g.drops, 1, 'stop drops live tasks');
  assert.ok(isJoinError(h.poll(ex.contexts[0]!)));
  p.take();
  w.wake();
  w.wake();
  ex.runUntilIdle();
  assert.deepEqual(p.take(), ['wake #0', 'report WakeAfterStop', 'wake #0', 'idle']);
  assert.equal(ex.lateWakes, 2);
  assert.match(p.reports.at(-1)!.message, /after its executor stopped/);
  const r = ex.spawn(new Forever(), 'late');
  assert.ok(r instanceof SpawnError);
  assert.equal(r.kind, 'stopped');
});

test('a bad capacity is refused with a message naming it', () => {
  const p = new HostPlatform();
  assert.throws(() => new Executor(0, p), /Executor: the capacity must be a whole number >= 1, got 0/);
  assert.throws(() => new Executor(2.5, p), /got 2.5/);
  assert.throws(() => new Executor(NaN, p), /got NaN/);
});

test('runBounded stops after its budget and says whether work is left', () => {
  const { ex } = setup();
  for (let i = 0; i < 3; i++) ex.spawn(new Forever(), 't' + i);
  assert.equal(ex.runBounded(2), false);
  assert.equal(ex.ready, 1);
  assert.equal(ex.runBounded(2), true);
});

test('wakers are made once per slot and clone to themselves', () => {
  const { ex } = setup(3);
  const w = ex.wakers[1]!;
  assert.equal(w.clone(), w);
  assert.equal(ex.contexts[1]!.waker, w);
  assert.ok(w.willWake(ex.wakers[1]!));
  assert.ok(!w.willWake(ex.wakers[2]!));
  assert.equal(w.data, 1);
});

test('a task aborted by another task during a run is aborted, not polled again', () => {
  const { p, ex } = setup();
  const victim = new Gate();
  const hv = handle(ex.spawn(victim, 'victim'));
  ex.runUntilIdle();
  victim.waker!.wake();
  ex.spawn(task(() => { hv.abort(); return 'done'; }), 'killer');
  p.take();
  ex.runUntilIdle();
  assert.deepEqual(p.take(), ['poll victim', 'pending victim', 'poll killer', 'ready killer', 'abort victim', 'idle']);
  assert.equal(victim.polls, 2);
  assert.equal(victim.drops, 1);
  assert.equal(hv.isFinished(), true);
});

test('stop called from inside a task aborts every task when the run ends', () => {
  const { p, ex } = setup();
  const g = new Gate();
  const hg = handle(ex.spawn(g, 'other'));
  ex.spawn(task(() => { ex.stop(); return PENDING; }), 'stopper');
  ex.runUntilIdle();
  assert.ok(ex.isStopped);
  assert.equal(g.drops, 1);
  assert.equal(ex.tasks, 0);
  assert.ok(isJoinError(hg.poll(ex.contexts[0]!)));
  assert.deepEqual(p.take().slice(-4), ['pending stopper', 'abort other', 'abort stopper', 'idle']);
  assert.ok(ex.spawn(new Forever(), 'late') instanceof SpawnError);
});
