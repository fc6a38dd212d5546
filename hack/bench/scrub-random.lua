-- wrk script for scrub.sh: GET a random path of a list (one path a line), so reads spread over the whole volume.
--   wrk -t T -c C -d 10s -s scrub-random.lua URL -- LIST [PACE_MS]
-- PACE_MS > 0 makes each connection wait that long between requests: a paced load well under the store's capacity,
-- so p99 shows the service time (and the scrub's share of it) rather than the queue of a saturated 2-core machine.
local paths = {}
local pace = 0

function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
  pace = tonumber(args[2] or "0")
end

function delay()
  return pace
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
