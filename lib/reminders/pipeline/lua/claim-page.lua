-- Claims the sends of one page of a reminder: for each subscription, "sent already? else claim", atomically.
-- KEYS[1] the reminder's sent set; KEYS[2..n+1] each subscription's in-flight key (same order as the ids).
-- ARGV[1] claim lifetime (ms), ARGV[2] this run's token, ARGV[3..n+2] the subscription ids.
-- Returns one integer per subscription: 1 claimed, 0 already sent, -t claimed by another run for t ms more.
local out = {}
for i = 2, #KEYS do
  local id = ARGV[i + 1]
  if redis.call('SISMEMBER', KEYS[1], id) == 1 then
    out[i - 1] = 0
  elseif redis.call('SET', KEYS[i], ARGV[2], 'PX', ARGV[1], 'NX') then
    out[i - 1] = 1
  else
    local left = redis.call('PTTL', KEYS[i])
    if left < 1 then left = 1 end
    out[i - 1] = -left
  end
end
return out
