-- NodeMCU's gpio module on the ESP8266 (app/modules/gpio.c, app/platform/platform.c).
--
--   gpio.mode(pin, gpio.OUTPUT | OPENDRAIN | INPUT | INT [, gpio.PULLUP | FLOAT])
--   gpio.write(pin, gpio.HIGH | LOW)    gpio.read(pin) -> 0 | 1
--   gpio.trig(pin, "up"|"down"|"both"|"low"|"high"|"none" [, cb(level, when, eventcount)])
--
-- Pins are NodeMCU I/O indexes; a pin the board file lacks does not exist.
-- Pin 0 (GPIO16) has no interrupt: gpio.mode(0, gpio.INT) and gpio.trig(0, ...)
-- raise "Invalid pin" / "Invalid interrupt pin" as the firmware does.
--
-- The interrupt side, as platform.c has it: each interrupt on a pin in INT mode
-- whose trigger matches bumps the pin's 15-bit `seen` count; the first one
-- since the last callback posts a high-priority task carrying its level and
-- its µs stamp (31 bits, tmr.now()'s clock). When the task runs, the callback
-- gets that level and stamp and eventcount = seen - reported: interrupts that
-- came while the task waited are merged into that one call, and the level is
-- the first one's (read gpio.read for the level now). gpio.trig clears the
-- count, so a task already queued then calls back with eventcount 0. A level
-- trigger ("low", "high") is off from its interrupt until its callback
-- returns, then fires again at once if the level still holds.
-- Not modelled: the 24-bit packing of the stamp (a task that waits more than
-- 16 s would see a stamp off by a multiple of 2^24 µs) and the ISR's retry
-- when the high-priority queue is full.

return function(host)
  local INPUT, OUTPUT, INT, OPENDRAIN = 0, 1, 2, 3
  local FLOAT, PULLUP = 0, 1
  local TRIGGERS = { none = true, up = true, down = true, both = true, low = true, high = true }
  local pins = {} -- pin -> { mode, trig, cb, seen, reported }

  local function state(pin)
    local p = pins[pin]
    if p == nil then
      p = { mode = INPUT, trig = 'none', seen = 0, reported = 0 }
      pins[pin] = p
    end
    return p
  end

  local function exists(pin)
    return pin <= 12 and host.pins[pin] == true
  end

  local gpio = { INPUT = INPUT, OUTPUT = OUTPUT, INT = INT, OPENDRAIN = OPENDRAIN, FLOAT = FLOAT, PULLUP = PULLUP, HIGH = 1, LOW = 0 }

  function gpio.mode(pin, mode, pull)
    pin = host.checkint(pin, 1, 'mode')
    mode = host.checkint(mode, 2, 'mode')
    pull = pull == nil and FLOAT or host.checkint(pull, 3, 'mode')
    if not exists(pin) or (mode == INT and pin == 0) then error("bad argument #1 to 'mode' (Invalid pin)", 2) end
    if mode ~= OUTPUT and mode ~= OPENDRAIN and mode ~= INPUT and mode ~= INT then error("bad argument #2 to 'mode' (wrong arg type)", 2) end
    local p = state(pin)
    p.mode = mode
    if mode ~= INT then p.cb = nil end
    if mode == OUTPUT or mode == OPENDRAIN then
      host.send('O ' .. pin)
    else
      host.send('I ' .. pin .. (pull ~= FLOAT and ' up' or ' none'))
    end
  end

  function gpio.write(pin, level)
    pin = host.checkint(pin, 1, 'write')
    level = host.checkint(level, 2, 'write')
    if not exists(pin) then error('gpio ' .. pin .. ' does not exist', 2) end
    if level ~= 0 and level ~= 1 then error("bad argument #2 to 'write' (wrong level type)", 2) end
    local p = state(pin)
    if p.mode == OUTPUT or p.mode == OPENDRAIN then host.send('W ' .. pin .. ' ' .. level) end
  end

  function gpio.read(pin)
    pin = host.checkint(pin, 1, 'read')
    if not exists(pin) then error('gpio ' .. pin .. ' does not exist', 2) end
    return tonumber(host.ask('R ' .. pin))
  end

  local interrupt

  local function callback_task(pin, level, stamp)
    local p = pins[pin]
    if p.cb == nil then return end
    local seen = p.seen
    local count = (seen - p.reported) % 32768
    p.reported = seen
    p.cb(level, stamp, count)
    if p.trig == 'low' or p.trig == 'high' then
      p.off = false
      local now = tonumber(host.ask('R ' .. pin))
      if (now == 1) == (p.trig == 'high') then interrupt(pin, now) end
    end
  end

  function gpio.trig(pin, kind, cb)
    pin = host.checkint(pin, 1, 'trig')
    if not exists(pin) or pin == 0 then error("bad argument #1 to 'trig' (Invalid interrupt pin)", 2) end
    if kind == nil then kind = 'none' end
    if not TRIGGERS[kind] then error("bad argument #2 to 'trig' (invalid option '" .. tostring(kind) .. "')", 2) end
    local p = state(pin)
    if kind == 'none' then
      p.cb = nil
    elseif cb == nil and p.cb ~= nil then -- keep the callback there is
    elseif type(cb) == 'function' then
      p.cb = cb
    else
      p.cb = nil
      error("bad argument #3 to 'trig' (invalid callback type)", 2)
    end
    p.trig, p.off = kind, false
    p.reported = p.seen
  end

  --- The interrupt side: pin `pin` changed to `level` now.
  function interrupt(pin, level)
    local p = pins[pin]
    if p == nil or p.mode ~= INT or p.off then return end
    local t = p.trig
    local match = t == 'both' or ((t == 'up' or t == 'high') and level == 1) or ((t == 'down' or t == 'low') and level == 0)
    if not match then return end
    if t == 'low' or t == 'high' then p.off = true end
    local idle = p.seen == p.reported
    p.seen = (p.seen + 1) % 32768
    if idle then host.post(2, callback_task, pin, level, host.now % 2147483648) end
  end
  return gpio, interrupt
end
