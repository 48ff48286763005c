-- NodeMCU's file module (app/modules/file.c, docs/modules/file.md) on a
-- folder of the host, standing in for the board's SPIFFS: a live board's
-- files (console.lua), where uploads land and init.lua is read at boot.
--
--   file.open(name [, "r"|"w"|"a"|"r+"|"w+"|"a+"]) -> file object, or nil
--     (it also becomes the default file of the module-level calls below)
--   obj:read([n | char]) obj:readline() obj:write(s) obj:writeline(s)
--   obj:seek([whence [, offset]]) obj:flush() obj:close()
--   file.read/readline/write/writeline/seek/flush/close: the same, on the default file
--   file.list([pattern]) -> { name = size }   file.exists(name)   file.remove(name)
--   file.rename(old, new) -> true, or false when old is missing or new exists
--   file.getcontents(name) -> string or nil   file.putcontents(name, s) -> true or nil
--   file.stat(name) -> { name, size, is_dir = false } or nil
--   file.fsinfo() -> remaining, used, total (bytes; a 4 MB module's ~3.4 MB SPIFFS)
--   file.format()
--
-- SPIFFS is flat and names are at most 31 bytes: a longer name, or one with
-- a slash (which would leave the folder here), is "filename invalid".
-- read() with no argument reads up to 1024 bytes (FILE_READ_CHUNK); with a
-- character, up to and including it (at most 1024); nil at the end.

return function(host, dir)
  local TOTAL, CHUNK, NAME_LEN = 3455000, 1024, 31

  local function checkname(name, fname)
    if type(name) ~= 'string' or name == '' or #name > NAME_LEN or name:find('[/\\]') or name == '.' or name == '..' then
      error("bad argument #1 to '" .. fname .. "' (filename invalid)", 3)
    end
    return dir .. '/' .. name
  end

  local function size(path)
    local h = io.open(path, 'rb')
    if h == nil then return nil end
    local n = h:seek('end')
    h:close()
    return n
  end

  local function names()
    local list = {}
    local p = io.popen("ls -1A '" .. dir:gsub("'", "'\\''") .. "' 2>/dev/null")
    for name in p:lines() do list[#list + 1] = name end
    p:close()
    return list
  end

  local File = {}
  File.__index = File
  local current = nil

  local function handle(self)
    if self.h == nil then error('file closed', 3) end
    return self.h
  end

  function File:read(n)
    local h = handle(self)
    if n == nil then n = CHUNK end
    if type(n) == 'number' then
      if n <= 0 then return nil end
      return h:read(math.min(math.floor(n), CHUNK))
    end
    local stop = tostring(n):sub(1, 1)
    local got = {}
    repeat
      local c = h:read(1)
      if c == nil then break end
      got[#got + 1] = c
    until c == stop or #got >= CHUNK
    return #got > 0 and table.concat(got) or nil
  end

  function File:readline()
    return self:read('\n')
  end

  function File:write(s)
    if type(s) ~= 'string' and type(s) ~= 'number' then error("bad argument #1 to 'write' (string expected, got " .. type(s) .. ')', 2) end
    return handle(self):write(s) and true or nil
  end

  function File:writeline(s)
    return self:write(s) and self:write('\n')
  end

  function File:seek(whence, offset)
    return handle(self):seek(whence or 'cur', offset or 0)
  end

  function File:flush()
    handle(self):flush()
  end

  function File:close()
    if self.h then self.h:close() end
    self.h = nil
    if current == self then current = nil end
  end

  local file = {}

  function file.open(name, mode)
    local path = checkname(name, 'open')
    mode = mode or 'r'
    if type(mode) ~= 'string' or not mode:match('^[rwa]%+?$') then error("bad argument #2 to 'open' (invalid mode)", 2) end
    local h = io.open(path, mode .. 'b')
    if h == nil then return nil end
    current = setmetatable({ h = h, name = name }, File)
    return current
  end

  for _, m in ipairs({ 'read', 'readline', 'write', 'writeline', 'seek', 'flush' }) do
    file[m] = function(...)
      if current == nil then return nil end
      return current[m](current, ...)
    end
  end

  function file.close()
    if current then current:close() end
  end

  function file.list(pattern)
    local t = {}
    for _, name in ipairs(names()) do
      if pattern == nil or name:match(pattern) then t[name] = size(dir .. '/' .. name) end
    end
    return t
  end

  function file.exists(name)
    return size(checkname(name, 'exists')) ~= nil
  end

  function file.remove(name)
    os.remove(checkname(name, 'remove'))
  end

  function file.rename(old, new)
    local from, to = checkname(old, 'rename'), checkname(new, 'rename')
    if size(from) == nil or size(to) ~= nil then return false end
    return os.rename(from, to) and true or false
  end

  function file.getcontents(name)
    local h = io.open(checkname(name, 'getcontents'), 'rb')
    if h == nil then return nil end
    local s = h:read('*a')
    h:close()
    return s
  end

  function file.putcontents(name, s)
    local h = io.open(checkname(name, 'putcontents'), 'wb')
    if h == nil then return nil end
    h:write(s)
    h:close()
    return true
  end

  function file.stat(name)
    local n = size(checkname(name, 'stat'))
    if n == nil then return nil end
    return { name = name, size = n, is_dir = false, is_rdonly = false, is_hidden = false, is_sys = false, is_arch = false }
  end

  function file.fsinfo()
    local used = 0
    for _, n in pairs(file.list()) do used = used + n end
    return TOTAL - used, used, TOTAL
  end

  function file.format()
    for _, name in ipairs(names()) do os.remove(dir .. '/' .. name) end
  end

  return file
end
