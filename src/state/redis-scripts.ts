// The Lua scripts behind the Redis state. Each runs atomically in Redis, so replicas never race a
// read against a write: a session is finished once, an arm of count n serves n sessions, a fault
// of count n fires n times. Queue entries (arms, faults) are `seq:remaining:tag:json`, so a script
// can count one use down without decoding the JSON; `tag` is the route of a fault, or the session
// kinds an arm fits ("00/ID_CARD,01/ID_CARD"); `json` is the arm's scenario, or the fault's status
// and latency. Whose queue an entry is in says whose it is: `arms:any`, `arms:client:<client_id>`.
//
// Keys named inside a script (a client's queue, a session) are built from the prefix passed in
// ARGV: fine on one Redis; Redis Cluster would need every key declared (README, Scaling out).

/** Finds the oldest entry of a queue whose tag matches; returns index, seq, remaining, tag, json, entry. */
const FIND = `
local function find (key, matches)
  local items = redis.call('LRANGE', key, 0, -1)
  for i, entry in ipairs(items) do
    local seq, remaining, tag, json = string.match(entry, '^(%d+):(%d+):([^:]*):(.*)$')
    if seq and matches(tag) then return { i - 1, tonumber(seq), tonumber(remaining), tag, json, entry } end
  end
  return nil
end
local function use (key, found)
  if found[3] <= 1 then
    redis.call('LREM', key, 1, found[6])
  else
    redis.call('LSET', key, found[1], found[2] .. ':' .. (found[3] - 1) .. ':' .. found[4] .. ':' .. found[5])
  end
end
`

/**
 * KEYS: clock, faults:any, faults of the client, arms:any, arms of the client, the client's secret, the session.
 * ARGV: secret ('' = do not bind), keep ms.
 * Returns: offset, any faults, client faults, arms, secret answer, session JSON.
 */
export const BEGIN = `
local secret = ''
if ARGV[1] ~= '' then
  local bound = redis.call('GET', KEYS[6])
  if not bound then
    redis.call('SET', KEYS[6], ARGV[1], 'PX', ARGV[2])
    secret = 'bound'
  elseif bound == ARGV[1] then
    redis.call('PEXPIRE', KEYS[6], ARGV[2])
    secret = 'same'
  else
    secret = 'differs'
  end
end
local session = redis.pcall('GET', KEYS[7])
if type(session) ~= 'string' then session = false end
local arms = redis.call('EXISTS', KEYS[4]) + redis.call('EXISTS', KEYS[5])
return { redis.call('GET', KEYS[1]) or '0', redis.call('EXISTS', KEYS[2]), redis.call('EXISTS', KEYS[3]), arms, secret, session }
`

const HOLDER_SCORE = `
-- Clients by how many sessions they hold; among equals, the one that got there first scores higher.
local function holder_score (count)
  local order = redis.call('INCR', KEYS[4]) % 4294967296
  return count * 4294967296 + (4294967295 - order)
end
`

/**
 * KEYS: seq, sessions, holders, order, the session, the client's sessions, arms of the client, arms:any.
 * ARGV: token, client_id, the record's JSON after id and armed (without the opening brace),
 *       armed JSON when no arm is taken, take an arm ('1'/'0'), session kind, max sessions, keep ms, prefix.
 * Returns the stored JSON, or false when the token is taken.
 */
export const CREATE = FIND + HOLDER_SCORE + `
if redis.call('EXISTS', KEYS[5]) == 1 then return false end
local armed = ARGV[4]
if ARGV[5] == '1' then
  local kind = ',' .. ARGV[6] .. ','
  local fits = function (tag) return string.find(',' .. tag .. ',', kind, 1, true) ~= nil end
  local own = find(KEYS[7], fits)
  local any = find(KEYS[8], fits)
  if own and (not any or own[2] < any[2]) then
    use(KEYS[7], own)
    armed = own[5]
  elseif any then
    use(KEYS[8], any)
    armed = any[5]
  end
end
local id = redis.call('INCR', KEYS[1])
local raw = '{"id":' .. id .. ',"armed":' .. armed .. ',' .. ARGV[3]
redis.call('SET', KEYS[5], raw, 'PX', ARGV[8])
redis.call('ZADD', KEYS[2], id, ARGV[1])
redis.call('ZADD', KEYS[6], id, ARGV[1])
redis.call('PEXPIRE', KEYS[6], ARGV[8])
redis.call('ZADD', KEYS[3], holder_score(redis.call('ZCARD', KEYS[6])), ARGV[2])
local max = tonumber(ARGV[7])
while redis.call('ZCARD', KEYS[2]) > max do
  local top = redis.call('ZREVRANGE', KEYS[3], 0, 0)[1]
  if not top then
    local oldest = redis.call('ZPOPMIN', KEYS[2])[1]
    redis.call('DEL', ARGV[9] .. 'session:' .. oldest)
  else
    local held = ARGV[9] .. 'client:' .. top .. ':sessions'
    local victim = redis.call('ZPOPMIN', held)[1]
    if not victim then
      redis.call('ZREM', KEYS[3], top)
    else
      redis.call('ZREM', KEYS[2], victim)
      redis.call('DEL', ARGV[9] .. 'session:' .. victim)
      local left = redis.call('ZCARD', held)
      if left == 0 then redis.call('ZREM', KEYS[3], top) else redis.call('ZADD', KEYS[3], holder_score(left), top) end
    end
  end
end
return raw
`

/** KEYS: the session. ARGV: the JSON read, the JSON to write. Returns 1 when written. */
export const REPLACE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
return 1
`

/**
 * KEYS: sessions, or the client's sessions. ARGV: limit (-1: all), prefix.
 * Newest first; tokens whose session expired are dropped from the index on the way.
 */
export const LIST = `
local found = {}
local limit = tonumber(ARGV[1])
local from = 0
while limit < 0 or #found < limit do
  local tokens = redis.call('ZREVRANGE', KEYS[1], from, from + 99)
  if #tokens == 0 then break end
  local dropped = 0
  for _, token in ipairs(tokens) do
    local raw = redis.pcall('GET', ARGV[2] .. 'session:' .. token)
    if type(raw) == 'string' then
      if limit < 0 or #found < limit then found[#found + 1] = raw end
    elseif raw == false then
      redis.call('ZREM', KEYS[1], token)
      dropped = dropped + 1
    end
  end
  from = from + 100 - dropped
end
return found
`

/**
 * KEYS: sessions, holders, the client's sessions (or '' for every client). ARGV: client_id or '', prefix.
 * Returns how many sessions were forgotten.
 */
export const CLEAR_SESSIONS = `
local n = 0
local function forget (held)
  local tokens = redis.call('ZRANGE', held, 0, -1)
  for _, token in ipairs(tokens) do
    n = n + redis.call('DEL', ARGV[2] .. 'session:' .. token)
    redis.call('ZREM', KEYS[1], token)
  end
  redis.call('DEL', held)
end
if ARGV[1] ~= '' then
  forget(KEYS[3])
  redis.call('ZREM', KEYS[2], ARGV[1])
  return n
end
for _, client in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do forget(ARGV[2] .. 'client:' .. client .. ':sessions') end
local rest = redis.call('ZRANGE', KEYS[1], 0, -1)
for _, token in ipairs(rest) do n = n + redis.call('DEL', ARGV[2] .. 'session:' .. token) end
redis.call('DEL', KEYS[1], KEYS[2])
return n
`

/** KEYS: the queue, the set of queues, qseq. ARGV: cap, remaining, tag, json, keep ms. Returns 1, or 0 when full. */
export const PUSH = `
if redis.call('LLEN', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
local seq = redis.call('INCR', KEYS[3])
redis.call('RPUSH', KEYS[1], seq .. ':' .. ARGV[2] .. ':' .. ARGV[3] .. ':' .. ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
redis.call('SADD', KEYS[2], KEYS[1])
return 1
`

/** KEYS: the fault queue. ARGV: route. Returns the fault's JSON and the uses left, or false. */
export const TAKE_FAULT = FIND + `
local found = find(KEYS[1], function (tag) return tag == ARGV[1] end)
if not found then return false end
use(KEYS[1], found)
return { found[5], found[3] - 1 }
`

/** KEYS: the set of queues, and one queue (or '' for all). Returns how many entries were forgotten. */
export const CLEAR_QUEUES = `
local n = 0
if KEYS[2] ~= '' then
  n = redis.call('LLEN', KEYS[2])
  redis.call('DEL', KEYS[2])
  redis.call('SREM', KEYS[1], KEYS[2])
  return n
end
for _, queue in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  n = n + redis.call('LLEN', queue)
  redis.call('DEL', queue)
end
redis.call('DEL', KEYS[1])
return n
`

/** KEYS: journal. ARGV: max entries, then the entries' JSON, oldest first (LPUSH puts the newest at the head). */
export const RECORD = `
redis.call('LPUSH', KEYS[1], unpack(ARGV, 2))
redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[1]) - 1)
return #ARGV - 1
`

/** KEYS: journal. ARGV: client_id ('' for all). Returns how many entries were forgotten. */
export const CLEAR_JOURNAL = `
local entries = redis.call('LRANGE', KEYS[1], 0, -1)
if ARGV[1] == '' then
  redis.call('DEL', KEYS[1])
  return #entries
end
local kept = {}
for _, entry in ipairs(entries) do
  local ok, decoded = pcall(cjson.decode, entry)
  if not ok or decoded.clientId ~= ARGV[1] then kept[#kept + 1] = entry end
end
redis.call('DEL', KEYS[1])
if #kept > 0 then redis.call('RPUSH', KEYS[1], unpack(kept)) end
return #entries - #kept
`
