-- NodeMCU in a real Lua VM, driven by flagpoll's simulated board over two FIFOs.
--
--   lua5.1 -l bit main.lua <model dir> <to-lua fifo> <from-lua fifo> <init.lua> <its name in messages> <watchdog s>   (ESP8266)
--   lua5.3        main.lua ...                                                            (ESP32)
--   ... <watchdog s> <folder>   a live board (console.lua): the console's Lua prompt, `file` on <folder>
--
-- The board (pins, UART wires, virtual time) stays in Node (nodemcu-bridge.ts);
-- this process is the chip's firmware side: the NodeMCU modules flagpoll uses
-- (gpio, tmr, uart, node, print; `bit` is lua-bitop on 5.1), their interrupt
-- side and the Lua task queue. The two talk in lockstep, one line each way at
-- a time; Node waits for the answer to every message.
--
-- Node -> Lua (times in whole µs of virtual time):
--   board <chip> <heap bytes> <pins,...> <uart:rxbuf,...>   first line: what exists
--   start <t>             run init.lua
--   edge <pin> <level> <t>  a pin changed (interrupt side only: records, posts)
--   rx <uart> <byte> <t>  a byte arrived (interrupt side only)
--   run <t>               the main loop: posted tasks by priority, then due timers
--   <level>               the answer to an R request
-- Lua -> Node, any number of lines, then the done marker:
--   O <pin>               pin made an output (keeps its level until written)
--   I <pin> none|up|down  pin made an input, with its pull
--   W <pin> <level>       pin driven
--   R <pin>               read the pin's level now; Node answers with one line
--   S <uart> <baud>       uart.setup
--   T <uart> <hex bytes>  bytes to transmit
--   P <text>              print(...): a line on the console (\ n r escaped)
--   E <text>              an uncaught Lua error (message and traceback): the firmware is dead
--   X                     node.restart()
--   . <pending 0|1> <next timer deadline in µs, or -1>
--
-- Every firmware callback runs from `run`, one at a time, never inside another
-- and never inside the interrupt side, as on the chip. An error that escapes
-- one kills the firmware (the chip would print it and reboot; the emulator
-- does not reboot). A callback that runs for more than <watchdog s> seconds of
-- CPU is stopped by a count hook, as the chip's watchdog would reset it.

local dir, to_lua, from_lua, init_path, init_name, watchdog_s = arg[1], arg[2], arg[3], arg[4], arg[5], tonumber(arg[6]) or 5
local fs_dir = arg[7]

local inp = assert(io.open(to_lua, 'rb'))
local out = assert(io.open(from_lua, 'wb'))
out:setvbuf('full')

local host = { now = 0, dead = false }

function host.send(line)
  out:write(line, '\n')
end

function host.escape(s)
  return (s:gsub('\\', '\\\\'):gsub('\n', '\\n'):gsub('\r', '\\r'))
end

--- Ask Node a question (R): the answer line.
function host.ask(line)
  host.send(line)
  out:flush()
  return inp:read('*l')
end

--- luaL_checkinteger as the chip's Lua has it: a number (or numeric string),
--- truncated on 5.1; on 5.3 a float without an integer value is an error.
--- `level`: the error's level as seen from the caller of checkint (default 2, the caller's caller).
function host.checkint(v, n, fname, level)
  level = (level or 2) + 1
  local x = tonumber(v)
  if x == nil then
    error(string.format("bad argument #%d to '%s' (number expected, got %s)", n, fname, v == nil and 'no value' or type(v)), level)
  end
  if math.type then
    if x ~= math.floor(x) then error(string.format("bad argument #%d to '%s' (number has no integer representation)", n, fname), level) end
    return math.floor(x)
  end
  return x >= 0 and math.floor(x) or -math.floor(-x)
end

-- --- the task queue: node.task.post, and the interrupt side's posts ----------

-- One FIFO per priority (0 low, 1 medium, 2 high), TASK_DEFAULT_QUEUE_LEN long
-- as in NodeMCU's task.c. A task is a function and up to three arguments.
local QUEUE_LEN = 8
local queues = {}
for p = 0, 2 do queues[p] = { head = 1, tail = 0 } end

--- Queue `fn(a, b, c)` at priority `prio`; false when that queue is full.
function host.post(prio, fn, a, b, c)
  local q = queues[prio]
  if q.tail - q.head + 1 >= QUEUE_LEN then return false end
  q.tail = q.tail + 1
  q[q.tail] = { fn, a, b, c }
  return true
end

local function take()
  for p = 2, 0, -1 do
    local q = queues[p]
    if q.head <= q.tail then
      local t = q[q.head]
      q[q.head] = nil
      q.head = q.head + 1
      return t
    end
  end
  return nil
end

local function pending()
  for p = 0, 2 do
    if queues[p].head <= queues[p].tail then return true end
  end
  return false
end

-- --- calling firmware ---------------------------------------------------------

local clock = os.clock
local deadline = math.huge

local function watchdog()
  if clock() > deadline then
    deadline = math.huge
    error(string.format('watchdog: a callback ran for more than %g s without returning (the chip would reset)', watchdog_s), 2)
  end
end

--- The message and the firmware's frames of the traceback (the model's own frames cut off).
local function traceback(e)
  local tb = debug.traceback(tostring(e), 2)
  local cut = tb:find('\n%s*%(tail call%): %?\n%s*%[C%]: in function .xpcall.') or tb:find('\n%s*%[C%]: in function .xpcall.')
  return cut and tb:sub(1, cut - 1) or tb
end

--- Run `fn(...)`; an error that escapes it kills the firmware.
function host.call(fn, a, b, c)
  if host.dead then return end
  deadline = clock() + watchdog_s
  debug.sethook(watchdog, '', 100000)
  local ok, err = xpcall(function() return fn(a, b, c) end, traceback)
  debug.sethook()
  if not ok then
    if host.uncaught then return host.uncaught(err) end -- a live board: NodeMCU's onerror (console.lua)
    host.dead = true
    host.send('E ' .. host.escape(err))
  end
end

-- --- the board and its modules ------------------------------------------------

local function words(line)
  local w = {}
  for x in line:gmatch('%S+') do w[#w + 1] = x end
  return w
end

local first = words(inp:read('*l'))
assert(first[1] == 'board', 'the first line names the board')
host.chip = first[2]
host.heap = tonumber(first[3])
host.pins = {}
for p in first[4]:gmatch('%d+') do host.pins[tonumber(p)] = true end
host.uarts = {}
for id, size in first[5]:gmatch('(%d+):(%d+)') do host.uarts[tonumber(id)] = tonumber(size) end

local function module(name)
  return dofile(dir .. '/' .. name .. '.lua')(host)
end

local tmr, timers = module('tmr')
local gpio, gpio_interrupt = module(host.chip == 'esp8266' and 'gpio-esp8266' or 'gpio-esp32')
local uart, uart_interrupt, console = module('uart')
local env = { gpio = gpio, uart = uart, console = console, tmr = tmr, node = module('node'), bit = host.chip == 'esp8266' and bit or nil }
-- What NodeMCU's Lua has: the base library, string, table, math, coroutine,
-- debug; no io, os, dofile or loadfile (files live in SPIFFS behind `file`).
for _, k in ipairs({ 'assert', 'collectgarbage', 'error', 'getmetatable', 'ipairs', 'load', 'loadstring', 'next',
  'pairs', 'pcall', 'rawequal', 'rawget', 'rawlen', 'rawset', 'select', 'setmetatable', 'tonumber', 'tostring',
  'type', 'unpack', 'xpcall', 'getfenv', 'setfenv', 'string', 'table', 'math', 'coroutine', 'debug', 'utf8',
  '_VERSION' }) do
  env[k] = _G[k]
end
env._G = env
env.require = function(name) error("module '" .. tostring(name) .. "' not found (the emulated board has no files but init.lua)", 2) end
env.print = function(...)
  local n = select('#', ...)
  local parts = {}
  for i = 1, n do parts[i] = tostring((select(i, ...))) end
  host.send('P ' .. host.escape(table.concat(parts, '\t')))
end

local function load_init()
  local file = assert(io.open(init_path, 'rb'))
  local code = file:read('*a')
  file:close()
  local f, err
  if setfenv then
    f, err = loadstring(code, '@' .. init_name)
    if f then setfenv(f, env) end
  else
    f, err = load(code, '@' .. init_name, 'bt', env)
  end
  if not f then
    host.dead = true
    host.send('E ' .. host.escape(err))
    return
  end
  host.call(f)
end

--- The main loop: every posted task, highest priority first, then each due timer, until none is left.
local function run()
  while not host.dead do
    local t = take()
    if t then
      host.call(t[1], t[2], t[3], t[4])
    elseif not timers.fire_due(host.now) then
      break
    end
  end
end

local handlers = {
  start = function() load_init() end,
  edge = function(w) gpio_interrupt(tonumber(w[2]), tonumber(w[3])) end,
  rx = function(w) uart_interrupt(tonumber(w[2]), tonumber(w[3])) end,
  run = run,
}

if fs_dir then dofile(dir .. '/console.lua')(host, env, handlers, dir, fs_dir) end

for line in inp:lines() do
  local w = words(line)
  host.now = tonumber(w[#w])
  if not host.dead then
    local h = handlers[w[1]]
    if h == nil then error('unknown message: ' .. line) end
    h(w)
  end
  local next_at = host.dead and -1 or timers.next_deadline()
  host.send(string.format('. %d %s', (not host.dead and pending()) and 1 or 0, next_at == math.huge and '-1' or string.format('%d', next_at)))
  out:flush()
end
