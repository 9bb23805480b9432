-- Sets one event's selection on a device hash, changing an existing device only with its stored auth secret
-- (the caller compared it timing-safely; this checks again under the script's atomicity) and refusing a new
-- event past the most events a device may hold.
-- KEYS[1] the device hash. ARGV[1] id, ARGV[2] now (ms), ARGV[3] event, ARGV[4] auth, ARGV[5] most events,
-- ARGV[6] the selection JSON, ARGV[7..] the device's field/value pairs.
-- Returns 1 a new selection, 0 one replaced, -1 not the owner, -3 too many events, -4 the device was removed
-- meanwhile (a tombstone: the caller starts a new device).
if redis.call('HGET', KEYS[1], 'gone') == '1' then return -4 end
convert(KEYS[1])
local storedAuth = redis.call('HGET', KEYS[1], 'auth')
if storedAuth and storedAuth ~= ARGV[4] then return -1 end
local field = 'sel:' .. ARGV[3]
local previous = redis.call('HGET', KEYS[1], field)
local sel = cjson.decode(ARGV[6])
local created = 1
if previous then
  created = 0
  sel.t = cjson.decode(previous).t
else
  local events = 0
  for _, name in ipairs(redis.call('HKEYS', KEYS[1])) do
    if string.sub(name, 1, 4) == 'sel:' then events = events + 1 end
  end
  if events >= tonumber(ARGV[5]) then return -3 end
end
local createdAt = redis.call('HGET', KEYS[1], 'createdAt') or ARGV[2]
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'v', '2', 'createdAt', createdAt, 'updatedAt', ARGV[2], field, cjson.encode(sel), unpack(ARGV, 7))
return created
