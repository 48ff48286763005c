// boards/board.schema.json (for editors) and the loader (validate.ts) say the same thing.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { LEVELS, LUA_VERSIONS, PIN_CAPS, PULLS, TARGETS, UART_VIAS } from "../../src/boards/board.ts";
import { boardIds, boardsDir } from "../../src/boards/load.ts";
import { FIELDS, TARGET_ONLY } from "../../src/boards/validate.ts";
import type { Json } from "./temp-board.ts";

const schema = JSON.parse(fs.readFileSync(path.join(boardsDir(), "board.schema.json"), "utf8")) as Json;
const defs = schema.$defs as Json;

const sorted = (xs: Iterable<string>): string[] => [...xs].sort();

describe("board schema", () => {
  test("is JSON Schema draft 2020-12", () => {
    assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
  });

  test("names the same fields, required and optional, as the loader", () => {
    const objects: [string, Json][] = [["board", schema], ["pin", defs.pin], ["led", defs.led], ["button", defs.button], ["uart", defs.uart]];
    for (const [kind, obj] of objects) {
      const spec = FIELDS[kind as keyof typeof FIELDS];
      assert.deepEqual(sorted(obj.required), sorted(spec.required), `${kind}: required`);
      assert.deepEqual(sorted(Object.keys(obj.properties)), sorted([...spec.required, ...spec.optional]), `${kind}: properties`);
      assert.equal(obj.additionalProperties, false, `${kind}: unknown fields must be refused`);
    }
  });

  test("allows the same values as the loader", () => {
    assert.deepEqual(schema.properties.target.enum, [...TARGETS]);
    assert.deepEqual(schema.properties.lua.enum, [...LUA_VERSIONS]);
    assert.deepEqual(defs.pin.properties.caps.items.enum, [...PIN_CAPS]);
    assert.deepEqual(defs.level.enum, [...LEVELS]);
    assert.deepEqual(defs.button.properties.pull.enum, [...PULLS]);
    assert.deepEqual(defs.uart.properties.via.enum, [...UART_VIAS]);
  });

  test("requires the same target-only fields as the loader", () => {
    const rules = schema.allOf as Json[];
    for (const target of ["nodemcu", "espruino"]) {
      const rule = rules.find((r) => r.if.properties.target.const === target && r.then.required !== undefined);
      const fields = Object.keys(TARGET_ONLY).filter((k) => TARGET_ONLY[k]?.target === target);
      assert.deepEqual(sorted(rule?.then.required ?? []), sorted(fields), target);
    }
  });

  test("describes every field, for editors", () => {
    const objects: Json[] = [schema, defs.pin, defs.led, defs.button, defs.uart];
    for (const obj of objects) {
      for (const [name, prop] of Object.entries(obj.properties as Json)) {
        assert.ok(typeof prop.description === "string" && prop.description.length > 10, `${name} has no description`);
      }
    }
  });

  test("every shipped board points its $schema at it", () => {
    for (const id of boardIds()) {
      const board = JSON.parse(fs.readFileSync(path.join(boardsDir(), `${id}.json`), "utf8")) as Json;
      assert.equal(board.$schema, "./board.schema.json", id);
    }
  });
});
