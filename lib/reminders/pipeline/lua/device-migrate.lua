-- Brings one device hash written by release 1 to the many-events layout (at start; idempotent).
-- KEYS[1] the device hash. Returns {id or '', 1 when it converted something else 0}.
local id = redis.call('HGET', KEYS[1], 'id')
if not id or redis.call('HGET', KEYS[1], 'gone') == '1' then return {'', 0} end
local old = redis.call('HEXISTS', KEYS[1], 'event')
convert(KEYS[1])
return {id, old}
