// Combinators over fixed arrays of futures: join, select, yieldNow, pollFn.
//
// Each is an object made once (at start-up) and reusable: after it answers,
// it is idle again. None allocates while it is polled.

import { PENDING } from './poll.ts';
import type { Future, Output, Poll } from './poll.ts';
import type { Context } from './waker.ts';

type Outputs<F extends readonly Future<unknown>[]> = { -readonly [K in keyof F]: Output<F[K]> };

/**
 * Ready when every future is ready; answers their outputs in order. The
 * answer is the same array every time (reused, not copied): read it before
 * polling again. Cancel safety: drop() drops the futures not yet ready.
 */
export class Join<F extends readonly Future<unknown>[]> implements Future<Outputs<F>> {
  readonly futures: F;
  private readonly done: Uint8Array;
  private readonly outputs: unknown[] = [];
  private remaining: number;

  constructor(futures: F) {
    this.futures = futures;
    this.done = new Uint8Array(futures.length);
    for (let i = 0; i < futures.length; i++) this.outputs.push(undefined);
    this.remaining = futures.length;
  }

  poll(cx: Context): Poll<Outputs<F>> {
    const fs = this.futures;
    for (let i = 0; i < fs.length; i++) {
      if (this.done[i] !== 0) continue;
      const v = fs[i]!.poll(cx);
      if (v === PENDING) continue;
      this.outputs[i] = v;
      this.done[i] = 1;
      this.remaining--;
    }
    if (this.remaining > 0) return PENDING;
    this.done.fill(0);
    this.remaining = fs.length;
    return this.outputs as Outputs<F>;
  }

  drop(): void {
    const fs = this.futures;
    for (let i = 0; i < fs.length; i++) {
      const f = fs[i]!;
      if (this.done[i] === 0 && f.drop !== undefined) f.drop();
    }
    this.done.fill(0);
    this.remaining = fs.length;
  }
}

/**
 * Ready when the first future is ready: answers its index, with its output in
 * `value`. Every other future is dropped at once, so their registrations no
 * longer wake anyone. Futures are polled in order, so an earlier one wins a
 * tie. Cancel safety: as its futures'; drop() drops them all.
 */
export class Select<F extends readonly Future<unknown>[]> implements Future<number> {
  readonly futures: F;
  /** The winner's output, after the select answered. */
  value: Output<F[number]> | undefined = undefined;

  constructor(futures: F) {
    this.futures = futures;
  }

  poll(cx: Context): Poll<number> {
    const fs = this.futures;
    for (let i = 0; i < fs.length; i++) {
      const v = fs[i]!.poll(cx);
      if (v === PENDING) continue;
      this.value = v as Output<F[number]>;
      for (let j = 0; j < fs.length; j++) {
        const f = fs[j]!;
        if (j !== i && f.drop !== undefined) f.drop();
      }
      return i;
    }
    return PENDING;
  }

  drop(): void {
    const fs = this.futures;
    for (let i = 0; i < fs.length; i++) {
      const f = fs[i]!;
      if (f.drop !== undefined) f.drop();
    }
  }
}

export function join<F extends readonly Future<unknown>[]>(futures: F): Join<F> {
  return new Join(futures);
}

export function select<F extends readonly Future<unknown>[]>(futures: F): Select<F> {
  return new Select(futures);
}

/** Answers PENDING once (waking its own task), then ready: lets the other queued tasks run first. */
export class YieldNow implements Future<void> {
  private yielded = false;
  poll(cx: Context): Poll<void> {
    if (this.yielded) {
      this.yielded = false;
      return undefined;
    }
    this.yielded = true;
    cx.waker.wake();
    return PENDING;
  }
  drop(): void {
    this.yielded = false;
  }
}

export function yieldNow(): YieldNow {
  return new YieldNow();
}

/** A future whose poll is `fn`. With `drop`, cancelling runs it. */
export class PollFn<T> implements Future<T> {
  private readonly fn: (cx: Context) => Poll<T>;
  private readonly onDrop: (() => void) | null;
  constructor(fn: (cx: Context) => Poll<T>, onDrop: (() => void) | null = null) {
    this.fn = fn;
    this.onDrop = onDrop;
  }
  poll(cx: Context): Poll<T> {
    return this.fn(cx);
  }
  drop(): void {
    if (this.onDrop !== null) this.onDrop();
  }
}

export function pollFn<T>(fn: (cx: Context) => Poll<T>, onDrop: (() => void) | null = null): PollFn<T> {
  return new PollFn(fn, onDrop);
}
