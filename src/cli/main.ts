// The `flagpoll` command: one binary, one sub-command per job.

import { parseArgs } from 'node:util';
import { parseCount, parseDuration, UsageError } from './args.ts';

const HELP = `flagpoll: an allocation-free async runtime for microcontrollers

usage:
  flagpoll run <entry.ts> [--until 10s] [--tasks 8] [--timers 16]
      run firmware on the host platform in virtual time and print what it logs
  flagpoll boards
      list the boards and what each has
  flagpoll bench [--json]
      flagpoll's executor against Promises and plain callbacks, in one run
  flagpoll help
`;

export async function main(argv: string[], write: (s: string) => void): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'run': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { until: { type: 'string' }, tasks: { type: 'string' }, timers: { type: 'string' } },
      });
      if (positionals.length !== 1) throw new UsageError('run: give one entry file, e.g. flagpoll run examples/heartbeat.ts');
      const { runOnHost } = await import('./run.ts');
      return runOnHost(positionals[0]!, {
        untilMs: values.until === undefined ? 10_000 : parseDuration('--until', values.until),
        tasks: values.tasks === undefined ? 8 : parseCount('--tasks', values.tasks),
        timers: values.timers === undefined ? 16 : parseCount('--timers', values.timers),
        write,
      });
    }
    case 'boards': {
      parseArgs({ args: rest, options: {} });
      const { listBoards, formatBoards } = await import('../boards/load.ts');
      write(formatBoards(listBoards()));
      return 0;
    }
    case 'bench': {
      const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' } } });
      const { runBench, formatBench } = await import('../bench/run.ts');
      const r = await runBench();
      write(values.json ? JSON.stringify(r) : formatBench(r));
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      write(HELP);
      return 0;
    default:
      throw new UsageError(`unknown command "${cmd}"; the commands are run, boards, bench, help`);
  }
}
