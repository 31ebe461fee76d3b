// The pacer's rules (src/state/limiter/pace.ts) in Lua, so Redis applies each operation atomically
// to one company's state for every machine of a fleet. One script; its first argument names the
// operation. The state is the same JSON as the file store's, under one key per company with a hash
// tag (Redis Cluster safe), expiring two days after its last change.
//
// Numbers: cjson encodes at most 14 significant digits, which would round times like
// 1764633600123.4567 and the 333.33… ms interval, so the state and every answer are written with
// %.17g (a double's exact round trip) and read back with cjson.decode (strtod, exact): the script
// computes on the same doubles as pace.ts and its results are identical, which
// test/unit/state/limiter/redis-parity.test.ts checks operation by operation.
//
// Time: Redis's TIME, so machines with skewed clocks agree, unless the caller passes its own `now`
// (tests replaying one clock through two stores). A script that calls TIME and then writes needs
// effects replication: the default since Redis 5 and the only mode of Redis 7; the script asks for
// it (redis.replicate_commands) for Redis 3.2–4.
import { ABANDONED_MS, ARRIVAL_JITTER_MS, DAY_MS, MAX_RECENT, SEND_WITHOUT_CONFIRM_MS, WARM_ARRIVAL_MARGIN_MS } from './pace.js';

/** How long a company's state outlives its last change (ms): nothing lingers. */
export const STATE_TTL_MS = 2 * 86_400_000;

/** The operations, with their arguments after (op, now, intervalMs, windowCount, windowMs, dailyLimit). */
export type PaceOp = 'reserve' | 'confirm' | 'settle' | 'release' | 'pause' | 'read' | 'reserveBudget' | 'releaseBudget';

export const PACE_LUA = `
if redis.replicate_commands then pcall(redis.replicate_commands) end
local JITTER = ${ARRIVAL_JITTER_MS}
local SEND_WITHOUT_CONFIRM = ${SEND_WITHOUT_CONFIRM_MS}
local WARM_MARGIN = ${WARM_ARRIVAL_MARGIN_MS}
local ABANDONED = ${ABANDONED_MS}
local MAX_RECENT = ${MAX_RECENT}
local DAY = ${DAY_MS}
local TTL = ${STATE_TTL_MS}
local NEG_INF = -math.huge

local function num(s)
  if s == 'Infinity' then return math.huge end
  if s == '-Infinity' then return NEG_INF end
  local n = tonumber(s)
  if n == nil then error('gong limiter: not a number: ' .. tostring(s)) end
  return n
end
local function fmt(x) return string.format('%.17g', x) end

local op = ARGV[1]
local now
if ARGV[2] ~= '' then
  now = num(ARGV[2])
else
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
end
local pace = { interval = num(ARGV[3]), count = num(ARGV[4]), window = num(ARGV[5]), daily = num(ARGV[6]) }

-- State: read and repaired like paceStateFrom (a damaged value starts afresh).
local s = { day = 0, used = 0, next = 0, burst = 0, pausedUntil = 0, seq = 0, quick = JITTER, fastWarm = -1, recent = {}, leases = {} }
local raw = redis.call('GET', KEYS[1])
if raw then
  local ok, v = pcall(cjson.decode, raw)
  if ok and type(v) == 'table' then
    for _, f in ipairs({ 'day', 'used', 'next', 'burst', 'pausedUntil', 'seq', 'quick', 'fastWarm' }) do
      if type(v[f]) == 'number' then s[f] = v[f] end
    end
    if type(v.recent) == 'table' then
      for _, e in ipairs(v.recent) do
        if type(e) == 'table' and type(e.id) == 'number' and type(e.start) == 'number' then
          local entry = { id = e.id, start = e.start }
          if type(e.sent) == 'number' then entry.sent = e.sent end
          if type(e.arrived) == 'number' then entry.arrived = e.arrived end
          if type(e.lease) == 'string' then entry.lease = e.lease end
          if type(e.allow) == 'number' then entry.allow = e.allow end
          s.recent[#s.recent + 1] = entry
        end
      end
    end
    if type(v.leases) == 'table' then
      for id, l in pairs(v.leases) do
        if type(id) == 'string' and type(l) == 'table' and type(l.left) == 'number' and type(l['until']) == 'number' then
          s.leases[id] = { left = l.left, ['until'] = l['until'] }
        end
      end
    end
  end
end

local function save()
  local parts = {}
  for i, e in ipairs(s.recent) do
    local p = { '"id":' .. fmt(e.id), '"start":' .. fmt(e.start) }
    if e.sent ~= nil then p[#p + 1] = '"sent":' .. fmt(e.sent) end
    if e.arrived ~= nil then p[#p + 1] = '"arrived":' .. fmt(e.arrived) end
    if e.lease ~= nil then p[#p + 1] = '"lease":' .. cjson.encode(e.lease) end
    if e.allow ~= nil then p[#p + 1] = '"allow":' .. fmt(e.allow) end
    parts[i] = '{' .. table.concat(p, ',') .. '}'
  end
  local leases = {}
  for id, l in pairs(s.leases) do
    leases[#leases + 1] = cjson.encode(id) .. ':{"left":' .. fmt(l.left) .. ',"until":' .. fmt(l['until']) .. '}'
  end
  local text = '{"day":' .. fmt(s.day) .. ',"used":' .. fmt(s.used) .. ',"next":' .. fmt(s.next) .. ',"burst":' .. fmt(s.burst)
    .. ',"pausedUntil":' .. fmt(s.pausedUntil) .. ',"seq":' .. fmt(s.seq) .. ',"quick":' .. fmt(s.quick)
    .. ',"fastWarm":' .. fmt(s.fastWarm)
    .. ',"recent":[' .. table.concat(parts, ',') .. '],"leases":{' .. table.concat(leases, ',') .. '}}'
  redis.call('SET', KEYS[1], text, 'PX', TTL)
end

local function roll()
  local day = math.floor(now / DAY)
  if s.day ~= day then
    s.day = day
    s.used = 0
    s.leases = {}
    s.fastWarm = -1
  end
end

local function dropLapsedLeases()
  for id, l in pairs(s.leases) do
    if l['until'] <= now or l.left <= 0 then s.leases[id] = nil end
  end
end

local function leased(except)
  local sum = 0
  for id, l in pairs(s.leases) do
    if id ~= except then sum = sum + l.left end
  end
  return sum
end

local function arrivalBound(e)
  if e.arrived ~= nil then return e.arrived end
  return (e.sent or e.start) + (e.allow or JITTER)
end

local function prune()
  local recent = s.recent
  local n = #recent
  local function spent(e)
    if e.sent == nil then return e.start + ABANDONED < now end
    return arrivalBound(e) + pace.window + 1 <= now
  end
  local drop = math.max(0, n - MAX_RECENT)
  while drop < n and spent(recent[drop + 1]) do drop = drop + 1 end
  if drop > 0 then
    local kept = {}
    for i = drop + 1, n do kept[#kept + 1] = recent[i] end
    s.recent = kept
  end
end

local function kthLatest(values, k)
  if #values < k then return NEG_INF end
  table.sort(values, function(a, b) return a > b end)
  return values[k]
end

local function plannedWindowStart()
  if #s.recent < pace.count then return NEG_INF end
  local estimates = {}
  for i, e in ipairs(s.recent) do
    if e.sent == nil and e.arrived == nil then estimates[i] = e.start + s.quick else estimates[i] = arrivalBound(e) end
  end
  return kthLatest(estimates, pace.count) + pace.window + 1
end

local function sendWindowStart(self)
  local bounds = {}
  for _, e in ipairs(s.recent) do
    if e ~= self and e.sent ~= nil then bounds[#bounds + 1] = arrivalBound(e) end
  end
  return kthLatest(bounds, pace.count) + pace.window + 1
end

local function plannedStart()
  local windowEmpty = #s.recent == 0
  local spacing = s.next
  if windowEmpty or s.burst > 0 then spacing = now end
  return math.max(now, spacing, s.pausedUntil, plannedWindowStart()), windowEmpty
end

local function budgetLeft(lease)
  local own = nil
  if lease ~= nil then own = s.leases[lease] end
  local free = math.max(0, pace.daily - s.used - leased(nil))
  if own ~= nil and own.left > 0 then return own.left + free end
  return free
end

local function housekeep()
  roll()
  dropLapsedLeases()
  prune()
end

local function find(id)
  for i, e in ipairs(s.recent) do
    if e.id == id then return e, i end
  end
  return nil, nil
end

local function indexOf(entry)
  for i, e in ipairs(s.recent) do
    if e == entry then return i end
  end
  return nil
end

local function cancel(entry)
  local i = indexOf(entry)
  if i ~= nil then table.remove(s.recent, i) end
  s.used = math.max(0, s.used - 1)
  if entry.lease ~= nil then
    local l = s.leases[entry.lease]
    if l ~= nil then l.left = l.left + 1 end
  end
end

-- A lease argument: '' means none (as an empty string is no lease in pace.ts).
local function leaseArg(i)
  if ARGV[i] == '' then return nil end
  return ARGV[i]
end

local ops = {}

function ops.reserve()
  local maxPause, deadline, lease, leaseTtl = num(ARGV[7]), num(ARGV[8]), leaseArg(9), num(ARGV[10])
  local allowance = nil
  if ARGV[11] ~= nil and ARGV[11] ~= '' then allowance = num(ARGV[11]) end
  housekeep()
  local own = nil
  if lease ~= nil then own = s.leases[lease] end
  local fromLease = own ~= nil and own.left > 0
  if not fromLease and s.used + leased(nil) >= pace.daily then return { 'budget', '0' } end
  local pausedMs = s.pausedUntil - now
  if maxPause >= 0 and pausedMs > maxPause then return { 'paused', fmt(pausedMs) } end
  local start, windowEmpty = plannedStart()
  local waitMs = start - now
  if deadline >= 0 and waitMs > deadline then
    if pausedMs > 0 and s.pausedUntil >= s.next then return { 'paused', fmt(pausedMs) } end
    return { 'late', fmt(waitMs) }
  end
  if windowEmpty then s.burst = pace.count - 1 elseif s.burst > 0 then s.burst = s.burst - 1 end
  s.next = math.max(s.next, start + pace.interval)
  s.used = s.used + 1
  s.seq = s.seq + 1
  local entry = { id = s.seq, start = start }
  if allowance ~= nil and allowance ~= JITTER then entry.allow = allowance end
  if fromLease then
    own.left = own.left - 1
    own['until'] = now + leaseTtl
    entry.lease = lease
  end
  local sent = waitMs <= SEND_WITHOUT_CONFIRM and start >= sendWindowStart(nil) and start >= s.pausedUntil
  if sent then entry.sent = start end
  s.recent[#s.recent + 1] = entry
  return { 'ok', fmt(entry.id), fmt(waitMs), sent and '1' or '0' }
end

function ops.confirm()
  local id, maxPause, deadline = num(ARGV[7]), num(ARGV[8]), num(ARGV[9])
  local entry = find(id)
  housekeep()
  if entry == nil or indexOf(entry) == nil then
    entry = { id = id, start = now }
    s.recent[#s.recent + 1] = entry
  end
  local pausedMs = s.pausedUntil - now
  if pausedMs > 0 then
    if (maxPause >= 0 and pausedMs > maxPause) or (deadline >= 0 and pausedMs > deadline) then
      cancel(entry)
      return { 'paused', fmt(pausedMs) }
    end
    entry.start = s.pausedUntil
    return { 'wait', fmt(pausedMs) }
  end
  local at = math.max(now, sendWindowStart(entry))
  local waitMs = at - now
  if deadline >= 0 and waitMs > deadline then
    cancel(entry)
    return { 'late', fmt(waitMs) }
  end
  entry.start = at
  s.next = math.max(s.next, at + pace.interval)
  if waitMs > SEND_WITHOUT_CONFIRM then return { 'wait', fmt(waitMs) } end
  entry.sent = at
  return { 'ok', fmt(waitMs) }
end

function ops.settle()
  local elapsed, warm = math.max(0, num(ARGV[9])), ARGV[10] == '1'
  if warm then
    if s.fastWarm < 0 then s.fastWarm = elapsed else s.fastWarm = math.min(s.fastWarm, elapsed) end
  end
  local entry = find(num(ARGV[7]))
  if entry == nil then return {} end
  local late = math.max(0, num(ARGV[8]))
  local within = elapsed
  if warm then within = math.min(elapsed, JITTER, s.fastWarm + WARM_MARGIN) end
  entry.sent = (entry.sent or entry.start) + late
  entry.arrived = entry.sent + within
  s.quick = math.min(JITTER, within + late)
  return {}
end

function ops.release()
  local entry = find(num(ARGV[7]))
  if entry ~= nil and entry.sent == nil then cancel(entry) end
  return {}
end

function ops.pause()
  s.pausedUntil = math.max(s.pausedUntil, now + num(ARGV[7]))
  return {}
end

function ops.read()
  local lease = leaseArg(7)
  housekeep()
  local start = plannedStart()
  return { fmt(s.used), fmt(budgetLeft(lease)), fmt(math.max(0, start - now)), fmt(math.max(0, s.pausedUntil - now)) }
end

function ops.reserveBudget()
  local lease, requests, ttl = ARGV[7], num(ARGV[8]), num(ARGV[9])
  housekeep()
  local available = math.max(0, pace.daily - s.used - leased(lease))
  if requests > available then return { 'insufficient', fmt(available) } end
  s.leases[lease] = { left = requests, ['until'] = now + ttl }
  return { 'ok' }
end

function ops.releaseBudget()
  s.leases[ARGV[7]] = nil
  return {}
end

local run = ops[op]
if run == nil then error('gong limiter: unknown operation ' .. tostring(op)) end
local result = run()
save()
return result
`;
