// The line-keeping JSON parser reads JSON exactly as JSON.parse does, and knows lines.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { JsonSyntaxError, lineOf, parseJson, pointerSegment } from "../../src/boards/json-lines.ts";

function syntaxError(text: string): JsonSyntaxError {
  try {
    parseJson(text);
  } catch (err) {
    if (err instanceof JsonSyntaxError) return err;
    throw err;
  }
  return assert.fail(`accepted: ${text}`);
}

describe("json-lines parser", () => {
  test("reads any JSON document to the value JSON.parse gives", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        assert.deepStrictEqual(parseJson(text).value, JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  test("refuses every document JSON.parse refuses", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), (value, at) => {
        const text = JSON.stringify(value, null, 1);
        const broken = text.slice(0, at % (text.length + 1)) + text.slice((at % (text.length + 1)) + 1);
        let jsonOk = true;
        try {
          JSON.parse(broken);
        } catch {
          jsonOk = false;
        }
        if (!jsonOk) assert.throws(() => parseJson(broken), JsonSyntaxError);
      }),
      { numRuns: 300 },
    );
  });

  test("records the line of each field's key and of each array item", () => {
    const parsed = parseJson('{\n  "a": 1,\n  "b": {\n    "c": [\n      true,\n      null\n    ]\n  }\n}');
    assert.deepEqual(Object.fromEntries(parsed.lines), { "": 1, "/a": 2, "/b": 3, "/b/c": 4, "/b/c/0": 5, "/b/c/1": 6 });
  });

  test("a pointer that does not exist takes the line of its nearest parent", () => {
    const parsed = parseJson('{\n  "uarts": {\n    "usb": {}\n  }\n}');
    assert.equal(lineOf(parsed, "/uarts/usb/baud"), 3);
    assert.equal(lineOf(parsed, "/timers"), 1);
  });

  test("escapes ~ and / in pointer segments", () => {
    assert.equal(pointerSegment("a/b~c"), "a~1b~0c");
    const parsed = parseJson('{\n  "a/b": {\n    "~": 1\n  }\n}');
    assert.equal(lineOf(parsed, "/a~1b/~0"), 3);
  });

  test("names the line and column of a syntax error", () => {
    const err = syntaxError('{\n  "a": 1,\n  "b": tru\n}');
    assert.deepEqual([err.line, err.column, err.reason], [3, 8, "expected a value, found 't'"]);
    assert.equal(syntaxError('{\n  "a": "x\n}').reason, "string not closed before the end of the line");
    assert.equal(syntaxError("[1, 2,]").reason, "trailing comma before ']'");
    assert.equal(syntaxError('{"a": 1} x').reason, "unexpected 'x' after the end of the document");
    assert.equal(syntaxError("").reason, "expected a value, found end of file");
  });

  test("refuses a field given twice, which JSON.parse would let pass", () => {
    const err = syntaxError('{\n  "id": "a",\n  "id": "b"\n}');
    assert.deepEqual([err.line, err.reason], [3, 'duplicate field "id"']);
  });

  test("keeps a __proto__ field as data", () => {
    const value = parseJson('{"__proto__": {"x": 1}}').value as Record<string, unknown>;
    assert.deepEqual(Object.keys(value), ["__proto__"]);
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
  });
});
