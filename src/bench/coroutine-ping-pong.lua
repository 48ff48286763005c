-- The same ping-pong as lua-ping-pong.ts, written by hand for Lua as two
-- coroutines: the yardstick of `flagpoll bench --lua` ("flagpoll against a
-- coroutine ping-pong written by hand, at least as fast").
--
-- Two coroutines bounce a number through two one-value mailboxes; each
-- delivery is one wake: the receiver is resumed by a tiny scheduler that runs
-- a FIFO run queue of coroutines, as a hand-written Lua event loop would.
-- Steady state allocates nothing (checked the same way, with the collector
-- stopped). FLAGPOLL_ROUND_TRIPS (a global, default 50,000) sets the round
-- trips, two wakes each. Prints
-- `coroutines wakes=<n> before=<KB> after=<KB> seconds=<s> wakesPerSecond=<n>`.
-- Plain Lua 5.1 / 5.3.

local ROUND_TRIPS = FLAGPOLL_ROUND_TRIPS or 50000

-- run queue: a ring of coroutines
local ring, head, len, cap = {}, 0, 0, 2
local function wake(co)
  local tail = head + len
  if tail >= cap then tail = tail - cap end
  ring[tail] = co
  len = len + 1
end

-- a mailbox: one value and the coroutine waiting for it
local function mailbox() return { has = false, value = nil, waiter = nil } end
local function send(m, v)
  m.value = v
  m.has = true
  local w = m.waiter
  if w ~= nil then
    m.waiter = nil
    wake(w)
  end
end
local yield, running = coroutine.yield, coroutine.running
local function recv(m)
  while not m.has do
    m.waiter = running()
    yield()
  end
  m.has = false
  local v = m.value
  m.value = nil
  return v
end

local ping, pong = mailbox(), mailbox()
local wakes, left = 0, 0

local ponger = coroutine.create(function()
  while true do
    local v = recv(ping)
    wakes = wakes + 1
    send(pong, v)
  end
end)
local pinger = coroutine.create(function()
  while true do
    while left > 0 do
      left = left - 1
      send(ping, left)
      recv(pong)
    end
    yield()
  end
end)

local resume = coroutine.resume
local function run()
  while len > 0 do
    local co = ring[head]
    head = head + 1
    if head == cap then head = 0 end
    len = len - 1
    local ok, err = resume(co)
    if not ok then error(err) end
  end
end

-- first resumes: the ponger waits on ping, the pinger idles
wake(ponger); wake(pinger); run()
collectgarbage('collect')
collectgarbage('stop')
left = 100
wake(pinger); run()
local before = collectgarbage('count')
local t0 = os.clock()
left = ROUND_TRIPS
wake(pinger); run()
local t1 = os.clock()
local after = collectgarbage('count')
collectgarbage('restart')
local n = (wakes - 100) * 2
print('coroutines wakes=' .. n .. ' before=' .. before .. ' after=' .. after ..
  ' seconds=' .. (t1 - t0) .. ' wakesPerSecond=' .. math.floor(n / (t1 - t0)))
