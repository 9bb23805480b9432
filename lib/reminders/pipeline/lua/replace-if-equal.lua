-- Points a string key at a new value only while it still holds the old one (an endpoint index moving from a
-- removed device to a new one). KEYS[1] the key, ARGV[1] the old value, ARGV[2] the new one. Returns 1 when set.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2])
  return 1
end
return 0
