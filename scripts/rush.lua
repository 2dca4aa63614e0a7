-- The deadline rush of `make bench`: every producer of the file given after `--` submits its
-- application once (one "session<TAB>form body" line each); the run stops when all have answered.
-- Prints "submits seconds p50_ms p99_ms errors".
local lines, sent, answered = {}, 0, 0
local cookie_name = os.getenv("COOKIE_NAME") or "xttm_session"
local origin = os.getenv("BASE_URL")

function init(args)
  for line in io.lines(args[1]) do
    local token, body = line:match("^(%S+)\t(.*)$")
    lines[#lines + 1] = { token = token, body = body }
  end
end

function request()
  sent = sent + 1
  local l = lines[math.min(sent, #lines)]
  return wrk.format("POST", "/api/producer/save-application", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
    ["Origin"] = origin,
    ["Cookie"] = cookie_name .. "=" .. l.token,
  }, l.body)
end

function response(status, headers, body)
  answered = answered + 1
  if status ~= 200 then
    io.stderr:write("HTTP " .. status .. ": " .. body:sub(1, 200) .. "\n")
  end
  if answered >= #lines then
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  io.write(string.format("%d %.3f %.1f %.1f %d\n", summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors))
end
