import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testBoard } from '../../src/testing.ts';
import button from '../../examples/button.ts';

test('each press of BTN1 toggles LED1 and is counted on the console', () => {
  const board = testBoard('espruino-pico', button);
  board.press('BTN1');                  // pressed for 50 ms, then released
  board.advance(100);                   // virtual time: instant and exact
  assert.equal(board.ledOn('LED1'), true);
  board.press('BTN1');
  board.advance(100);
  assert.equal(board.ledOn('LED1'), false);
  assert.equal(board.uart('console').output(), 'press 1\r\npress 2\r\n');
});
