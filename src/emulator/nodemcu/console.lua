-- NodeMCU's console on uart0, for a live board (`flagpoll emulate --listen
-- pty:...`, src/emulator/nodemcu-live.ts): what an upload client such as
-- nodemcu-tool talks to. main.lua loads this when it is given a folder.
--
-- As the firmware has it (app/driver/input.c, app/lua/lua.c, uart0_putc):
--   - Each byte received is echoed (unless uart.setup(0, ..., echo 0));
--     CR, LF, CR LF and LF CR end a line once; backspace/DEL rub out; a line
--     past LUA_MAXINPUT (256) bytes starts over. An empty line gets a prompt.
--   - A line is compiled as chunk "=stdin" ("=expr" as "return expr"); an
--     incomplete chunk (error at <eof>) waits for more lines behind ">> ";
--     results are printed, an error prints its message; then "> ".
--   - Console output (print, the echo, prompts) goes through uart0_putc: LF
--     becomes CR LF and CR is dropped. uart.write(0, ...) stays raw.
--   - At start: a short boot banner, then init.lua from the folder, as NodeMCU
--     3.0 boots (lua.c pmain): a load error is printed as its message, an
--     error while it runs as its traceback; no restart, the prompt comes.
--   - An error no firmware callback caught (lnodemcu.c luaL_pcallx, node.c
--     default_onerror, the same on the ESP32): its message and traceback go,
--     from a high-priority task, to node.setonerror's function if one was
--     given, else to print, and the first such error arms a restart 2 s
--     later; the firmware runs on until then.
--   - `file` on the folder (file.lua), dofile/loadfile/require from it,
--     node.chipid, node.info (ESP8266; the ESP32 firmware has none), and
--     node.restart(), which ends this Lua VM: Node starts a new one, which
--     boots again. No `encoder` module: uploads use hex.
-- Bytes reach the prompt only while no uart.on("data") callback took them
-- with run_input 0 (uart.lua's interrupt side hands them here).

return function(host, env, handlers, model_dir, fs_dir)
  local MAXINPUT = 256
  local esp8266 = host.chip == 'esp8266'
  local file = dofile(model_dir .. '/file.lua')(host, fs_dir)
  local console = { echo = true }
  host.console = console

  -- --- output: batched within one drain, in order with everything else --------

  local batch = nil
  local function send(s)
    if s == '' then return end
    if batch then
      batch[#batch + 1] = s
    else
      host.send('T 0 ' .. (s:gsub('.', function(c) return string.format('%02x', c:byte()) end)))
    end
  end
  local function flush()
    if batch == nil then return end
    local s = table.concat(batch)
    batch = nil
    send(s)
  end
  --- uart0_putc: LF as CR LF, CR dropped.
  local function puts(s)
    send((s:gsub('\r', ''):gsub('\n', '\r\n')))
  end

  env.print = function(...)
    local parts = {}
    for i = 1, select('#', ...) do parts[i] = tostring((select(i, ...))) end
    puts(table.concat(parts, '\t') .. '\n')
  end

  -- --- running text: the prompt's lines, init.lua, dofile ------------------------

  local function compile(code, name)
    if setfenv then
      local f, err = loadstring(code, name)
      if f then setfenv(f, env) end
      return f, err
    end
    return load(code, name, 't', env)
  end

  local unpack = unpack or table.unpack
  local function pack(...) return { n = select('#', ...), ... } end

  -- The chip's watchdog, for text run from the prompt or at boot (host.call's kills the firmware instead).
  -- `traced`: an error comes with its traceback (init.lua's chunk), else as its message (the prompt's lines).
  local function guarded(f, traced)
    local limit = os.clock() + 5
    debug.sethook(function()
      if os.clock() > limit then error('watchdog: the chip would reset here (ran more than 5 s)', 2) end
    end, '', 100000)
    local r = pack(xpcall(f, function(e)
      if not traced then return tostring(e) end
      local tb = debug.traceback(tostring(e), 2)
      return tb:sub(1, (tb:find('\n%s*%[C%]: in function .xpcall.') or #tb + 1) - 1)
    end))
    debug.sethook()
    return r
  end

  local prompt, pending = '> ', nil

  local function run_line(text)
    if pending == nil and text:sub(1, 1) == '=' then text = 'return ' .. text:sub(2) end
    local code = pending == nil and text or pending .. '\n' .. text
    local f, err = compile(code, '=stdin')
    if f == nil and err:find("<eof>'?$") then
      pending, prompt = code, '>> '
      return
    end
    pending, prompt = nil, '> '
    if f == nil then return puts(err .. '\n') end
    local r = guarded(f)
    if not r[1] then return puts(r[2] .. '\n') end
    if r.n > 1 then env.print(unpack(r, 2, r.n)) end
  end

  -- --- the line editor ------------------------------------------------------------

  local queue, head, posted = {}, 1, false
  local line, last = {}, nil

  local function feed(ch, cb)
    local c = string.char(ch)
    if (c == '\r' and last == '\n') or (c == '\n' and last == '\r') then
      last = nil
      return
    end
    if ch == 0x7f or ch == 0x08 then
      if #line > 0 then
        if console.echo then send('\8 \8') end
        line[#line] = nil
      end
      last = nil
      return
    end
    last = c
    if c == '\r' or c == '\n' then
      if console.echo then puts('\n') end
      local text = table.concat(line)
      line = {}
      if cb then cb(text) end
      if text == '' then return puts(prompt) end
      run_line(text)
      if not host.dead then puts(prompt) end
      return
    end
    if console.echo then send(c) end
    if #line + 1 >= MAXINPUT then line = {} end
    line[#line + 1] = c
  end

  --- The input task: every byte received so far, then the output in one go.
  local function drain()
    posted = false
    batch = {}
    while head <= #queue and not host.dead do
      local b = queue[head]
      queue[head] = nil
      head = head + 1
      feed(b[1], b[2])
    end
    if head > #queue then queue, head = {}, 1 end
    flush()
  end

  --- The interrupt side: a byte for the prompt (and for `cb`, a data callback with run_input 1).
  function console.rx(byte, cb)
    queue[#queue + 1] = { byte, cb or nil }
    if not posted then posted = host.post(2, drain) end
  end

  -- --- modules --------------------------------------------------------------------

  env.file = file
  env.loadfile = function(name)
    local code = file.getcontents(name)
    if code == nil then return nil, 'cannot open ' .. tostring(name) end
    return compile(code, '@' .. name)
  end
  env.dofile = function(name)
    local f, err = env.loadfile(name)
    if f == nil then error(err, 2) end
    return f()
  end
  env.require = function(name)
    local f = env.loadfile(name .. '.lc') or env.loadfile(name .. '.lua')
    if f == nil then error("module '" .. tostring(name) .. "' not found", 2) end
    return f(name)
  end

  local node = env.node
  local restart = node.restart
  function node.restart()
    flush()
    restart()
  end
  local onerror, restarting = nil, false
  function node.setonerror(fn)
    onerror = type(fn) == 'function' and fn or nil
  end
  host.uncaught = function(text)
    host.post(2, function()
      if onerror then return onerror(text) end
      env.print(text)
      if not restarting then
        restarting = true
        env.tmr.create():alarm(2000, env.tmr.ALARM_SINGLE, function() node.restart() end)
      end
    end)
  end

  if esp8266 then
    local CHIP, FLASH = 0x1623a8, 0x1640ef
    function node.chipid() return CHIP end
    function node.flashid() return FLASH end
    function node.info(group)
      if group == nil then return 3, 0, 0, CHIP, FLASH, 4096, 0, 80000000 end
      if group == 'hw' then return { chip_id = CHIP, flash_id = FLASH, flash_size = 4096, flash_mode = 0, flash_speed = 80000000 } end
      if group == 'sw_version' then
        return { git_branch = 'flagpoll-emulator', git_commit_id = '0000000000000000000000000000000000000000', git_release = '3.0-flagpoll',
          git_commit_dts = '202011210000', node_version_major = 3, node_version_minor = 0, node_version_revision = 0 }
      end
      if group == 'build_config' then return { ssl = false, lfs_size = 0, modules = 'bit,file,gpio,node,tmr,uart', number_type = 'float' } end
      error("bad argument #1 to 'info' (invalid option '" .. tostring(group) .. "')", 2)
    end
  else
    function node.chipid() return '0x7cdfa1e4f2b8' end
  end

  -- --- boot -------------------------------------------------------------------------

  local lua_release = esp8266 and 'Lua 5.1.4' or 'Lua 5.3.5'
  handlers.start = function()
    puts('\nNodeMCU 3.0.0.0 (flagpoll emulator, ' .. (esp8266 and 'ESP8266' or 'ESP32') .. ')\n' ..
      '\tmodules: bit,file,gpio,node,tmr,uart\n build powered by ' .. lua_release .. '\n')
    local code = file.getcontents('init.lua')
    if code == nil then
      puts('lua: cannot open init.lua\n')
    else
      local f, err = compile(code, '@init.lua')
      local r = f and guarded(f, true) or { false, err }
      if not r[1] then puts(r[2] .. '\n') end
    end
    if not host.dead then puts(prompt) end
  end
end
