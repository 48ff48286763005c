// Class tables without `C.name = "C"` (src/build/lua-class-names.ts): the
// lines go only when every `name` read is on an instance, and what runs
// answers the same on lua5.1 and lua5.3.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LUA_VERSIONS, runLua } from '../../src/build/lua.ts';
import { dropClassNames } from '../../src/build/lua-class-names.ts';
import { skipWithoutLua } from './helpers.ts';

/** Two classes as the flattened chunk has them, an instance made by __TS__New, `use` at the end. */
const chunk = (use: string) => `local function __TS__Class(self)
    local c = {prototype = {}}
    c.prototype.__index = c.prototype
    c.prototype.constructor = c
    return c
end
local function __TS__New(target, ...)
    local instance = setmetatable({}, target.prototype)
    instance:____constructor(...)
    return instance
end
local Pin, Led
do
Pin = __TS__Class()
Pin.name = "Pin"
function Pin.prototype.____constructor(self, name)
    self.name = name
end
function Pin.prototype.describe(self)
    return "pin " .. self.name
end
Led = __TS__Class()
Led.name = "Led"
end
local pin = __TS__New(Pin, "D4")
print(pin:describe(), pin.name)
${use}
`;

const skip = skipWithoutLua('5.1') ?? skipWithoutLua('5.3');

test('the class name lines go when every name read is on an instance, and the chunk answers the same', { skip }, () => {
  const code = chunk('');
  const dropped = dropClassNames(code);
  assert.doesNotMatch(dropped, /\.name = "(?:Pin|Led)"/);
  for (const v of LUA_VERSIONS) assert.equal(runLua(dropped, v), runLua(code, v));
});

test("a name read on a parameter (it could be a class) keeps every class's name", () => {
  const code = chunk('local function nameOf(k)\n    return k.name\nend\nprint(nameOf(Led))');
  assert.equal(dropClassNames(code), code);
});

test('a "name" string (it could index a class) keeps them', () => {
  const code = chunk('print(Led["name"])');
  assert.equal(dropClassNames(code), code);
});

test('a local made by __TS__New but assigned again keeps them', () => {
  const code = chunk('pin = Led\nprint(pin.name)');
  assert.equal(dropClassNames(code), code);
});
