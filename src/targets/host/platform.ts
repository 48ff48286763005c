// The host platform: a virtual clock, a recorded trace, no hardware.
//
// Tests and the host demo run the runtime here. Time moves only when the test
// says so (`advance`), and then in steps from deadline to deadline, exactly as
// a board whose alarm fires on time. The trace lists every spawn, poll,
// pending, ready, wake, pend, idle and report, so a test asserts the exact
// order of what the executor did.

import { Code } from '../../core/errors.ts';
import type { FlagpollError } from '../../core/errors.ts';
import type { TraceKind, Tracer } from '../../core/hooks.ts';
import type { Platform } from '../../hal/platform.ts';
import { Runtime } from '../../runtime.ts';
import type { RuntimeOptions } from '../../runtime.ts';

export class HostPlatform implements Platform, Tracer {
  /** Virtual time, ms. */
  time = 0;
  /** The recorded trace, or null when recording is off (e.g. in benchmarks). */
  trace: string[] | null;
  /** Every report, in order. */
  readonly reports: FlagpollError[] = [];
  alarm = Infinity;
  pends = 0;

  constructor(record = true) {
    this.trace = record ? [] : null;
  }

  now(): number {
    return this.time;
  }
  pend(): void {
    this.pends++;
    if (this.trace !== null) this.trace.push('pend');
  }
  idle(): void {
    if (this.trace !== null) this.trace.push('idle');
  }
  report(error: FlagpollError): void {
    this.reports.push(error);
    if (this.trace !== null) this.trace.push('report ' + Code[error.code]);
  }
  setAlarm(t: number): void {
    this.alarm = t;
  }
  record(kind: TraceKind, name: string): void {
    if (this.trace !== null) this.trace.push(kind + ' ' + name);
  }

  /** The trace so far, and start a new one. */
  take(): string[] {
    const t = this.trace ?? [];
    if (this.trace !== null) this.trace = [];
    return t;
  }
}

/** A runtime on a host platform, with virtual time. */
export class Host {
  readonly platform: HostPlatform;
  readonly rt: Runtime;

  constructor(options: Partial<RuntimeOptions> & { record?: boolean } = {}) {
    this.platform = new HostPlatform(options.record ?? true);
    this.rt = new Runtime(this.platform, {
      tasks: options.tasks ?? 8,
      timers: options.timers ?? 16,
      tracer: options.record === false ? null : this.platform,
    });
  }

  get now(): number {
    return this.platform.time;
  }

  /** One turn of the main loop at the current time. */
  run(): void {
    this.rt.tick();
  }

  /** Move virtual time forward by `ms`, firing each deadline at its own time. */
  advance(ms: number): void {
    this.advanceTo(this.platform.time + ms);
  }

  advanceTo(t: number): void {
    const p = this.platform;
    this.rt.tick();
    while (p.alarm <= t) {
      p.time = p.alarm;
      this.rt.tick();
    }
    p.time = t;
    this.rt.tick();
  }

  take(): string[] {
    return this.platform.take();
  }
}
