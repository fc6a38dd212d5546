-- wrk script for scrub.sh: GET a random path of a list (one path a line), so reads spread over the whole volume.
--   wrk -t T -c C -d 10s -s scrub-random.lua URL -- LIST
local paths = {}

function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
