// `flagpoll run <entry.ts>`: run firmware on the host platform in virtual time.
//
// The entry exports `start(rt, log)`; it spawns its tasks and returns. The
// host then moves virtual time to `--until`, deadline by deadline, and every
// line the firmware logs is printed with the virtual time it was logged at.
// The board emulator (pins, UARTs) comes with `flagpoll emulate`.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Runtime } from '../runtime.ts';
import { Host } from '../targets/host/platform.ts';
import { UsageError } from './args.ts';

export interface RunOptions {
  untilMs: number;
  tasks: number;
  timers: number;
  write: (line: string) => void;
}

type Start = (rt: Runtime, log: (line: string) => void) => void;

export async function runOnHost(entry: string, o: RunOptions): Promise<number> {
  const file = resolve(entry);
  if (!existsSync(file)) throw new UsageError(`${entry}: no such file`);
  const mod = (await import(pathToFileURL(file).href)) as { start?: Start };
  if (typeof mod.start !== 'function') {
    throw new UsageError(`${entry}: exports no start(rt, log) function; firmware for \`flagpoll run\` must export one`);
  }
  const host = new Host({ tasks: o.tasks, timers: o.timers, record: false });
  const stamp = (ms: number) => (ms / 1000).toFixed(3).padStart(8) + ' s';
  mod.start(host.rt, (line) => o.write(`[${stamp(host.now)}] ${line}`));
  host.advanceTo(o.untilMs);
  const ex = host.rt.executor;
  o.write(`[${stamp(host.now)}] stopped: ${ex.tasks} task(s) alive of ${ex.capacity}, ${host.rt.timers.armed} timer(s) armed`);
  for (const r of host.platform.reports) o.write(`report: ${r.message}`);
  return host.platform.reports.length === 0 ? 0 : 1;
}
