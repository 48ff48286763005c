-- Typed arrays for the Lua build: Lua has none, and TSTL has no built-in for them.
--
-- TSTL compiles `new Uint8Array(n)` to `__TS__New(Uint8Array, n)`, indexes a
-- typed array as a plain table from 0 (it adds 1 only for real Arrays) and
-- calls `.fill(v)` as a method. So each constructor here is a table whose
-- instances hold `length` and zeroes at 0 .. n-1, with `fill`, `set` (from
-- another typed array, at an offset) and `subarray` (a view sharing the
-- elements; like JavaScript's, it is a new object per call). Values are Lua
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
  function proto:set(src, offset)
    offset = offset or 0
    for i = 0, src.length - 1 do self[offset + i] = src[i] end
  end
  function proto:subarray(from, to)
    local n = self.length
    from = from or 0
    to = to or n
    if from < 0 then from = math.max(n + from, 0) end
    if to < 0 then to = math.max(n + to, 0) end
    if to > n then to = n end
    if from > to then from = to end
    local parent = self
    return setmetatable({ length = to - from }, {
      __index = function(_, k)
        if type(k) == "number" then return parent[k + from] end
        return proto[k]
      end,
      __newindex = function(t, k, v)
        if type(k) == "number" then parent[k + from] = v else rawset(t, k, v) end
      end,
    })
  end
  return { prototype = proto }
end
Uint8Array = typedArray()
Uint16Array = typedArray()
Uint32Array = typedArray()
Int32Array = typedArray()
