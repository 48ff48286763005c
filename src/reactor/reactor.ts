// The reactor: interrupt sources, their wake flags, and the dispatch that
// turns set flags into wakes on the main loop.
//
// The rule (DESIGN.md, sentence 5): code that runs on a hardware event only
// records the event into storage made at start-up and raises its flag; it
// never polls, wakes or allocates. `dispatch()`, on the main loop, takes the
// set flags and wakes each source's waiters. Sources are made while the
// firmware starts; their number is fixed from then on.

import { Code, FlagpollError } from '../core/errors.ts';
import type { FlagRaiser } from './flag-raiser.ts';
import { PinSource } from './pin-source.ts';
import { UartPort } from './uart-port.ts';
import type { UartTransmitter } from './uart-port.ts';
import { WakeFlags } from './wake-flags.ts';

interface Fires {
  fire(): void;
}

class RxFire implements Fires {
  constructor(private readonly port: UartPort) {}
  fire(): void {
    this.port.fireRx();
  }
}

class TxFire implements Fires {
  constructor(private readonly port: UartPort) {}
  fire(): void {
    this.port.fireTx();
  }
}

export class Reactor implements FlagRaiser {
  readonly flags: WakeFlags;
  /** Interrupt-side events recorded since start. */
  events = 0;
  private readonly sources: Fires[] = [];
  private readonly pend: () => void;
  private readonly fireOne: (i: number) => void;

  /** `capacity`: how many flags (a pin takes one, a UART two). */
  constructor(capacity: number, pend: () => void) {
    this.flags = new WakeFlags(capacity);
    this.pend = pend;
    this.fireOne = (i) => this.sources[i]!.fire();
  }

  private nextFlag(what: string): number {
    const i = this.sources.length;
    if (i >= this.flags.size) throw new FlagpollError(Code.BadCapacity, `Reactor: no wake flag left for ${what} (made for ${this.flags.size})`, i + 1);
    return i;
  }

  /** A pin source, at start-up. */
  addPin(name: string, level: number): PinSource {
    const src = new PinSource(name, this, this.nextFlag(name), level);
    this.sources.push(src);
    return src;
  }

  /** A UART, at start-up: two flags. */
  addUart(id: string, rxSize: number, txSize: number, transmitter: UartTransmitter): UartPort {
    const rx = this.nextFlag(id);
    const port = new UartPort(id, this, rx, rx + 1, rxSize, txSize, transmitter);
    this.sources.push(new RxFire(port));
    this.sources.push(new TxFire(port));
    return port;
  }

  /** Interrupt side: set a flag and pend the main loop. */
  raise(flag: number): void {
    this.events++;
    this.flags.set(flag);
    this.pend();
  }

  get pending(): boolean {
    return this.flags.pending;
  }

  /** Main loop: wake the waiters of every raised source. Answers how many sources fired. */
  dispatch(): number {
    return this.flags.take(this.fireOne);
  }
}
