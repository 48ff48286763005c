// A local per class prototype (src/build/lua-prototypes.ts): the methods are
// defined and reached through it, the program answers the same on both Luas,
// and where the local would not mean what `C.prototype` meant, the text stays.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LUA_VERSIONS, runLua } from '../../src/build/lua.ts';
import { localPrototypes } from '../../src/build/lua-prototypes.ts';
import { skipWithoutLua } from './helpers.ts';

/** Two classes as the flattened build writes them, the second calling the first's method by its prototype. */
const CLASSES = `local Base, Sub
do
    Base = {prototype = {}}
    Base.prototype.__index = Base.prototype
    function Base.prototype.init(self, n)
        self.n = n
    end
    function Base.prototype.get(self)
        return self.n
    end
end
do
    Sub = setmetatable({prototype = setmetatable({}, Base.prototype)}, {__index = Base})
    Sub.prototype.__index = Sub.prototype
    function Sub.prototype.init(self, n)
        Base.prototype.init(self, n * 2)
    end
    function Sub.prototype.twice(self)
        return Sub.prototype.get(self) * 2
    end
end
local s = setmetatable({}, Sub.prototype)
s:init(5)
print(s:get(), s:twice(), Base.prototype.get(s))
`;

for (const v of LUA_VERSIONS) {
  test(`methods defined through a local per prototype answer as before on Lua ${v}`, { skip: skipWithoutLua(v) }, () => {
    const out = localPrototypes(CLASSES);
    assert.match(out, /local Base_p = Base\.prototype\n\s*function Base_p\.init\(/);
    assert.match(out, /function Sub_p\.twice\(self\)\n\s*return Sub_p\.get\(self\)/);
    assert.equal(runLua(out, v), runLua(CLASSES, v));
    assert.equal(runLua(out, v), '10\t20\t10\n');
  });
}

test("a class's prototype read from another block, or before its first method, keeps its text", () => {
  const out = localPrototypes(CLASSES);
  assert.match(out, /Base\.prototype\.init\(self, n \* 2\)/);
  assert.match(out, /Sub\.prototype\.__index = Sub\.prototype\n/);
  assert.match(out, /print\(s:get\(\), s:twice\(\), Base\.prototype\.get\(s\)\)/);
});

test('a class whose prototype or variable is assigned after its first method keeps its text', () => {
  const reassigned = CLASSES.replace('        return self.n\n    end\nend', '        return self.n\n    end\n    Base.prototype = {}\nend');
  assert.doesNotMatch(localPrototypes(reassigned), /Base_p/);
  const rebound = CLASSES.replace('        return self.n\n    end\nend', '        return self.n\n    end\n    Base, Sub = {}, {}\nend');
  assert.doesNotMatch(localPrototypes(rebound), /Base_p/);
});

test('a local of the same name inside a method is not the class, and is not rewritten', { skip: skipWithoutLua('5.1') }, () => {
  const shadowed = CLASSES.replace('        return self.n\n', '        local Base = {prototype = {n = 7}}\n        return Base.prototype.n + self.n\n');
  const out = localPrototypes(shadowed);
  assert.match(out, /return Base\.prototype\.n \+ self\.n/);
  assert.equal(runLua(out, '5.1'), runLua(shadowed, '5.1'));
});

test('a name already in use is not taken for the local', () => {
  const taken = `local Base_p = 1\n${CLASSES.replace('print(', 'print(Base_p, ')}`;
  const out = localPrototypes(taken);
  assert.match(out, /local Base_p_ = Base\.prototype/);
  assert.match(out, /print\(Base_p, /);
});
