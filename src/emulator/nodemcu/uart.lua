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

  function uart.on(...)
    local id, method, n, cb, run_input = 0, ...
    if not esp8266 and type(method) == 'number' then id, method, n, cb, run_input = ... end
    if method ~= 'data' then error("bad argument #" .. (id == 0 and 1 or 2) .. " to 'on' (method not supported)", 2) end
    if esp8266 and id ~= 0 then error('uart ' .. id .. ' cannot receive on the ESP8266', 2) end
    if host.uarts[id] == nil then error('uart ' .. id .. ': the emulated board has no uart' .. id .. ' in its board file', 2) end
    local p = port(id)
    if cb == nil then
      p.cb = nil
      return
    end
    if type(cb) ~= 'function' then error("bad argument to 'on' (function expected, got " .. type(cb) .. ')', 2) end
    if type(n) == 'string' then
      if #n ~= 1 then error("bad argument to 'on' (wrong arg range)", 2) end
    else
      n = host.checkint(n, 2, 'on')
      if n < 0 or n > 255 then error("bad argument to 'on' (wrong arg range)", 2) end
    end
    p.cb, p.n, p.run_input = cb, n, run_input == nil or host.checkint(run_input, 4, 'on') ~= 0
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
    if host.console and id == 0 and (p.cb == nil or p.run_input) then return host.console.rx(byte, p.run_input and p.cb) end
    if p.cb == nil or #p.buf >= host.uarts[id] then return end
    p.buf[#p.buf + 1] = string.char(byte)
    if not p.posted then p.posted = host.post(0, deliver, id) end
  end

  return uart, interrupt
end
