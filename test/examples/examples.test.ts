import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testBoard } from '../../src/testing.ts';
import blink from '../../examples/blink.ts';
import button from '../../examples/button.ts';
import uartEcho from '../../examples/uart-echo.ts';

test('blink lights LED1 at t=0 and toggles it every 500 ms', () => {
  const b = testBoard('espruino-pico', blink);
  b.advance(2000);
  assert.deepEqual(b.pinHistory('LED1'), [
    { t: 0, level: 0 },
    { t: 0, level: 1 },
    { t: 500, level: 0 },
    { t: 1000, level: 1 },
    { t: 1500, level: 0 },
    { t: 2000, level: 1 },
  ]);
});

test('button toggles LED1 and counts presses on the console, ignoring bounces', () => {
  const b = testBoard('espruino-pico', button);
  b.press('BTN1');
  b.advance(100);
  assert.equal(b.ledOn('LED1'), true);
  assert.equal(b.uart('console').output(), 'press 1\r\n');
  // A bounce shorter than the debounce is no press.
  b.setPin('BTN1', 1);
  b.advance(5);
  b.setPin('BTN1', 0);
  b.advance(100);
  b.press('BTN1');
  b.advance(100);
  assert.equal(b.uart('console').output(), 'press 1\r\npress 2\r\n');
  assert.equal(b.ledOn('LED1'), false);
});

test('button works on a board whose button reads low when pressed', () => {
  const b = testBoard('nodemcu-esp8266', button);
  b.press('BTN1');
  b.advance(100);
  assert.equal(b.uart('console').output(), 'press 1\r\n');
});

test('uart-echo echoes lines ended by LF, CR or CR LF, and rejects long lines', () => {
  const b = testBoard('espruino-pico', uartEcho);
  const con = b.uart('console');
  con.send('hi\r\nthere\rthird\n');
  b.advance(100);
  assert.equal(con.output(), 'echo: hi\r\necho: there\r\necho: third\r\n');
  con.clear();
  con.send('x'.repeat(65) + '\nok\n');
  b.advance(200);
  assert.equal(con.output(), 'error: line too long\r\necho: ok\r\n');
});

test('multitask samples through the channel, answers the shell under the mutex, and lights LED1 on alarm', async () => {
  const { default: multitask } = await import('../../examples/multitask.ts');
  const b = testBoard('espruino-pico', multitask);
  b.advance(1000); // samples at 200, 400, 600, 800, 1000
  const con = b.uart('console');
  con.send('stats\n');
  b.advance(50);
  assert.equal(con.output(), 'samples 5 last 21.0 min 20.0 max 21.9\r\n');
  con.clear();
  con.send('period 100\nalarm 300\nbogus\n');
  b.advance(100);
  assert.equal(con.output(), 'ok\r\nok\r\nerror: unknown command\r\n');
  b.advance(1000);
  assert.equal(b.ledOn('LED1'), false, 'no reading reaches 30.0 C');
  con.clear();
  con.send('stats\n');
  b.advance(50);
  assert.match(con.output(), /^samples 1[45] /, 'sampling every 100 ms after the change');
});
