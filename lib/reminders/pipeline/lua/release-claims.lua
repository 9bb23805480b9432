-- Gives claims back without recording (the sends failed or never started): deletes each in-flight key that
-- still holds this run's token (an expired claim may have been taken by another run since).
-- KEYS the in-flight keys; ARGV[1] this run's token. Returns how many were released.
local released = 0
for i = 1, #KEYS do
  if redis.call('GET', KEYS[i]) == ARGV[1] then
    redis.call('DEL', KEYS[i])
    released = released + 1
  end
end
return released
