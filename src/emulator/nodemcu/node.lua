-- NodeMCU's node module, the parts flagpoll uses (app/modules/node.c on the
-- ESP8266, components/modules/node.c on the ESP32).
--
--   node.task.post([prio,] fn)   prio node.task.LOW_PRIORITY 0, MEDIUM_PRIORITY 1
--     (the default), HIGH_PRIORITY 2; fn() runs later on the Lua task, highest
--     priority first, in order within one; a full queue (8 per priority, as
--     task.c has it) raises "Task queue overflow. Task not posted".
--   node.heap() -> free bytes: the board's Lua heap less what this Lua state
--     holds (collectgarbage "count"); an estimate, the model's own tables count too.
--   node.restart(): the chip reboots; the emulator stops the firmware and says so.
--   node.uptime() (ESP32 only) -> µs since boot, 0: float Lua, so the low part is the whole count.

return function(host)
  local task = { LOW_PRIORITY = 0, MEDIUM_PRIORITY = 1, HIGH_PRIORITY = 2 }

  function task.post(prio, fn)
    if fn == nil then prio, fn = 1, prio end
    prio = host.checkint(prio, 1, 'post')
    if prio < 0 or prio > 2 then error("bad argument #1 to 'post' (invalid priority)", 2) end
    if type(fn) ~= 'function' then error("bad argument #2 to 'post' (function expected, got " .. type(fn) .. ')', 2) end
    if not host.post(prio, fn) then error('Task queue overflow. Task not posted', 2) end
  end

  local node = { task = task }

  function node.heap()
    return math.floor(host.heap - collectgarbage('count') * 1024)
  end

  function node.restart()
    host.send('X')
    host.dead = true
  end

  if host.chip == 'esp32' then
    function node.uptime()
      return host.now, 0
    end
  end

  return node
end
