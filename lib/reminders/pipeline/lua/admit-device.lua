-- Counts a new device in the set of all devices unless that would pass the cap (MAX_SUBSCRIPTIONS).
-- KEYS[1] the set of all device ids. ARGV[1] the id, ARGV[2] the cap. Returns 1 admitted (or already in), 0 full.
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return 1 end
if redis.call('SCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('SADD', KEYS[1], ARGV[1])
return 1
