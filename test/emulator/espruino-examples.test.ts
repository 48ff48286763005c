// Every example, built into an app.js, passes its scenario in the Espruino
// sandbox, and does what its TypeScript source does on the simulated board:
// the same pin history and the same UART text at every step of one script.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import type { Firmware } from '../../src/device.ts';
import { espruinoTestBoard, playBuiltScenario } from '../../src/emulator/espruino-board.ts';
import { testBoard } from '../../src/emulator/test-board.ts';
import type { TestBoard } from '../../src/emulator/test-board.ts';
import { api, buildApp, builtBy, entryFile } from './espruino-helpers.ts';

const EXAMPLES = ['blink', 'button', 'uart-echo', 'multitask'];

test('every example with a scenario is covered here', () => {
  const scenarios = readdirSync('examples').filter((f) => f.endsWith('.scenario.yaml')).map((f) => f.slice(0, -'.scenario.yaml'.length));
  assert.deepEqual(scenarios.sort(), [...EXAMPLES].sort());
});

for (const example of EXAMPLES) {
  test(`the built ${example} passes its scenario in the sandbox`, async (t) => {
    const app = await buildApp(`examples/${example}.ts`);
    t.diagnostic(builtBy(app));
    const { result, board } = playBuiltScenario(app.file, `examples/${example}.scenario.yaml`);
    assert.equal(result.steps.find((r) => !r.ok)?.message, undefined);
    assert.ok(result.ok);
    assert.deepEqual(board.sandbox.errors, []);
  });
}

/** One script for every example: time, presses (one a bounce), lines and commands. Answers a snapshot per step. */
function script(b: TestBoard): string[] {
  const con = b.uart('console');
  const snaps: string[] = [];
  const snap = () => snaps.push(`${b.now} ${b.level('LED1')} ${JSON.stringify(con.output())}`);
  const steps: (() => void)[] = [
    () => b.advance(130),
    () => b.press('BTN1'),
    () => b.advance(75),
    () => con.send('hello\r\n'),
    () => b.advance(40),
    () => b.press('BTN1', 8), // shorter than the examples' 20 ms debounce
    () => b.advance(333),
    () => con.send('stats\n'),
    () => b.advance(120),
    () => con.send('period 100\ralarm 200\n'),
    () => b.press('BTN1', 120),
    () => b.advance(1250),
    () => con.send('x'.repeat(70) + '\n'),
    () => b.advance(400),
  ];
  for (const step of steps) {
    step();
    snap();
  }
  return snaps;
}

for (const example of EXAMPLES) {
  test(`the built ${example} drives the same pins and sends the same text as its source, step by step`, async (t) => {
    const app = await buildApp(`examples/${example}.ts`);
    t.diagnostic(builtBy(app));
    const { default: firmware } = (await import(`../../examples/${example}.ts`)) as { default: Firmware };
    const source = testBoard('espruino-pico', firmware, { trace: false });
    const built = espruinoTestBoard(app.file, 'espruino-pico');
    assert.deepEqual(script(built), script(source));
    for (const pin of ['B2', 'B12']) assert.deepEqual(built.sim.pinHistory(pin), source.sim.pinHistory(pin), pin); // LED1, LED2
    for (const uart of ['USB', 'Serial1', 'Serial2'] as const) assert.equal(built.sim.transmitted(uart), source.sim.transmitted(uart), uart);
    assert.deepEqual(built.sim.reports, []);
  });
}

test('flagpoll emulate runs a built app.js through a scenario and exits 0', async () => {
  const app = await buildApp('examples/button.ts');
  const out = execFileSync('node', ['bin/flagpoll.js', 'emulate', app.file, '--board', 'espruino-pico', '--scenario', 'examples/button.scenario.yaml'], { encoding: 'utf8' });
  const lines = out.trimEnd().split('\n');
  assert.equal(lines[0], `scenario examples/button.scenario.yaml "two presses and a bounce": ${app.file} on espruino-pico`);
  assert.ok(lines.includes('  ok  13 wait-serial console "press 2\\r\\n" @ 0.355 s'), out);
  assert.equal(lines.at(-1), 'passed: 16 step(s) in 0.855 s of virtual time');
});

test('flagpoll emulate --until prints the same pin changes for a built app.js as for its source', async () => {
  const app = await buildApp('examples/blink.ts');
  const run = (entry: string) => execFileSync('node', ['bin/flagpoll.js', 'emulate', entry, '--board', 'espruino-pico', '--until', '1.5s'], { encoding: 'utf8' }).trimEnd().split('\n');
  const built = run(app.file);
  const source = run('examples/blink.ts');
  assert.deepEqual(built.slice(0, -1), source.slice(0, -1));
  assert.equal(built.at(-1), '[   1.500 s] stopped: 1 timer(s), 0 watch(es) in the sandbox, process.memory().usage 6 of 5100');
});

test('flagpoll emulate refuses an app.js on a board that is not an Espruino board', async () => {
  const app = await buildApp('examples/blink.ts');
  const { main } = await import('../../src/cli/main.ts');
  await assert.rejects(main(['emulate', app.file, '--board', 'nodemcu-esp8266'], () => {}), { name: 'UsageError', message: `${app.file}: built firmware runs on Espruino boards; nodemcu-esp8266 is a nodemcu board (\`flagpoll boards\` lists them)` });
  await assert.rejects(main(['emulate', 'nowhere/app.js', '--board', 'espruino-pico'], () => {}), { message: 'nowhere/app.js: no such file' });
});

test('flagpoll emulate still runs a .js ES module as firmware; a plain script is built firmware', async () => {
  entryFile('package.json', '{ "type": "module" }\n');
  const module = entryFile('led-on.js', `import { pollFn, PENDING } from ${JSON.stringify(api.index)};\nexport default function (dev) { dev.led('LED1').on(); dev.rt.spawn(pollFn(() => PENDING), 'idle'); }\n`);
  const script = entryFile('led-on-app.js', "digitalWrite(LED1, 1);\nconsole.log('on');\n");
  const run = (entry: string) => execFileSync('node', ['bin/flagpoll.js', 'emulate', entry, '--board', 'espruino-pico', '--until', '10ms'], { encoding: 'utf8' }).trimEnd().split('\n');
  assert.deepEqual(run(module), ['[   0.000 s] LED1 (B2) = 0', '[   0.000 s] LED1 (B2) = 1', '[   0.010 s] stopped: 1 task(s) alive of 16, 0 timer(s) armed']);
  assert.deepEqual(run(script), ['[   0.000 s] LED1 (B2) = 1', '[   0.000 s] log: on', '[   0.010 s] stopped: 0 timer(s), 0 watch(es) in the sandbox, process.memory().usage 0 of 5100']);
});
