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
// lualib always makes RangeError, ReferenceError, SyntaxError, TypeError and
// URIError with Error; only those the program names are made here. The block
// must be found exactly once, so a TSTL upgrade that changes it fails the
// build here instead of silently keeping the old one.
//
// lualib's instanceof asks the class for `Symbol.hasInstance` first, which
// alone keeps lualib's Symbol table (six symbols and their metatable) in every
// program that uses instanceof. When nothing else names Symbol, no class can
// have a hasInstance, so that check goes, and the shake takes Symbol. (The
// NodeMCU build asks again after its shake, which takes the unused lualib
// features that named Symbol too.)

const HEAD = 'local Error, RangeError, ReferenceError, SyntaxError, TypeError, URIError\ndo\n';

const SUBCLASSES = ['RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError'];

const lean = (names: string[]) => `local ${names.join(', ')}\ndo\n    local function describe(self)
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
${names.slice(1).map((n) => `    ${n} = errorClass("${n}", Error)\n`).join('')}end
`;

const HAS_INSTANCE = '    if classTbl[Symbol.hasInstance] ~= nil then\n        return not not classTbl[Symbol.hasInstance](classTbl, obj)\n    end\n';
const SYMBOL = 'local __TS__Symbol, Symbol\ndo\n';

/** The bundle with lualib's Error block replaced by the lean one and instanceof without hasInstance where it can (see above). */
export function leanErrors(bundle: string): string {
  return leanInstanceOf(leanErrorBlock(bundle));
}

function leanErrorBlock(bundle: string): string {
  const at = bundle.indexOf(HEAD);
  if (at < 0) return bundle;
  const end = bundle.indexOf('\nend\n', at);
  if (end < 0 || bundle.indexOf(HEAD, at + 1) >= 0 || !bundle.slice(at, end).includes('local function getErrorStack(')) {
    throw new Error(`lua-errors: TSTL's lualib changed, expected one Error block starting:\n${HEAD}`);
  }
  const rest = withoutLualibExports(bundle.slice(0, at) + bundle.slice(end));
  const names = ['Error', ...SUBCLASSES.filter((n) => new RegExp(`\\b${n}\\b`).test(rest))];
  return bundle.slice(0, at) + lean(names) + bundle.slice(end + '\nend\n'.length);
}

/** The bundle with instanceof's Symbol.hasInstance check out, when nothing else names Symbol (see above). */
export function leanInstanceOf(bundle: string): string {
  const check = bundle.indexOf(HAS_INSTANCE);
  const block = bundle.indexOf(SYMBOL);
  const blockEnd = bundle.indexOf('\nend\n', block);
  if (check < 0 || block < 0 || blockEnd < 0) return bundle;
  const rest = withoutLualibExports(bundle.slice(0, block) + bundle.slice(blockEnd)).replace(HAS_INSTANCE, '');
  return /\bSymbol\b/.test(rest) ? bundle : bundle.replace(HAS_INSTANCE, '');
}

/**
 * The code without lualib's export lines (`  RangeError = RangeError,`) and the modules' imports of them
 * (`local RangeError = ____lualib.RangeError`): TSTL exports and imports every name of a feature it uses.
 */
const withoutLualibExports = (code: string) => code.replace(/^ {2}(\w+) = \1,?$|^local (\w+) = ____lualib\.\2$/gm, '');
