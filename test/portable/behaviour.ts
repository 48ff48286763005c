// The portable form of a behaviour test: `behaviour(name, body)`, whose body
// checks with test/portable/expect.ts and throws on a mismatch.
//
// One text, two back ends. Under node's test runner each behaviour is a
// node:test `test` (so the spec reporter lists it and counts it). In a run
// that collects (test/lua/programs/behaviours.ts, compiled to Lua 5.1 and 5.3
// and also run on the host), each behaviour is kept in a list instead, and
// run-cases.ts runs the list and prints one result line per case. node:test
// is reached through process.getBuiltinModule, not an import, so that the
// compiled Lua needs no Node module.

/** One behaviour: its name (the spec) and its body. */
export interface Case {
  readonly name: string;
  readonly body: () => void;
}

let collected: Case[] | null = null;

/** From now on keep behaviours in the list answered, instead of handing them to node:test. */
export function collectBehaviours(): Case[] {
  if (collected === null) collected = [];
  return collected;
}

/** A behaviour test: a node:test `test`, or a case in the collected list. */
export function behaviour(name: string, body: () => void): void {
  if (collected !== null) {
    collected.push({ name, body });
    return;
  }
  void process.getBuiltinModule('node:test').test(name, () => body());
}
