// Channel: a bounded FIFO of values between tasks, with back-pressure.
//
// The buffer is a ring of fixed capacity made with the channel. `trySend` and
// `tryRecv` answer at once; `send()` and `recv()` are futures that wait while
// the channel is full or empty. A value is woken to one waiter at a time: when
// a woken waiter is dropped before it polls, it passes the wake to the next
// waiter, so no value or free place is ever left with nobody told.

import { checkCapacity } from '../core/errors.ts';
import { PENDING } from '../core/poll.ts';
import type { Future, Poll } from '../core/poll.ts';
import type { Context, Waker } from '../core/waker.ts';
import { DEFAULT_WAITERS, WaitQueue } from './wait-queue.ts';
import type { Waiter } from './wait-queue.ts';

export class Channel<T> {
  readonly capacity: number;
  private readonly buf: (T | undefined)[] = [];
  private head = 0;
  /** Values in the channel now (read it, do not set it; a field, not a getter: on Lua a getter is a function every firmware carries). */
  length = 0;
  /** @internal */
  readonly receivers: WaitQueue<Recv<T>>;
  /** @internal */
  readonly senders: WaitQueue<Send<T>>;

  /** `capacity` values fit before send waits; a whole number >= 1. */
  constructor(capacity: number, waiters = DEFAULT_WAITERS) {
    checkCapacity('Channel', capacity);
    checkCapacity('Channel waiters', waiters);
    this.capacity = capacity;
    for (let i = 0; i < capacity; i++) this.buf.push(undefined);
    this.receivers = new WaitQueue(waiters);
    this.senders = new WaitQueue(waiters);
  }


  isFull(): boolean {
    return this.length === this.capacity;
  }

  isEmpty(): boolean {
    return this.length === 0;
  }

  /** Put `v` at the back; false (and nothing changes) when full. */
  trySend(v: T): boolean {
    if (this.length === this.capacity) return false;
    let tail = this.head + this.length;
    if (tail >= this.capacity) tail -= this.capacity;
    this.buf[tail] = v;
    this.length++;
    wakeNext(this.receivers);
    return true;
  }

  /** Take the front value, or PENDING when empty. */
  tryRecv(): Poll<T> {
    if (this.length === 0) return PENDING;
    const v = this.buf[this.head] as T;
    this.buf[this.head] = undefined;
    const head = this.head + 1;
    this.head = head === this.capacity ? 0 : head;
    this.length--;
    wakeNext(this.senders);
    return v;
  }

  /** A future that receives one value. Allocates: make it once and poll it in a loop. */
  recv(): Recv<T> {
    return new Recv(this);
  }

  /** A future that sends values set with `set(v)` (or the one given here). Allocates: make it once. */
  send(v?: T): Send<T> {
    const s = new Send(this);
    if (v !== undefined) s.set(v);
    return s;
  }
}

interface Baton extends Waiter {
  /** Woken by the channel and not yet polled or dropped. */
  woken: boolean;
}

function wakeNext<W extends Baton>(q: WaitQueue<W>): void {
  const w = q.wakeOne();
  if (w !== null) w.woken = true;
}

/**
 * `w` leaves `q` (it answered, or it is dropped); when `passOn` and there is
 * `more` (values for receivers, room for senders), the next waiter is told.
 * One function for Recv and Send, answering and dropping.
 */
function leave<W extends Baton>(w: W, q: WaitQueue<W>, passOn: boolean, more: boolean): void {
  q.remove(w);
  w.waker = null;
  w.woken = false;
  if (passOn && more) wakeNext(q);
}

/** Receives one value. Cancel safety: strict; a dropped Recv takes nothing. */
export class Recv<T> implements Future<T>, Baton {
  waker: Waker | null = null;
  queued = false;
  woken = false;
  private readonly ch: Channel<T>;

  constructor(ch: Channel<T>) {
    this.ch = ch;
  }

  poll(cx: Context): Poll<T> {
    this.woken = false;
    const v = this.ch.tryRecv();
    if (v !== PENDING) {
      // More values and more receivers: the next one is told.
      leave(this, this.ch.receivers, true, !this.ch.isEmpty());
      return v;
    }
    this.waker = cx.waker;
    this.ch.receivers.push(this);
    return PENDING;
  }

  drop(): void {
    leave(this, this.ch.receivers, this.woken, !this.ch.isEmpty());
  }
}

/**
 * Sends the value given with `set(v)`; waits while the channel is full.
 * Cancel safety: strict; a dropped Send has sent nothing.
 */
export class Send<T> implements Future<void>, Baton {
  waker: Waker | null = null;
  queued = false;
  woken = false;
  private readonly ch: Channel<T>;
  private value: T | undefined = undefined;

  constructor(ch: Channel<T>) {
    this.ch = ch;
  }

  /** The value the next wait sends. */
  set(v: T): this {
    this.value = v;
    return this;
  }

  poll(cx: Context): Poll<void> {
    this.woken = false;
    if (this.ch.trySend(this.value as T)) {
      this.value = undefined;
      leave(this, this.ch.senders, true, !this.ch.isFull());
      return undefined;
    }
    this.waker = cx.waker;
    this.ch.senders.push(this);
    return PENDING;
  }

  drop(): void {
    leave(this, this.ch.senders, this.woken, !this.ch.isFull());
  }
}
