// `flagpoll flash <entry.ts | app.js | init.lua> --board <id> --port <port> [--save] [--force]`:
// the command line over flash-scripts/flash.ts (Espruino boards) and
// flash-scripts/nodemcu-flash.ts (NodeMCU boards, over a serial port), which do the work.
//
// Progress and refusals go to stderr, the confirmation line to stdout; the
// exit status is 0 only when the board answered the build id.

import { parseArgs } from 'node:util';
import { loadBoardForCli, UsageError } from './args.ts';

export async function flashCommand(args: string[], write: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      board: { type: 'string' },
      port: { type: 'string', short: 'p' },
      save: { type: 'boolean' },
      force: { type: 'boolean' },
      verbose: { type: 'boolean', short: 'v' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('flash: give one file, e.g. flagpoll flash dist/app.js --board espruino-pico --port /dev/ttyACM0');
  if (values.board === undefined) throw new UsageError('flash: --board is required, e.g. --board espruino-pico (`flagpoll boards` lists them)');
  if (values.port === undefined) throw new UsageError('flash: --port is required: a serial device (/dev/ttyACM0), tcp://host:port, or a Bluetooth address');
  const board = loadBoardForCli(values.board);
  const input = positionals[0]!;
  const err = (line: string) => process.stderr.write(line.endsWith('\n') ? line : line + '\n');
  if (board.target === 'nodemcu') {
    if (values.save === true) throw new UsageError(`flash: --save is for Espruino boards; on ${board.id} init.lua is a file in the board's flash already`);
    const { flashNodemcu } = await import('../../flash-scripts/nodemcu-flash.ts');
    return flashNodemcu({
      input, board, port: values.port, force: values.force === true, note: err, done: write,
      verbose: values.verbose === true ? (l) => err(`  nodemcu-tool: ${l}`) : undefined,
    });
  }
  if (input.endsWith('.lua')) {
    err(`flash: refused: ${input} is NodeMCU firmware (Lua); ${board.id} is an ${board.target} board: flash app.js or the .ts entry built for it`);
    return 1;
  }
  const { flash } = await import('../../flash-scripts/flash.ts');
  return flash({
    input,
    board,
    port: values.port,
    save: values.save === true,
    force: values.force === true,
    note: err,
    done: write,
    verbose: values.verbose === true ? (l) => err(`  espruino: ${l}`) : undefined,
  });
}
