// Faster class accessors for the Lua build: a rewrite of two lualib helpers.
//
// TSTL compiles a class getter (`get length()`) with __TS__SetDescriptor,
// which makes the prototype's `__index` and `__newindex` functions that walk
// the metatable chain (descriptorIndex -> __TS__DescriptorGet -> rawget ...).
// From then on every method call on an instance of that class, every read of
// a field that holds nil and every write of a field that holds nil goes
// through two Lua calls and a few C calls. Executor, Signal and WaitQueue have
// getters, so on Lua 5.1 that was most of a Signal wake's time. (Those now
// have no descriptors at all: lua-getters.ts makes plain methods of getters
// whose every read it sees. This rewrite serves the classes left.)
//
// The rewrite keeps the lookups' order and answers, and makes them cheap:
// - `__index` of a prototype becomes one closure bound to that prototype: its
//   own members (a plain table index when the class extends nothing), then its
//   own descriptors, then the generic walk from the base class on.
// - `__newindex` is set only for descriptors that need it (a setter, a value,
//   or `writable: false`). A getter alone needs none: TypeScript does not let
//   typed code assign to a getter without a setter.
// - __TS__ClassExtends copies a base prototype's `__index` to a subclass; a
//   bound closure would look in the base only, so the subclass gets the
//   generic walk instead (its own getters bind a new closure again).
// Descriptors on plain objects (`Object.defineProperty`) keep TSTL's code.
// Each pattern must match exactly once, so a TSTL upgrade that changes the
// lualib fails the build here instead of slowing it silently.

const MODULE_START = '["lualib_bundle"] = function(...) \n';

const SET_INDEX = `        metatable.__index = descriptorIndex
        metatable.__newindex = descriptorNewIndex
`;

const SET_INDEX_FAST = `        if not isPrototype then
            metatable.__index = descriptorIndex
            metatable.__newindex = descriptorNewIndex
            return
        end
        local index = ____boundIndex(metatable)
        ____genericIndexOf[index] = descriptorIndex
        metatable.__index = index
        local d = metatable._descriptors[key]
        if d.set ~= nil or d.get == nil or d.writable == false then
            metatable.__newindex = descriptorNewIndex
        end
`;

const SET_DESCRIPTOR = '    function __TS__SetDescriptor(target, key, desc, isPrototype)\n';

const BOUND_INDEX = `    local function ____boundIndex(mt)
        local descriptors = rawget(mt, "_descriptors")
        local base = getmetatable(mt)
        if base ~= nil then
            return function(self, key)
                local v = rawget(mt, key)
                if v ~= nil then return v end
                local d = descriptors[key]
                if d ~= nil then
                    if d.get then return d.get(self) end
                    return d.value
                end
                return __TS__DescriptorGet(self, base, key)
            end
        end
        -- TSTL calls __TS__ClassExtends before it sets members: with no base now, mt has no metatable.
        return function(self, key)
            local v = mt[key]
            if v ~= nil then return v end
            local d = descriptors[key]
            if d ~= nil then
                if d.get then return d.get(self) end
                return d.value
            end
        end
    end
`;

const EXTENDS_INDEX = '        target.prototype.__index = base.prototype.__index\n';
const EXTENDS_INDEX_GENERIC = '        target.prototype.__index = ____genericIndexOf[base.prototype.__index] or base.prototype.__index\n';

function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) {
    throw new Error(`lua-descriptors: TSTL's lualib changed, expected exactly one of:\n${from}`);
  }
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** The bundle with the faster accessor helpers, or unchanged when it uses no descriptors. */
export function fastDescriptors(bundle: string): string {
  if (!bundle.includes(SET_DESCRIPTOR)) return bundle;
  let out = replaceOnce(bundle, MODULE_START, MODULE_START + 'local ____genericIndexOf = {}\n');
  out = replaceOnce(out, SET_INDEX, SET_INDEX_FAST);
  out = replaceOnce(out, SET_DESCRIPTOR, BOUND_INDEX + SET_DESCRIPTOR);
  if (out.includes('local function __TS__ClassExtends(')) out = replaceOnce(out, EXTENDS_INDEX, EXTENDS_INDEX_GENERIC);
  return out;
}
