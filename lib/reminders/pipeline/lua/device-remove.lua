-- Removes one event's selection from a device hash (ARGV[1] an event id), or every selection (ARGV[1] empty);
-- a device left with no selection becomes a tombstone (only `id` and `gone`, expiring after ARGV[4] ms): a
-- subscription that read the device's id before this removal then starts a new device instead of bringing this
-- one back while its endpoint index is being dropped. ARGV[2], when not empty, must be the stored auth secret;
-- ARGV[3], when not empty, the stored endpoint (a push service said that endpoint is gone).
-- KEYS[1] the device hash.
-- Returns {-1} when there is no such device (or the secret or endpoint differs), else {1 if the hash was deleted
-- or 0, then the events whose selection was removed}: the caller takes the device out of those events' sets.
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HGET', KEYS[1], 'gone') == '1' then return {-1} end
if ARGV[2] ~= '' and redis.call('HGET', KEYS[1], 'auth') ~= ARGV[2] then return {-1} end
if ARGV[3] ~= '' and redis.call('HGET', KEYS[1], 'endpoint') ~= ARGV[3] then return {-1} end
convert(KEYS[1])
local out = {0}
local left = 0
for _, name in ipairs(redis.call('HKEYS', KEYS[1])) do
  if string.sub(name, 1, 4) == 'sel:' then
    local event = string.sub(name, 5)
    if ARGV[1] == '' or ARGV[1] == event then
      redis.call('HDEL', KEYS[1], name)
      table.insert(out, event)
    else
      left = left + 1
    end
  end
end
if ARGV[1] == '' or left == 0 then
  local id = redis.call('HGET', KEYS[1], 'id')
  redis.call('DEL', KEYS[1])
  redis.call('HSET', KEYS[1], 'id', id or '', 'gone', '1')
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
  out[1] = 1
end
return out
