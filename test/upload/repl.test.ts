// Espruino's REPL line discipline as the console server plays it: what the
// client sends, byte for byte, and what it must get back.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EspruinoRepl, espruinoRepr, isComplete } from '../../src/emulator/espruino-repl.ts';
import type { EspruinoEvaluator, EvalResult } from '../../src/emulator/espruino-repl.ts';

/** An evaluator that records what it was given and answers from a table. */
function recorder(answers: Record<string, EvalResult> = {}): EspruinoEvaluator & { ran: string[]; say(text: string): void } {
  let out: (text: string) => void = () => {};
  const ran: string[] = [];
  return {
    ran,
    say: (text) => out(text),
    onOutput: (cb) => {
      out = cb;
    },
    evaluate(code) {
      ran.push(code);
      if (code === 'print("hi")') out('hi\n');
      return answers[code] ?? { result: 'undefined' };
    },
  };
}

function repl(ev: EspruinoEvaluator): { r: EspruinoRepl; sent: () => string } {
  let sent = '';
  const r = new EspruinoRepl(ev, (s) => (sent += s));
  ev.onOutput((t) => r.output(t));
  return { r, sent: () => sent };
}

test('an empty line answers "\\r\\n=undefined\\r\\n>", the prompt the client waits for', () => {
  const { r, sent } = repl(recorder());
  r.receive('\n');
  assert.equal(sent(), '\r\n=undefined\r\n>');
});

test('a typed line is echoed, run, and followed by =value and the prompt', () => {
  const ev = recorder({ '1+2': { result: '3' } });
  const { r, sent } = repl(ev);
  r.receive('1+2\r\n');
  assert.equal(sent(), '1+2\r\n=3\r\n>');
  assert.deepEqual(ev.ran, ['1+2']);
});

test('a \\x10 line is neither echoed nor followed by =value; only its output and the prompt come back', () => {
  const ev = recorder();
  const { r, sent } = repl(ev);
  r.receive('\x10print("hi")\n');
  assert.equal(sent(), '\bhi\r\n>');
  assert.deepEqual(ev.ran, ['print("hi")']);
});

test('the process.env query of the client gets the JSON between its markers', () => {
  const code = 'print("<","<<",JSON.stringify(process.env),">>",">")';
  const ev = recorder();
  ev.evaluate = (c) => {
    ev.ran.push(c);
    ev.say('< << {"BOARD":"PICO_R1_3"} >> >\n');
    return { result: 'undefined' };
  };
  const { r, sent } = repl(ev);
  r.receive(`\x10${code}\n`);
  assert.equal(sent(), '\b< << {"BOARD":"PICO_R1_3"} >> >\r\n>');
  assert.deepEqual(ev.ran, [code]);
});

test('a statement runs only once its brackets close, with newlines kept inside', () => {
  const ev = recorder();
  const { r } = repl(ev);
  r.receive('\x10function f(a) {\n  return a;\n');
  assert.deepEqual(ev.ran, []);
  r.receive('}\n');
  assert.deepEqual(ev.ran, ['function f(a) {\n  return a;\n}']);
});

test('Alt-Enter (\\x1b\\n) is a newline that never runs the line; \\x1b[12d line numbers are dropped', () => {
  const ev = recorder();
  const { r } = repl(ev);
  r.receive('\x10\x1b[12dvar a = 1\x1b\n');
  assert.deepEqual(ev.ran, []);
  r.receive(', b = 2;\n');
  assert.deepEqual(ev.ran, ['var a = 1\n, b = 2;']);
});

test('Ctrl-C throws away the line being typed and shows an empty prompt', () => {
  const ev = recorder();
  const { r, sent } = repl(ev);
  r.receive('foo(');
  r.receive('\x03');
  r.receive('\n');
  assert.deepEqual(ev.ran, ['']);
  assert.equal(sent(), 'foo(\b\b\b\b    \b\b\b\b\b>\r\n=undefined\r\n>');
});

test('an error prints "Uncaught ..." and no =value', () => {
  const { r, sent } = repl(recorder({ 'x.y': { error: 'ReferenceError: x is not defined' } }));
  r.receive('x.y\n');
  assert.equal(sent(), 'x.y\r\nUncaught ReferenceError: x is not defined\r\n>');
});

test('output that arrives while the prompt is up takes the prompt away and gives it back', async () => {
  const ev = recorder();
  const { r, sent } = repl(ev);
  r.receive('\n');
  ev.say('later\n');
  await Promise.resolve();
  assert.equal(sent(), '\r\n=undefined\r\n>\blater\r\n>');
});

test('completeness ignores brackets in strings, comments, regexes and templates', () => {
  assert.equal(isComplete('print("(")'), true);
  assert.equal(isComplete("var s = '{' + \"[\""), true);
  assert.equal(isComplete('f(1, // )\n'), false);
  assert.equal(isComplete('var r = /[(]/; r.test("(")'), true);
  assert.equal(isComplete('var t = `${a} {`'), true);
  assert.equal(isComplete('/* open comment ('), false);
  assert.equal(isComplete('a = b / c; (d)'), true);
  assert.equal(isComplete('if (x) {'), false);
});

test('values print as Espruino prints them after =', () => {
  assert.equal(espruinoRepr(undefined), 'undefined');
  assert.equal(espruinoRepr('abc'), '"abc"');
  assert.equal(espruinoRepr([1, 'a']), '[ 1, "a" ]');
  assert.equal(espruinoRepr({ a: 1 }), '{ "a": 1 }');
});
