// `flagpoll emulate` without a scenario: what the board did, in time order;
// and the command's refusals, each naming what to fix.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { main } from '../../src/cli/main.ts';
import { loadBoard } from '../../src/boards/load.ts';
import { scenarioFile } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'flagpoll-emulate-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n'); // firmware is ESM, as in the repository
const api = pathToFileURL(join(process.cwd(), 'src/index.ts')).href;

/** A firmware file in the temporary folder; `body` sees `dev`, `PENDING` and `pollFn`. */
function firmwareFile(name: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(file, `import { PENDING, button, input, pollFn, sleep, ticker, uart } from '${api}';\nexport default function (dev: any): void {\n${body}\n}\n`);
  return file;
}

async function run(...argv: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await main(['emulate', ...argv], (l) => lines.push(l));
  return { code, lines };
}

test('emulate prints the LED changes of blink over 1.5 s with their virtual times', () => {
  const out = execFileSync('node', ['bin/flagpoll.js', 'emulate', 'examples/blink.ts', '--board', 'espruino-pico', '--until', '1.5s'], { encoding: 'utf8' });
  assert.equal(out, [
    '[   0.000 s] LED1 (B2) = 0',
    '[   0.000 s] LED1 (B2) = 1',
    '[   0.500 s] LED1 (B2) = 0',
    '[   1.000 s] LED1 (B2) = 1',
    '[   1.500 s] LED1 (B2) = 0',
    '[   1.500 s] stopped: 1 task(s) alive of 16, 1 timer(s) armed',
    '',
  ].join('\n'));
});

test('emulate interleaves pin changes and UART lines, stamping each line when its last byte went out', async () => {
  const entry = firmwareFile('ticker.ts', `
  const pin = dev.output('B3');
  const tick = ticker(dev.rt, 250);
  const say = uart(dev, 'console').write();
  const words = ['tick 1\\r\\n', 'tab\\there\\r\\n', 'no end'];
  let n = 0;
  let saying = false;
  dev.rt.spawn(pollFn((cx) => {
    for (;;) {
      if (saying) {
        if (say.poll(cx) === PENDING) return PENDING;
        saying = false;
      }
      if (n === words.length || tick.poll(cx) === PENDING) return PENDING;
      pin.toggle();
      say.set(words[n++]);
      saying = true;
    }
  }), 'ticker');`);
  const { code, lines } = await run(entry, '--board', 'espruino-pico', '--until', '1s');
  assert.equal(code, 0);
  // 115200 baud: 0.087 ms a byte, so "tick 1\r\n" is out 0.69 ms after 250 ms.
  assert.deepEqual(lines, [
    '[   0.000 s] B3 = 0',
    '[   0.250 s] B3 = 1',
    '[   0.251 s] console < tick 1',
    '[   0.500 s] B3 = 0',
    '[   0.501 s] console < tab\\there',
    '[   0.750 s] B3 = 1',
    '[   1.000 s] console < no end (no line end yet)',
    '[   1.000 s] stopped: 1 task(s) alive of 16, 0 timer(s) armed',
  ]);
});

test('emulate without --board is a usage error that says how to give one', async () => {
  await assert.rejects(run('examples/blink.ts'), { name: 'UsageError', message: /^emulate: --board is required, e\.g\. --board espruino-pico/ });
});

test('an unknown board gives the board loader\'s own message', async () => {
  let expected = '';
  try {
    loadBoard('espruino-pica');
  } catch (e) {
    expected = (e as Error).message;
  }
  assert.match(expected, /unknown board "espruino-pica", did you mean "espruino-pico"\?/);
  await assert.rejects(run('examples/blink.ts', '--board', 'espruino-pica'), { name: 'UsageError', message: expected });
});

test('a missing entry file or one without a default export is refused by name', async () => {
  await assert.rejects(run('examples/nope.ts', '--board', 'espruino-pico'), { message: 'examples/nope.ts: no such file' });
  const named = join(dir, 'named-only.ts');
  writeFileSync(named, 'export function start(): void {}\n');
  await assert.rejects(run(named, '--board', 'espruino-pico'), { message: new RegExp(`^${named.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: has no default export; firmware for \`flagpoll emulate\` must \`export default function \\(dev: Device\\)`) });
});

test('firmware naming an LED its board lacks is refused at start with the entry and the LEDs the board has', async () => {
  const entry = firmwareFile('bad-led.ts', "dev.led('LED7');");
  await assert.rejects(run(entry, '--board', 'puck-js'), { message: `${entry}: board puck-js has no LED "LED7" (LEDs: LED1, LED2, LED3)` });
});

test('a malformed scenario is a usage error carrying the scenario\'s message', async () => {
  const file = scenarioFile('steps:\n  - wiat: 1s\n');
  await assert.rejects(run('examples/blink.ts', '--board', 'espruino-pico', '--scenario', file), { message: `${file}:2: step 1: unknown step "wiat", did you mean "wait"? (steps: wait, advance-to, press, set-pin, write-serial, wait-serial, clear-serial, expect-pin, expect-led, expect-serial, expect-no-serial)` });
});

test('--until with --scenario is refused: a scenario moves time itself', async () => {
  await assert.rejects(run('examples/blink.ts', '--board', 'espruino-pico', '--scenario', 'examples/blink.scenario.yaml', '--until', '1s'), { message: /do not go together/ });
});
