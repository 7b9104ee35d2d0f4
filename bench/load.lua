-- wrk script for bench/load.sh: a mix of what visitors do, weighted per 20 requests:
--   8 searches (GET /api/v1/listings with text, tag and filter combinations)
--   6 listing pages (HTML: /jobs with filters, /jobs/{id}, /companies/{slug})
--   4 assessments (POST /api/v1/assess, JSON answers)
--   2 calendar uploads (POST /api/v1/calendar/analyze, a generated quarter of meetings)
-- Each thread walks the same deterministic cycle from a different offset. At the end it prints
-- one JSON line (prefixed "LOADJSON ") with the figures bench/load.sh reports.

local calendar_file = os.getenv("LOAD_CALENDAR")
local calendar_query = os.getenv("LOAD_CALENDAR_QUERY") or ""
local listing_ids = {}
for id in string.gmatch(os.getenv("LOAD_LISTING_IDS") or "1", "%d+") do
  table.insert(listing_ids, id)
end
local company_slugs = {}
for slug in string.gmatch(os.getenv("LOAD_COMPANY_SLUGS") or "lumenfold", "[%w%-]+") do
  table.insert(company_slugs, slug)
end

local function read_all(path)
  local f = assert(io.open(path, "rb"))
  local data = f:read("*a")
  f:close()
  return data
end

local calendar_body = calendar_file and read_all(calendar_file) or ""

local answers = {
  '{"absorbed":"hard_problem_alone","drift":"refactoring","amplify":"own_keyboard",' ..
    '"next_project":"hands_on_system","hard_feedback":"avoid_for_weeks","reason":["protect_deep_work"]}',
  '{"absorbed":"team_conflict","drift":"people_conversations","amplify":"amplify_with_headcount",' ..
    '"next_project":"coordinate_many","hard_feedback":"part_of_caring","reason":["drawn_to_people_work"]}',
}

local searches = {
  "/api/v1/listings",
  "/api/v1/listings?q=platform",
  "/api/v1/listings?q=rust&remote=true",
  "/api/v1/listings?track=ic&ic_past_staff=true",
  "/api/v1/listings?tag=deep-work&limit=50",
  "/api/v1/listings?q=distributed%20storage&track=management",
  "/api/v1/listings?prefer=deep-work:important&prefer=sustainable-pace:nice",
  "/api/v1/listings?q=engineer&limit=5",
}

local pages = {
  function() return "/jobs" end,
  function() return "/jobs?q=platform&track=ic" end,
  function() return "/jobs/" .. listing_ids[math.random(#listing_ids)] end,
  function() return "/jobs/" .. listing_ids[math.random(#listing_ids)] end,
  function() return "/companies/" .. company_slugs[math.random(#company_slugs)] end,
  function() return "/jobs?tag=deep-work&remote=true" end,
}

local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("id", thread_id)
  thread_id = thread_id + 1
  table.insert(threads, thread)
end

function init(args)
  counter = (id or 0) * 7
  math.randomseed(1000 + (id or 0))
  statuses = {}
end

function request()
  counter = counter + 1
  local slot = counter % 20
  if slot < 8 then
    return wrk.format("GET", searches[(counter % #searches) + 1])
  elseif slot < 14 then
    return wrk.format("GET", pages[(counter % #pages) + 1]())
  elseif slot < 18 then
    return wrk.format("POST", "/api/v1/assess", { ["Content-Type"] = "application/json" },
      answers[(counter % #answers) + 1])
  else
    return wrk.format("POST", "/api/v1/calendar/analyze" .. calendar_query,
      { ["Content-Type"] = "text/calendar" }, calendar_body)
  end
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
    'LOADJSON {"requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.0f},"statuses":{%s}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    latency.mean, table.concat(parts, ",")))
end
