-- NodeMCU's uart module (app/modules/uart.c on the ESP8266; components/modules/
-- uart.c on the ESP32, where the id comes first and may be left out).
--
--   uart.setup(id, baud, databits, parity, stopbits [, echo | pins]) -> baud
--   ESP8266: uart.on("data" [, n | "c" [, cb(data) [, run_input]]])
--   ESP32:   uart.on([id,] "data" [, n | "c" [, cb(data) [, run_input]]])
--   uart.write(id, byte | string, ...)
--
-- Receiving: bytes go into the UART's buffer (the board file's rxBuffer;
-- more are dropped) and the first one since the last delivery posts a
-- low-priority task. That task hands cb what the buffer holds as `n` asks:
-- n = 0 everything that arrived, n > 0 chunks of n bytes (the rest waits),
-- "c" up to and including c, or 255 bytes. Only uart 0 receives on the
-- ESP8266. Without a data callback, or with run_input 1 (the default), the
-- bytes go to the Lua prompt on a live board (console.lua), as on the chip;
-- elsewhere the emulator has no prompt and they are dropped.
-- Sending: bytes go on the wire at the baud (Node queues them); a write
-- never blocks, where the chip waits for room in its 128-byte TX FIFO.
-- ESP32 only: uart.start(id) (needed after setup by every UART but the
-- console's), and the console module of the current dev-esp32
-- (components/modules/console.c, docs/modules/console.md):
--   console.on("data" [, n | "c"], cb | nil)   the console's data callback
--   console.mode(console.INTERACTIVE 1 | NONINTERACTIVE 0): whether its input
--     also goes to Lua (the default: interactive)
--   console.write(byte | string, ...)

return function(host)
  local esp8266 = host.chip == 'esp8266'
  local MAX_ID = esp8266 and 1 or 2
  local ports = {} -- id -> { cb, n, buf, posted }

  local function port(id)
    local p = ports[id]
    if p == nil then
      p = { buf = {}, posted = false }
      ports[id] = p
    end
    return p
  end

  local function check(id, fname)
    id = host.checkint(id, 1, fname)
    if id < 0 or id > MAX_ID then error('uart ' .. id .. ' does not exist', 3) end
    if host.uarts[id] == nil then error('uart ' .. id .. ': the emulated board has no uart' .. id .. ' in its board file', 3) end
    return id
  end

  local uart = { PARITY_NONE = 0, PARITY_EVEN = 1, PARITY_ODD = 2, STOPBITS_1 = 1, STOPBITS_1_5 = 3, STOPBITS_2 = 2 }

  function uart.setup(id, baud, databits, parity, stopbits, echo)
    id = check(id, 'setup')
    baud = host.checkint(baud, 2, 'setup')
    host.checkint(databits, 3, 'setup')
    host.checkint(parity, 4, 'setup')
    host.checkint(stopbits, 5, 'setup')
    if host.console and id == 0 and esp8266 and echo ~= nil then host.console.echo = host.checkint(echo, 6, 'setup') ~= 0 end
    host.send('S ' .. id .. ' ' .. baud)
    return baud
  end

  --- The data callback of uart `id`: `cb` on `n` (nil: none); run_input nil keeps the port's.
  local function on(id, n, cb, run_input)
    local p = port(id)
    if cb == nil then
      p.cb = nil
      return
    end
    if type(cb) ~= 'function' then error("bad argument to 'on' (function expected, got " .. type(cb) .. ')', 3) end
    if type(n) == 'string' then
      if #n ~= 1 then error("bad argument to 'on' (wrong arg range)", 3) end
    else
      n = host.checkint(n, 2, 'on', 3)
      if n < 0 or n > 255 then error("bad argument to 'on' (wrong arg range)", 3) end
    end
    p.cb, p.n = cb, n
    if run_input ~= nil then p.run_input = run_input end
  end

  function uart.on(...)
    local id, method, n, cb, run_input = 0, ...
    if not esp8266 and type(method) == 'number' then id, method, n, cb, run_input = ... end
    if method ~= 'data' then error("bad argument #" .. (id == 0 and 1 or 2) .. " to 'on' (method not supported)", 2) end
    if esp8266 and id ~= 0 then error('uart ' .. id .. ' cannot receive on the ESP8266', 2) end
    if host.uarts[id] == nil then error('uart ' .. id .. ': the emulated board has no uart' .. id .. ' in its board file', 2) end
    local to_lua = nil
    if cb ~= nil then to_lua = run_input == nil or host.checkint(run_input, 4, 'on') ~= 0 end
    on(id, n, cb, to_lua)
  end

  function uart.write(id, ...)
    id = check(id, 'write')
    local hex = {}
    for i = 1, select('#', ...) do
      local d = select(i, ...)
      if type(d) == 'number' then
        hex[#hex + 1] = string.format('%02x', host.checkint(d, i + 1, 'write') % 256)
      elseif type(d) == 'string' then
        hex[#hex + 1] = (d:gsub('.', function(c) return string.format('%02x', c:byte()) end))
      else
        error(string.format("bad argument #%d to 'write' (number or string expected)", i + 1), 2)
      end
    end
    local all = table.concat(hex)
    if all ~= '' then host.send('T ' .. id .. ' ' .. all) end
  end

  local console = nil
  if not esp8266 then
    function uart.start(id)
      check(id, 'start')
      return true
    end
    console = { INTERACTIVE = 1, NONINTERACTIVE = 0 }
    function console.on(method, n, cb)
      if method ~= 'data' then error("bad argument #1 to 'on' (method not supported)", 2) end
      on(0, n, cb, nil)
    end
    function console.mode(mode)
      port(0).run_input = host.checkint(mode, 1, 'mode') ~= console.NONINTERACTIVE
    end
    function console.write(...)
      return uart.write(0, ...)
    end
  end

  local function take(p, count)
    local s = table.concat(p.buf, '', 1, count)
    local rest = {}
    for i = count + 1, #p.buf do rest[#rest + 1] = p.buf[i] end
    p.buf = rest
    return s
  end

  local function deliver(id)
    local p = ports[id]
    p.posted = false
    while p.cb ~= nil and #p.buf > 0 do
      local n, count = p.n, nil
      if n == 0 then
        count = #p.buf
      elseif type(n) == 'number' then
        if #p.buf < n then return end
        count = n
      else
        for i = 1, #p.buf do
          if p.buf[i] == n then count = i break end
        end
        if count == nil then
          if #p.buf < 255 then return end
          count = 255
        end
      end
      p.cb(take(p, count))
    end
    if p.cb == nil then p.buf = {} end
  end

  --- The interrupt side: byte `byte` arrived on uart `id`.
  local function interrupt(id, byte)
    local p = port(id)
    local to_lua = p.run_input ~= false -- nil: no callback ever, or the console module's default
    if host.console and id == 0 and (p.cb == nil or to_lua) then return host.console.rx(byte, to_lua and p.cb) end
    if p.cb == nil or #p.buf >= host.uarts[id] then return end
    p.buf[#p.buf + 1] = string.char(byte)
    if not p.posted then p.posted = host.post(0, deliver, id) end
  end

  return uart, interrupt, console
end
