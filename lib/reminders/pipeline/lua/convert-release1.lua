-- Release 1 kept one event per device hash (fields event, class, milestones, leads): turns that event into a
-- selection field `sel:<event>` in place. Prepended to the device scripts; touches only the hash it is given.
local function convert(subKey)
  local old = redis.call('HMGET', subKey, 'event', 'class', 'milestones', 'leads', 'createdAt', 'updatedAt')
  if not old[1] then return end
  local function list(text)
    local out = {}
    if text then for item in string.gmatch(text, '[^,]+') do table.insert(out, item) end end
    if #out == 0 then return cjson.decode('[]') end
    return out
  end
  local sel = { c = old[2], m = list(old[3]), l = list(old[4]), t = tonumber(old[5]) or 0, u = tonumber(old[6]) or 0 }
  redis.call('HSET', subKey, 'sel:' .. old[1], cjson.encode(sel), 'v', '2')
  redis.call('HDEL', subKey, 'event', 'class', 'milestones', 'leads')
end
