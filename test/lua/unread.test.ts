// Fields no code reads (src/build/lua-unread.ts): their writes of plain
// values leave the build, the program answers the same, and every write that
// could matter stays: a field read anywhere, named in a string or kept, a
// value with an effect of its own, an assignment of more than one target.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LUA_VERSIONS, runLua } from '../../src/build/lua.ts';
import { dropUnreadFields } from '../../src/build/lua-unread.ts';
import { skipWithoutLua } from './helpers.ts';

const PROGRAM = `local calls = 0
local function made()
    calls = calls + 1
    return {}
end
local Box = {prototype = {}}
Box.prototype.__index = Box.prototype
function Box.prototype.init(self, board)
    self.count = 1
    self.spare = {}
    self.label = "box"
    self.made = made()
    self.board = board
    self.limit = -1
end
function Box.prototype.get(self)
    return self.count + self.board.size
end
local b = setmetatable({}, Box.prototype)
b:init({size = 2, pins = {D0 = {pin = 0, caps = {"irq"}}, D1 = {pin = 1, caps = {}}}, shell = "uart0"})
print(b:get(), calls)
`;

for (const v of LUA_VERSIONS) {
  test(`writes of plain values to fields nothing reads go, and the program answers the same on Lua ${v}`, { skip: skipWithoutLua(v) }, () => {
    const out = dropUnreadFields(PROGRAM);
    for (const gone of ['spare', 'label', 'limit', 'pins', 'shell']) assert.doesNotMatch(out, new RegExp(`\\b${gone}\\b`), gone);
    assert.equal(runLua(out, v), runLua(PROGRAM, v));
    assert.equal(runLua(out, v), '3\t1\n');
  });
}

test('a field read anywhere keeps its writes, and one whose value is a call keeps the call', () => {
  const out = dropUnreadFields(PROGRAM);
  assert.match(out, /self\.count = 1\n/);
  assert.match(out, /self\.board = board\n/);
  assert.match(out, /\{size = 2,\s*\}/);
  assert.match(out, /self\.made = made\(\)\n/);
});

test('a field named in a string, or one the caller keeps, keeps its writes', () => {
  assert.match(dropUnreadFields(`${PROGRAM}print(b["spare"])\n`), /self\.spare = \{\}/);
  assert.match(dropUnreadFields(PROGRAM, ['label']), /self\.label = "box"/);
});

test('a write that is not a statement of its own, or that assigns more than one target, stays', () => {
  const nested = 'local t = {inner = {}}\nt.inner.gone = 1\nlocal a, b = {}, {}\na.x, b.y = 1, 2\nprint(t.inner)\n';
  assert.equal(dropUnreadFields(nested), nested);
});

test("a metamethod or a name Lua's library reads is not the program's own, and stays", () => {
  const lib = 'local mt = {}\nmt.__index = mt\nmt.__tostring = "x"\nlocal o = {}\no.insert = 1\nprint(setmetatable(o, mt))\n';
  assert.equal(dropUnreadFields(lib), lib);
});
