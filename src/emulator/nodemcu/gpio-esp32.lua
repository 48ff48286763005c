-- NodeMCU's gpio module on the ESP32 (components/modules/gpio.c on dev-esp32).
--
--   gpio.config({ gpio = pin | {pins}, dir = gpio.IN | OUT | IN_OUT,
--                 pull = gpio.FLOATING | PULL_UP | PULL_DOWN | PULL_UP_DOWN }, ...)
--   gpio.write(pin, 0 | 1)     gpio.read(pin) -> 0 | 1
--   gpio.trig(pin [, gpio.INTR_UP | INTR_DOWN | INTR_UP_DOWN | INTR_LOW | INTR_HIGH | INTR_NONE [, cb(pin, level)]])
--
-- Pins are GPIO numbers; one the board file lacks is "invalid". The
-- interrupt side, as gpio.c has it: the ISR disables the pin's interrupt and
-- posts a low-priority task with the pin and its level read in the ISR; the
-- task calls cb(pin, level) and then enables the interrupt again. Edges while
-- it is disabled are lost: no count, no stamp. A level trigger still
-- holding when it is enabled again fires at once.

return function(host)
  local IN, OUT, IN_OUT = 1, 2, 3
  local PULL_UP, PULL_DOWN = 1, 2
  local NONE, UP, DOWN, BOTH, LOW, HIGH = 0, 1, 2, 3, 4, 5
  local pins = {} -- pin -> { dir, trig, cb, off }

  local function valid(pin)
    return host.pins[pin] == true
  end

  local function state(pin)
    local p = pins[pin]
    if p == nil then
      p = { dir = 0, trig = NONE, off = false }
      pins[pin] = p
    end
    return p
  end

  local gpio = {
    IN = IN, OUT = OUT, IN_OUT = IN_OUT,
    FLOATING = 0, PULL_UP = PULL_UP, PULL_DOWN = PULL_DOWN, PULL_UP_DOWN = PULL_UP + PULL_DOWN,
    INTR_NONE = NONE, INTR_UP = UP, INTR_DOWN = DOWN, INTR_UP_DOWN = BOTH, INTR_LOW = LOW, INTR_HIGH = HIGH,
  }

  local function configure(pin, dir, pull)
    if not valid(pin) then error('invalid argument', 3) end
    state(pin).dir = dir
    if dir == OUT then
      host.send('O ' .. pin)
    else
      host.send('I ' .. pin .. ((pull & PULL_UP) ~= 0 and ' up' or (pull & PULL_DOWN) ~= 0 and ' down' or ' none'))
    end
  end

  function gpio.config(...)
    local n = select('#', ...)
    for i = 1, n do
      local cfg = select(i, ...)
      if type(cfg) ~= 'table' then error(string.format("bad argument #%d to 'config' (table expected, got %s)", i, type(cfg)), 2) end
      local dir = host.checkint(cfg.dir, i, 'config')
      local pull = cfg.pull == nil and 0 or host.checkint(cfg.pull, i, 'config')
      if type(cfg.gpio) == 'number' then
        configure(cfg.gpio, dir, pull)
      elseif type(cfg.gpio) == 'table' then
        for _, pin in pairs(cfg.gpio) do configure(pin, dir, pull) end
      else
        error("missing/bad 'gpio' field", 2)
      end
    end
  end

  function gpio.write(pin, level)
    pin = host.checkint(pin, 1, 'write')
    level = host.checkint(level, 2, 'write')
    if not valid(pin) then error('invalid argument', 2) end
    local p = state(pin)
    if p.dir == OUT or p.dir == IN_OUT then host.send('W ' .. pin .. ' ' .. (level ~= 0 and 1 or 0)) end
  end

  function gpio.read(pin)
    pin = host.checkint(pin, 1, 'read')
    if not valid(pin) then error('invalid argument', 2) end
    return tonumber(host.ask('R ' .. pin))
  end

  local interrupt

  local function callback_task(pin, level)
    local p = pins[pin]
    if p.cb == nil then return end
    p.cb(pin, level)
    p.off = false
    if p.trig == LOW or p.trig == HIGH then
      local now = tonumber(host.ask('R ' .. pin))
      if (now == 1) == (p.trig == HIGH) then interrupt(pin, now) end
    end
  end

  function gpio.trig(pin, kind, cb)
    pin = host.checkint(pin, 1, 'trig')
    kind = kind == nil and NONE or host.checkint(kind, 2, 'trig')
    if cb ~= nil and type(cb) ~= 'function' then error(string.format("bad argument #3 to 'trig' (function expected, got %s)", type(cb)), 2) end
    if pin < 0 or pin >= 40 then error('invalid gpio', 2) end
    if not valid(pin) or kind < NONE or kind > HIGH then error('invalid argument', 2) end
    local p = state(pin)
    if kind == NONE then p.cb = nil elseif cb ~= nil then p.cb = cb end
    p.trig, p.off = kind, false
  end

  --- The interrupt side: pin `pin` changed to `level` now.
  function interrupt(pin, level)
    local p = pins[pin]
    if p == nil or p.off or p.trig == NONE or p.dir == OUT or p.dir == 0 then return end
    local t = p.trig
    local match = t == BOTH or ((t == UP or t == HIGH) and level == 1) or ((t == DOWN or t == LOW) and level == 0)
    if not match then return end
    p.off = true
    host.post(0, callback_task, pin, level)
  end

  return gpio, interrupt
end
