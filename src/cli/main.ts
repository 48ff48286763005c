// The `flagpoll` command: one binary, one sub-command per job.

import { parseArgs } from 'node:util';
import { parseCount, parseDuration, UsageError } from './args.ts';

const HELP = `flagpoll: an allocation-free async runtime for microcontrollers

usage:
  flagpoll build <entry.ts> --board <id> --out <dir> [--lua 5.1|5.3] [--json]
      compile firmware for the board (Espruino: one app.js the interpreter runs as
      it is; NodeMCU: one init.lua for the board's Lua), check it, report its size
      against the board (JsVars; Lua heap, on stripped bytecode where luac is)
  flagpoll emulate <entry.ts> --board <id> [--scenario <file.yaml>] [--until 10s]
      run firmware (default export (dev: Device) => void) on a simulated board in
      virtual time; with --scenario play its steps and check them, else print
      output pin changes and UART lines until --until
  flagpoll emulate --board <id> --listen tcp://127.0.0.1:<port> | pty:<path> [--fs <dir>]
      an emulated board that takes uploads: an Espruino board serves Espruino's
      console on the port, for \`npx espruino -p tcp://127.0.0.1:<port> app.js\`
      or flash; a NodeMCU board puts its console (Lua prompt) on a pseudo-terminal
      linked at <path> (needs socat), for nodemcu-tool or flash; its files live
      in --fs <dir> (init.lua there runs at boot; kept afterwards), else in a
      temporary folder removed at the end
  flagpoll flash <app.js | init.lua | entry.ts> --board <id> --port <port> [--save] [--force]
      upload to an Espruino board (serial path, tcp://host:port or BLE address)
      through its Storage and run it (--save: as .bootcde, run at every boot too),
      or to a NodeMCU board (serial path, with nodemcu-tool; init.lua checked on
      the board, then a restart); then confirm the board runs that build
  flagpoll boards
      list the boards and what each has
  flagpoll bench [--json] [--trials <n>] [--wakes <n>]
      flagpoll's executor against Promises and plain callbacks, in one run
  flagpoll bench --lua [--json] [--trials <n>] [--wakes <n>]
      the same ping-pong compiled to Lua against hand-written Lua coroutines, on
      lua5.1 and lua5.3 (wakes per second, their ratio, bytes allocated per wake)
  flagpoll help
`;

export async function main(argv: string[], write: (s: string) => void): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'build': {
      const { buildCommand } = await import('../build/command.ts');
      return buildCommand(rest, write);
    }
    case 'emulate': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { board: { type: 'string' }, scenario: { type: 'string' }, until: { type: 'string' }, listen: { type: 'string' }, fs: { type: 'string' } },
      });
      if (values.listen !== undefined) {
        if (positionals.length > 0 || values.scenario !== undefined || values.until !== undefined) throw new UsageError('emulate: --listen takes only --board: the board waits for an upload instead of running an entry');
        if (values.board === undefined) throw new UsageError('emulate: --board is required, e.g. --board espruino-pico');
        const { listen } = await import('./emulate-listen.ts');
        return listen(values.board, values.listen, write, undefined, values.fs);
      }
      if (values.fs !== undefined) throw new UsageError('emulate: --fs <dir> is the flash of a NodeMCU board that takes uploads: it goes with --listen pty:<path>');
      if (positionals.length !== 1) throw new UsageError('emulate: give one entry file, e.g. flagpoll emulate examples/blink.ts --board espruino-pico');
      if (values.board === undefined) throw new UsageError('emulate: --board is required, e.g. --board espruino-pico (`flagpoll boards` lists them)');
      if (values.scenario !== undefined && values.until !== undefined) throw new UsageError('emulate: --until and --scenario do not go together; a scenario moves time itself');
      const { emulate } = await import('./emulate.ts');
      return emulate(positionals[0]!, {
        board: values.board,
        untilMs: values.until === undefined ? 10_000 : parseDuration('--until', values.until),
        scenario: values.scenario,
        write,
      });
    }
    case 'flash': {
      const { flashCommand } = await import('./flash.ts');
      return flashCommand(rest, write);
    }
    case 'boards': {
      parseArgs({ args: rest, options: {} });
      const { listBoards, formatBoards } = await import('../boards/load.ts');
      write(formatBoards(listBoards()));
      return 0;
    }
    case 'bench': {
      const { values } = parseArgs({
        args: rest,
        options: { json: { type: 'boolean' }, lua: { type: 'boolean' }, trials: { type: 'string' }, wakes: { type: 'string' } },
      });
      const o = { trials: parseCount('bench --trials', values.trials), wakes: parseCount('bench --wakes', values.wakes) };
      if (values.lua) {
        const { runLuaBench, formatLuaBench } = await import('../bench/lua.ts');
        const r = runLuaBench(o);
        write(values.json ? JSON.stringify(r) : formatLuaBench(r));
        return 0;
      }
      const { runBench, formatBench } = await import('../bench/run.ts');
      const r = await runBench(o);
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
      throw new UsageError(`unknown command "${cmd}"; the commands are build, emulate, flash, boards, bench, help`);
  }
}
