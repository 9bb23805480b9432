-- Adds one deliver page's work to its reminder's progress: how many subscribers were handled, from the
-- earliest page start to the latest page end (real time, ms). One key: cluster-safe.
-- KEYS[1] the reminder's progress hash. ARGV[1] subscribers handled, ARGV[2] page start, ARGV[3] page end,
-- ARGV[4] how long the hash is kept (ms). Returns {handled so far, first start, last end}.
local n = redis.call('HINCRBY', KEYS[1], 'n', ARGV[1])
local first = tonumber(redis.call('HGET', KEYS[1], 'first'))
if not first or tonumber(ARGV[2]) < first then
  first = tonumber(ARGV[2])
  redis.call('HSET', KEYS[1], 'first', ARGV[2])
end
local last = tonumber(redis.call('HGET', KEYS[1], 'last'))
if not last or tonumber(ARGV[3]) > last then
  last = tonumber(ARGV[3])
  redis.call('HSET', KEYS[1], 'last', ARGV[3])
end
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return {n, tostring(first), tostring(last)}
