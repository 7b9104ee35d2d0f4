-- wrk script for bench/board_http.sh: GET /api/v1/listings in a fixed rotation of one mix.
--   BOARD_MIX=filtered  culture tags, remote, ladder past Staff, track and ranked preferences
--   BOARD_MIX=text      broad free text: each word matches about a third of the generated board
-- Each thread walks the same cycle from a different offset, so every query keeps its share.
-- At the end it prints one JSON line (prefixed "BOARDJSON ") with the figures the script reports.

local mixes = {
  filtered = {
    "/api/v1/listings?tag=deep-work",
    "/api/v1/listings?remote=true",
    "/api/v1/listings?track=ic&ic_past_staff=true",
    "/api/v1/listings?track=management&remote=false",
    "/api/v1/listings?tag=writing-culture&tag=async-by-default&remote=true",
    "/api/v1/listings?prefer=deep-work:important&prefer=sustainable-pace:nice",
    "/api/v1/listings?prefer=remote-first:dealbreaker&track=ic",
    "/api/v1/listings?ic_past_staff=true&remote=true&tag=sustainable-pace",
  },
  text = {
    "/api/v1/listings?q=modes",
    "/api/v1/listings?q=distributed",
    "/api/v1/listings?q=failure",
    "/api/v1/listings?q=distributed%20storage",
  },
}

local mix_name = os.getenv("BOARD_MIX") or "filtered"
local paths = assert(mixes[mix_name], "BOARD_MIX is filtered or text")

local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("id", thread_id)
  thread_id = thread_id + 1
  table.insert(threads, thread)
end

function init(args)
  counter = (id or 0) * 3
  statuses = {}
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local codes = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    for code, n in pairs(s or {}) do
      codes[tostring(code)] = (codes[tostring(code)] or 0) + n
    end
  end
  local parts = {}
  for code, n in pairs(codes) do
    table.insert(parts, string.format('"%s":%d', code, n))
  end
  local e = summary.errors
  io.write(string.format(
    'BOARDJSON {"mix":"%s","requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.0f},"statuses":{%s}}\n',
    mix_name, summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    latency.mean, table.concat(parts, ",")))
end

