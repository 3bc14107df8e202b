-- Every other request of each connection is the view beacon an article page sends after it
-- (POST /views with the article's id, as public/views.js does with navigator.sendBeacon).
-- Usage: wrk -s alternate-beacon.lua URL_OF_ARTICLE -- ARTICLE_ID
-- An ARTICLE_ID that is not a number makes a beacon Qalam answers alike but never counts.
local beacon = nil
local turn = 0

function init(args)
  beacon = wrk.format('POST', '/views', { ['Content-Type'] = 'application/x-www-form-urlencoded' }, 'article=' .. args[1])
end

function request()
  turn = turn + 1
  if turn % 2 == 0 then return beacon end
  return wrk.format(nil, nil)
end
