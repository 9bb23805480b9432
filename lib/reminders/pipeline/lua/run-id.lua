-- The run_id of the Redis server holding KEYS[1] (on a Cluster, the node that serves that key's slot): it
-- changes when that server restarts or a replica takes over, and an SSCAN cursor means nothing on another one.
-- KEYS[1] any key (a subscriber set).
return string.match(redis.call('INFO', 'server'), 'run_id:(%w+)')
