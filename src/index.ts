// flagpoll's public API.

export { PENDING, isPending, isReady } from './core/poll.ts';
export type { Future, Output, Pending, Poll } from './core/poll.ts';
export { Context, NOOP_CONTEXT, NOOP_WAKER, Waker } from './core/waker.ts';
export type { RawWakerVTable } from './core/waker.ts';
export { Executor, SpawnError } from './core/executor.ts';
export { JoinError, JoinHandle, isJoinError } from './core/join-handle.ts';
export type { ExecutorHooks, TraceKind, Tracer } from './core/hooks.ts';
export { Code, FlagpollError, explain } from './core/errors.ts';
export { Join, PollFn, Select, YieldNow, join, pollFn, select, yieldNow } from './core/combinators.ts';
export { Channel, Recv, Send } from './sync/channel.ts';
export { Mutex, Lock } from './sync/mutex.ts';
export { Notify, Notified } from './sync/notify.ts';
export { Signal, SignalWait } from './sync/signal.ts';
export { DEFAULT_WAITERS, WaitQueue } from './sync/wait-queue.ts';
export type { Waiter } from './sync/wait-queue.ts';
export { Sleep, sleep, sleepUntil } from './time/sleep.ts';
export { Ticker } from './time/ticker.ts';
export { TIMED_OUT, Timeout, timeout } from './time/timeout.ts';
export type { TimedOut } from './time/timeout.ts';
export { TimerQueue } from './time/timer-queue.ts';
export type { Clock, TimerEntry } from './time/timer-queue.ts';
export type { Platform } from './hal/platform.ts';
export { Runtime } from './runtime.ts';
export type { RuntimeOptions } from './runtime.ts';
