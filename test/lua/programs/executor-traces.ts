// The executor's behaviour traces (test/core/executor.test.ts) as one program
// that prints them, so the same scenarios run on the host and, compiled by
// src/build/lua.ts, on Lua 5.1 and 5.3; test/lua/executor-traces.test.ts
// checks the outputs are the same line for line.

import { Executor, SpawnError } from '../../../src/core/executor.ts';
import { JoinError, JoinHandle, isJoinError } from '../../../src/core/join-handle.ts';
import { PENDING } from '../../../src/core/poll.ts';
import { HostPlatform } from '../../../src/targets/host/platform.ts';
import { Forever, Gate, task } from '../../helpers.ts';

function setup(capacity: number) {
  const p = new HostPlatform();
  const ex = new Executor(capacity, p, p);
  return { p, ex };
}

function show(what: string, trace: string[]): void {
  console.log(what + ': ' + trace.join(' | '));
}

function value(what: string, v: unknown): void {
  console.log(what + ' = ' + String(v));
}

function scenario(name: string, body: () => void): void {
  console.log('== ' + name);
  body();
}

scenario('spawning pends the executor once', () => {
  const { p, ex } = setup(4);
  ex.spawn(new Forever(), 'a');
  ex.spawn(new Forever(), 'b');
  show('spawn', p.take());
  ex.runUntilIdle();
  show('run', p.take());
});

scenario('a task is polled only after a wake', () => {
  const { p, ex } = setup(4);
  const g = new Gate();
  ex.spawn(g, 'a');
  ex.runUntilIdle();
  p.take();
  ex.runUntilIdle();
  ex.runUntilIdle();
  show('runs without a wake', p.take());
  value('polls', g.polls);
  g.open();
  ex.runUntilIdle();
  show('after open', p.take());
});

scenario('two wakes before a poll cause one poll', () => {
  const { p, ex } = setup(4);
  const g = new Gate();
  ex.spawn(g, 'a');
  ex.runUntilIdle();
  p.take();
  g.waker!.wake();
  g.waker!.wake();
  ex.runUntilIdle();
  show('trace', p.take());
  value('polls', g.polls);
});

scenario('waking a finished task does not poll it', () => {
  const { p, ex } = setup(4);
  const g = new Gate();
  ex.spawn(g, 'a');
  ex.runUntilIdle();
  const w = g.waker!;
  g.open();
  ex.runUntilIdle();
  p.take();
  w.wake();
  ex.runUntilIdle();
  show('trace', p.take());
  value('polls', g.polls);
});

scenario('a task woken during a pass is polled in the next pass', () => {
  const { p, ex } = setup(4);
  const gb = new Gate();
  let aPolls = 0;
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
  value('first pass polls', ex.runPass());
  show('first pass', p.take());
  value('second pass polls', ex.runPass());
  show('second pass', p.take());
});

scenario('a stale waker of a reused slot costs at most one spurious poll', () => {
  const { p, ex } = setup(1);
  const old = new Gate();
  ex.spawn(old, 'old');
  ex.runUntilIdle();
  const stale = old.waker!;
  old.open();
  ex.runUntilIdle();
  const fresh = new Gate();
  const h = ex.spawn(fresh, 'new') as JoinHandle<void>;
  value('slot', h.slot);
  ex.runUntilIdle();
  p.take();
  stale.wake();
  stale.wake();
  ex.runUntilIdle();
  show('trace', p.take());
  value('polls', fresh.polls);
  value('finished', h.isFinished());
});

scenario('spawn on a full table returns busy and changes nothing', () => {
  const { p, ex } = setup(2);
  ex.spawn(new Forever(), 'a');
  ex.spawn(new Forever(), 'b');
  p.take();
  const r = ex.spawn(new Forever(), 'c');
  value('is SpawnError', r instanceof SpawnError);
  if (r instanceof SpawnError) {
    value('kind', r.kind);
    value('message', r.message);
  }
  show('trace', p.take());
  value('tasks', ex.tasks);
  value('ready', ex.ready);
  ex.runUntilIdle();
  show('run', p.take());
});

scenario('a task that throws is failed, its joiner gets the error, and the others go on', () => {
  const { p, ex } = setup(4);
  const boom = new Error('sensor not found');
  const h = ex.spawn(task(() => { throw boom; }), 'bad') as JoinHandle<never>;
  const g = new Gate<number>();
  const hg = ex.spawn(g, 'good') as JoinHandle<number>;
  ex.runUntilIdle();
  show('trace', p.take());
  const out = h.poll(ex.contexts[0]!);
  value('is JoinError', isJoinError(out));
  if (isJoinError(out)) {
    value('kind', out.kind);
    value('cause is the thrown error', out.cause === boom);
    value('message', out.message);
  }
  value('reports', p.reports.length);
  g.open(7);
  ex.runUntilIdle();
  value('good answers', hg.poll(ex.contexts[1]!));
});

scenario('abort drops the future, frees the slot and the joiner sees a value', () => {
  const { p, ex } = setup(1);
  const g = new Gate();
  const h = ex.spawn(g, 'a') as JoinHandle<void>;
  ex.runUntilIdle();
  const w = g.waker!;
  p.take();
  value('abort', h.abort());
  value('drops', g.drops);
  value('registration released', g.waker === null);
  const out = h.poll(ex.contexts[0]!);
  value('is JoinError', out instanceof JoinError);
  if (out instanceof JoinError) value('kind', out.kind);
  value('abort again', h.abort());
  value('tasks', ex.tasks);
  w.wake();
  ex.runUntilIdle();
  show('trace', p.take());
  value('slot free again', ex.spawn(new Forever(), 'b') instanceof JoinHandle);
});
