-- wrk script: counts the responses by status over all threads and prints the counts, so a
-- load run shows that nothing but the expected status came back.
local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   codes = {}
end

function response(status, headers, body)
   codes[status] = (codes[status] or 0) + 1
end

function done(summary, latency, requests)
   local total = {}
   for _, thread in ipairs(threads) do
      for status, n in pairs(thread:get("codes")) do
         total[status] = (total[status] or 0) + n
      end
   end
   for status, n in pairs(total) do
      io.write(string.format("status %d: %d\n", status, n))
   end
end
