-- Records one send in the reminder's sent set and drops its claim if the claim is still this run's.
-- KEYS[1] the reminder's sent set, KEYS[2] the subscription's in-flight key.
-- ARGV[1] how long the set is kept (ms), ARGV[2] this run's token, ARGV[3] the subscription id.
redis.call('SADD', KEYS[1], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
if redis.call('GET', KEYS[2]) == ARGV[2] then redis.call('DEL', KEYS[2]) end
return 1
