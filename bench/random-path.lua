-- Requests a random path from a file of paths (one per line), so a run touches the whole archive
-- instead of one cached page. Usage: wrk -s random-path.lua URL -- paths.txt
local paths = {}

function init(args)
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 1000)
end

function request()
  return wrk.format(nil, paths[math.random(#paths)])
end
