// A lean Error for the Lua build: a rewrite of lualib's Error classes.
//
// TSTL's lualib gives `Error` (and RangeError, TypeError, ...) a stack trace:
// every `new Error` walks the stack with debug.getinfo and keeps
// debug.traceback's text, and each class's `__tostring` is wrapped to append
// it when the error reaches `error()` uncaught. On the ESP8266 that block is
// about 2 KB of bytecode in a 44 KB heap, and a trace string per error at run
// time. flagpoll's errors carry a code and their values (errors.ts), which is
// what the chip prints; so this keeps what firmware can observe of an Error
// (`name`, `message`, `instanceof`, `tostring` giving "Name: message", being
// callable without `new`, subclasses) and drops the trace: `stack` is nil.
// The block must be found exactly once, so a TSTL upgrade that changes it
// fails the build here instead of silently keeping the old one.

const HEAD = 'local Error, RangeError, ReferenceError, SyntaxError, TypeError, URIError\ndo\n';

const LEAN = `${HEAD}    local function describe(self)
        return self.message ~= "" and (self.name .. ": ") .. self.message or self.name
    end
    local function errorClass(name, base)
        local c = __TS__Class()
        c.name = name
        if base then
            __TS__ClassExtends(c, base)
        end
        c.prototype.____constructor = function(self, message)
            if message == nil then
                message = ""
            end
            self.message = message
            self.name = name
        end
        c.prototype.__tostring = describe
        return setmetatable(c, {__call = function(_, _self, message) return __TS__New(c, message) end})
    end
    Error = errorClass("Error")
    RangeError = errorClass("RangeError", Error)
    ReferenceError = errorClass("ReferenceError", Error)
    SyntaxError = errorClass("SyntaxError", Error)
    TypeError = errorClass("TypeError", Error)
    URIError = errorClass("URIError", Error)
end
`;

/** The bundle with lualib's Error block replaced by the lean one; unchanged when the bundle has no Error. */
export function leanErrors(bundle: string): string {
  const at = bundle.indexOf(HEAD);
  if (at < 0) return bundle;
  const end = bundle.indexOf('\nend\n', at);
  if (end < 0 || bundle.indexOf(HEAD, at + 1) >= 0 || !bundle.slice(at, end).includes('local function getErrorStack(')) {
    throw new Error(`lua-errors: TSTL's lualib changed, expected one Error block starting:\n${HEAD}`);
  }
  return bundle.slice(0, at) + LEAN + bundle.slice(end + '\nend\n'.length);
}
