-- wrk script: each thread walks its share of a list once (GET each path, or PUT each body),
-- then stops, so every photo is requested at most once per phase.
--   wrk -t T -c C -d 3600s -s walk.lua URL -- get LIST T
--   wrk -t T -c C -d 3600s -s walk.lua URL -- put LIST T POOL
-- GET lists hold one path a line; PUT lists hold "path<TAB>pool offset<TAB>size", the body being
-- that slice of POOL. Results go as JSON to $WRK_JSON (the done() hook).

local ffi = require("ffi")
ffi.cdef [[ int getpid(void); int kill(int pid, int sig); ]]
local SIGINT = 2

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  mode, list, nthreads = args[1], args[2], tonumber(args[3])
  if mode == "put" then
    local f = assert(io.open(args[4], "rb"))
    pool = f:read("*a")
    f:close()
  end
  -- Thread t takes lines t, t+T, t+2T...: the shuffled order is kept within each thread.
  items, n = {}, 0
  for line in io.lines(list) do
    if n % nthreads == id then items[#items + 1] = line end
    n = n + 1
  end
  reserved, sent, answered, bad, planned = 0, 0, 0, 0, #items
end

-- wrk asks delay() before every request a connection sends: it reserves one item, so a connection
-- that finds the list used up parks instead of sending anything extra, and the disk counters and
-- the request count cover exactly the list.
function delay()
  if reserved >= #items then return 3600000 end
  reserved = reserved + 1
  return 0
end

function request()
  -- wrk also calls request() once before the run to validate the script, outside any delay();
  -- that request is never sent, so it must not use up an item.
  if sent >= reserved then return wrk.format("GET", "/") end
  sent = sent + 1
  local line = items[sent]
  if mode == "get" then return wrk.format("GET", line) end
  local path, off, size = line:match("^([^\t]+)\t(%d+)\t(%d+)$")
  off, size = tonumber(off), tonumber(size)
  return wrk.format("PUT", path, { ["Content-Type"] = "image/jpeg" }, pool:sub(off + 1, off + size))
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    bad = bad + 1
    if bad <= 3 then io.stderr:write(string.format("walk: HTTP %d: %s\n", status, body:sub(1, 200))) end
  end
  answered = answered + 1
  if answered == #items then finish() end
end

-- wrk's main thread sleeps for the whole -d duration whatever its threads do; SIGINT is its
-- documented early stop. The last thread to finish sends it, found through one marker file per
-- thread (the threads' Lua states share nothing).
function finish()
  local marker = os.getenv("WRK_JSON") .. ".done."
  assert(io.open(marker .. id, "w")):close()
  for t = 0, nthreads - 1 do
    local f = io.open(marker .. t)
    if not f then
      wrk.thread:stop()
      return
    end
    f:close()
  end
  ffi.C.kill(ffi.C.getpid(), SIGINT)
end

function done(summary, latency, requests)
  local planned, failed = 0, 0
  for _, t in ipairs(threads) do
    planned = planned + (t:get("planned") or 0)
    failed = failed + (t:get("bad") or 0)
  end
  local e = summary.errors
  local out = assert(io.open(assert(os.getenv("WRK_JSON"), "set WRK_JSON"), "w"))
  out:write(string.format(
    '{"planned": %d, "requests": %d, "bytes": %d, "duration_us": %d, "non_2xx": %d, ' ..
    '"socket_errors": %d, "timeouts": %d, "latency_us": {"p50": %d, "p90": %d, "p99": %d, "max": %d, "mean": %.1f}}\n',
    planned, summary.requests, summary.bytes, summary.duration, failed,
    e.connect + e.read + e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
  out:close()
end
