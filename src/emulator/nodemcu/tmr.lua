-- NodeMCU's tmr module in virtual time (app/modules/tmr.c on the ESP8266,
-- components/modules/tmr.c on the ESP32; the object API both share).
--
--   t = tmr.create()
--   t:register(ms, tmr.ALARM_SINGLE | ALARM_SEMI | ALARM_AUTO, cb)   disarms, then idle
--   t:start() -> true, or false when running or not registered
--   t:stop() -> true when it was running     t:alarm(...) = register + start -> true
--   t:unregister()   t:interval(ms)   t:state() -> running, mode (nil when unregistered)
--   tmr.now() (ESP8266 only): µs since boot masked to 31 bits
--
-- ms must be a whole 1..6870947 ("wrong arg range"; on 5.3 a fraction has "no
-- integer representation"), as on the chip. When a timer
-- fires, a SINGLE one is unregistered and a SEMI one goes idle before cb(t)
-- runs, so the callback may arm it again; an AUTO one is re-armed from its
-- deadline, without drift. Timers due at once fire by deadline, then in the
-- order they were armed.

return function(host)
  local SINGLE, SEMI, AUTO = 0, 1, 2
  local MAX_MS = 6870947
  local armed = {} -- running timers, in arming order
  local seq = 0

  local Timer = {}
  Timer.__index = Timer

  local function disarm(t)
    for i = 1, #armed do
      if armed[i] == t then
        table.remove(armed, i)
        return
      end
    end
  end

  local function arm(t, at)
    seq = seq + 1
    t.at, t.seq, t.running = at, seq, true
    armed[#armed + 1] = t
  end

  --- register's work, for register and alarm: errors name `fname` and point at the firmware's call.
  local function configure(self, ms, mode, cb, fname)
    ms = host.checkint(ms, 1, fname, 3)
    if ms <= 0 or ms > MAX_MS then error("bad argument #1 to '" .. fname .. "' (wrong arg range)", 3) end
    if mode ~= SINGLE and mode ~= SEMI and mode ~= AUTO then error("bad argument #2 to '" .. fname .. "' (Invalid mode)", 3) end
    if type(cb) ~= 'function' then error("bad argument #3 to '" .. fname .. "' (Must be function)", 3) end
    if self.running then disarm(self) end
    self.ms, self.mode, self.cb, self.running = ms, mode, cb, false
  end

  function Timer:register(ms, mode, cb)
    configure(self, ms, mode, cb, 'register')
  end

  function Timer:start()
    if self.cb == nil or self.running then return false end
    arm(self, host.now + self.ms * 1000)
    return true
  end

  function Timer:stop()
    if not self.running then return false end
    disarm(self)
    self.running = false
    return true
  end

  function Timer:alarm(ms, mode, cb)
    configure(self, ms, mode, cb, 'alarm')
    return self:start()
  end

  function Timer:unregister()
    if self.running then disarm(self) end
    self.cb, self.running = nil, false
  end

  function Timer:interval(ms)
    ms = host.checkint(ms, 1, 'interval')
    if ms <= 0 or ms > MAX_MS then error("bad argument #1 to 'interval' (wrong arg range)", 2) end
    self.ms = ms
    if self.running then
      disarm(self)
      arm(self, host.now + self.ms * 1000)
    end
  end

  function Timer:state()
    if self.cb == nil then return nil end
    return self.running, self.mode
  end

  local tmr = { ALARM_SINGLE = SINGLE, ALARM_SEMI = SEMI, ALARM_AUTO = AUTO }

  function tmr.create()
    return setmetatable({ running = false }, Timer)
  end

  if host.chip == 'esp8266' then
    function tmr.now()
      return host.now % 2147483648
    end
  end

  local timers = {}

  --- Fire the earliest timer due at `now`: true when one fired.
  function timers.fire_due(now)
    local best = nil
    for i = 1, #armed do
      local t = armed[i]
      if t.at <= now and (best == nil or t.at < best.at or (t.at == best.at and t.seq < best.seq)) then best = t end
    end
    if best == nil then return false end
    disarm(best)
    local cb = best.cb
    if best.mode == AUTO then
      arm(best, best.at + best.ms * 1000)
    else
      best.running = false
      if best.mode == SINGLE then best.cb = nil end
    end
    host.call(cb, best)
    return true
  end

  --- The earliest deadline of a running timer, µs, or math.huge.
  function timers.next_deadline()
    local at = math.huge
    for i = 1, #armed do
      if armed[i].at < at then at = armed[i].at end
    end
    return at
  end

  return tmr, timers
end
