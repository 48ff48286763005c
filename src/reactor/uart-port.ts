// A UART as two interrupt sources: bytes received, and room to transmit.
//
// Receive: the interrupt side puts each byte into a fixed ring (its size is
// the board file's `rxBuffer`). When the ring is full the newest byte is
// dropped and counted in `overflows`; bytes already in the ring are never
// touched, so what a task reads is always what was sent, in order, with the
// dropped ones missing and counted.
//
// Transmit: `write` copies bytes into a fixed transmit ring and kicks the
// target's transmitter, which takes bytes out as fast as the line goes. When
// the ring is full the writer waits (back-pressure) until the target has
// taken some and signals room.

import { PENDING } from '../core/poll.ts';
import type { Future, Poll } from '../core/poll.ts';
import type { Context, Waker } from '../core/waker.ts';
import { DEFAULT_WAITERS, WaitQueue } from '../sync/wait-queue.ts';
import type { Waiter } from '../sync/wait-queue.ts';
import type { FlagRaiser } from './flag-raiser.ts';
import type { Reactor } from './reactor.ts';

/** What the port needs from the target: start sending (it then calls `takeTx` until -1). */
export interface UartTransmitter {
  kick(port: UartPort): void;
}

export class UartPort {
  readonly id: string;
  /** Wake flag of "bytes received". */
  readonly rxFlag: number;
  /** Wake flag of "room to transmit". */
  readonly txFlag: number;
  /** Bytes dropped because the receive ring was full. */
  overflows = 0;
  /** Bytes received in all, dropped ones included. */
  received = 0;
  private readonly rx: Uint8Array;
  private rxHead = 0;
  private rxLen = 0;
  private readonly tx: Uint8Array;
  private txHead = 0;
  private txLen = 0;
  private readonly transmitter: UartTransmitter;
  private readonly flags: FlagRaiser;
  /** @internal */
  readonly readers: WaitQueue<Waiter>;
  /** @internal */
  readonly writers: WaitQueue<Waiter>;

  constructor(id: string, flags: FlagRaiser, rxFlag: number, txFlag: number, rxSize: number, txSize: number, transmitter: UartTransmitter) {
    this.id = id;
    this.flags = flags;
    this.rxFlag = rxFlag;
    this.txFlag = txFlag;
    this.rx = new Uint8Array(rxSize);
    this.tx = new Uint8Array(txSize);
    this.transmitter = transmitter;
    this.readers = new WaitQueue(DEFAULT_WAITERS);
    this.writers = new WaitQueue(DEFAULT_WAITERS);
  }

  /** Bytes waiting in the receive ring. A method, not a getter: compiled to Lua, a firmware that never asks carries none. */
  available(): number {
    return this.rxLen;
  }

  /** Interrupt side: one byte arrived. Records it (or counts it dropped) and raises the receive flag. */
  receive(byte: number): void {
    this.received++;
    const cap = this.rx.length;
    if (this.rxLen === cap) this.overflows++;
    else {
      let at = this.rxHead + this.rxLen;
      if (at >= cap) at -= cap;
      this.rx[at] = byte;
      this.rxLen++;
    }
    this.flags.raise(this.rxFlag);
  }

  /** Take one received byte, or -1 when none. */
  tryReadByte(): number {
    if (this.rxLen === 0) return -1;
    const b = this.rx[this.rxHead]!;
    const head = this.rxHead + 1;
    this.rxHead = head === this.rx.length ? 0 : head;
    this.rxLen--;
    return b;
  }

  /** Copy received bytes into `buf` from `at`; answers how many. */
  tryRead(buf: Uint8Array, at = 0): number {
    let n = 0;
    while (at + n < buf.length && this.rxLen > 0) {
      buf[at + n] = this.tryReadByte();
      n++;
    }
    return n;
  }

  /** Copy as much of `data[from..to)` as fits into the transmit ring; answers how many. Kicks the transmitter. */
  tryWrite(data: Uint8Array | string, from: number, to: number): number {
    const cap = this.tx.length;
    let n = 0;
    const text = typeof data === 'string';
    while (from + n < to && this.txLen < cap) {
      let at = this.txHead + this.txLen;
      if (at >= cap) at -= cap;
      this.tx[at] = text ? (data as string).charCodeAt(from + n) & 0xff : (data as Uint8Array)[from + n]!;
      this.txLen++;
      n++;
    }
    if (n > 0) this.transmitter.kick(this);
    return n;
  }

  /** Target side (interrupt side): the next byte to send, or -1 when the ring is empty. Raises the transmit flag when a full ring gets room. */
  takeTx(): number {
    if (this.txLen === 0) return -1;
    const b = this.tx[this.txHead]!;
    // No `++` or `--` on a field inside an expression: compiled to Lua each is three locals and the field's name as a string.
    const head = this.txHead + 1;
    this.txHead = head === this.tx.length ? 0 : head;
    const wasFull = this.txLen === this.tx.length;
    this.txLen--;
    if (wasFull) this.flags.raise(this.txFlag);
    return b;
  }

  /** Bytes waiting to be sent. */
  pendingTx(): number {
    return this.txLen;
  }

  /** A future that reads at least one byte into `buf`, answering the count. Allocates: make it once. */
  read(buf: Uint8Array): UartRead {
    return new UartRead(this, buf, -1, false);
  }

  /**
   * A future that reads bytes into `buf` up to the byte `delimiter`, answering
   * the length of the line without the delimiter. A line longer than `buf`
   * answers -1 once its delimiter has arrived (its bytes are dropped), so the
   * next line starts clean.
   */
  readUntil(delimiter: number, buf: Uint8Array): UartRead {
    return new UartRead(this, buf, delimiter, false);
  }

  /** As readUntil, for text lines ended by LF, CR or CR LF (which counts once). */
  readLine(buf: Uint8Array): UartRead {
    return new UartRead(this, buf, 10, true);
  }

  /** A future that writes `data` (set it with `set`), waiting while the transmit ring is full. Allocates: make it once. */
  write(data?: Uint8Array | string): UartWrite {
    const w = new UartWrite(this);
    if (data !== undefined) w.set(data);
    return w;
  }
}

/** A UART on `reactor`, at start-up: it takes the next two flags (bytes received, room to transmit). */
export function addUart(reactor: Reactor, id: string, rxSize: number, txSize: number, transmitter: UartTransmitter): UartPort {
  const rx = reactor.nextFlag();
  const port = new UartPort(id, reactor, rx, rx + 1, rxSize, txSize, transmitter);
  reactor.add(port.readers, id);
  reactor.add(port.writers, id);
  return port;
}

/** See UartPort.read / readUntil / readLine. Cancel safety: bytes already taken stay in `buf`, and the next poll goes on from there. */
export class UartRead implements Future<number>, Waiter {
  waker: Waker | null = null;
  queued = false;
  readonly buf: Uint8Array;
  private readonly port: UartPort;
  private readonly delimiter: number;
  private readonly lines: boolean;
  private len = 0;
  private tooLong = false;
  private afterCR = false;

  constructor(port: UartPort, buf: Uint8Array, delimiter: number, lines: boolean) {
    this.port = port;
    this.buf = buf;
    this.delimiter = delimiter;
    this.lines = lines;
  }

  poll(cx: Context): Poll<number> {
    const p = this.port;
    if (this.delimiter < 0) {
      const n = p.tryRead(this.buf, 0);
      if (n > 0) return this.done(n);
    } else {
      for (let b = p.tryReadByte(); b >= 0; b = p.tryReadByte()) {
        // No `continue`: on Lua 5.1 TSTL wraps the body in a repeat-until loop with a flag.
        if (this.lines) {
          // CR reads as LF; the LF of a CR LF reads as nothing (-1).
          const lfOfCRLF = b === 10 && this.afterCR;
          this.afterCR = b === 13;
          if (b === 13) b = 10;
          else if (lfOfCRLF) b = -1;
        }
        if (b === this.delimiter) {
          const n = this.tooLong ? -1 : this.len;
          this.len = 0;
          this.tooLong = false;
          return this.done(n);
        }
        if (b >= 0) {
          if (this.len < this.buf.length) {
            this.buf[this.len] = b;
            this.len++;
          } else this.tooLong = true;
        }
      }
    }
    this.waker = cx.waker;
    p.readers.push(this);
    return PENDING;
  }

  private done(n: number): number {
    if (this.queued) this.port.readers.remove(this);
    this.waker = null;
    return n;
  }

  drop(): void {
    this.port.readers.remove(this);
    this.waker = null;
  }
}

/** See UartPort.write. Cancel safety: bytes already copied will be sent; polling again sends the rest. */
export class UartWrite implements Future<void>, Waiter {
  waker: Waker | null = null;
  queued = false;
  private readonly port: UartPort;
  private data: Uint8Array | string = '';
  private at = 0;
  private to = 0;

  constructor(port: UartPort) {
    this.port = port;
  }

  /** What the next wait writes. */
  set(data: Uint8Array | string): this {
    this.data = data;
    this.at = 0;
    // Two branches, not one `data.length`: compiled to Lua a string's length is `#data`, an array's is a field.
    this.to = typeof data === 'string' ? data.length : data.length;
    return this;
  }

  poll(cx: Context): Poll<void> {
    const p = this.port;
    this.at += p.tryWrite(this.data, this.at, this.to);
    if (this.at >= this.to) {
      if (this.queued) p.writers.remove(this);
      this.waker = null;
      return undefined;
    }
    this.waker = cx.waker;
    p.writers.push(this);
    return PENDING;
  }

  drop(): void {
    this.port.writers.remove(this);
    this.waker = null;
  }
}
