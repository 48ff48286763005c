-- Typed arrays for the Lua build: Lua has none, and TSTL has no built-in for them.
--
-- TSTL compiles `new Uint8Array(n)` to `__TS__New(Uint8Array, n)`, indexes a
-- typed array as a plain table from 0 (it adds 1 only for real Arrays) and
-- calls `.fill(v)` as a method. So each constructor here is a table whose
-- instances hold `length` and zeroes at 0 .. n-1, with `fill`. Values are Lua
-- numbers: nothing wraps at the element width (the runtime stores only small
-- counters and slot numbers in them). Prepended to the chunk by src/build/lua.ts.
local function typedArray()
  local proto = {}
  proto.__index = proto
  function proto:____constructor(n)
    self.length = n
    for i = 0, n - 1 do self[i] = 0 end
  end
  function proto:fill(v)
    for i = 0, self.length - 1 do self[i] = v end
    return self
  end
  return { prototype = proto }
end
Uint8Array = typedArray()
Uint16Array = typedArray()
Uint32Array = typedArray()
Int32Array = typedArray()
