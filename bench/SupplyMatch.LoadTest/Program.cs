using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

// Load generator for a running SupplyMatch service (loopback only). Commands:
//   intake  --url U --admin-key K --planner-key K [--batches 20] [--batch-size 10000] [--concurrency 2]
//   latency --url U --admin-key K --planner-key K [--rate 200] [--seconds 30]
//   round   --url U --planner-key K --from yyyy-MM-dd --to yyyy-MM-dd [--runs 3]
var options = Args.Parse(args.Skip(1).ToArray());
var url = options.Get("url", "http://127.0.0.1:5080");
if (!new Uri(url).IsLoopback)
{
    Console.Error.WriteLine("Only loopback targets are allowed.");
    return 2;
}

using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };
return args.FirstOrDefault() switch
{
    "intake" => await Load.IntakeAsync(http, options),
    "latency" => await Load.LatencyAsync(http, options),
    "round" => await Load.RoundAsync(http, options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: SupplyMatch.LoadTest intake|latency|round --url http://127.0.0.1:5080 ...");
    return 2;
}

internal sealed class Args(Dictionary<string, string> values)
{
    public static Args Parse(string[] args) =>
        new(Enumerable.Range(0, args.Length / 2).ToDictionary(i => args[2 * i].TrimStart('-'), i => args[(2 * i) + 1]));

    public string Get(string name, string fallback) => values.GetValueOrDefault(name, fallback);

    public int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;
}

internal static class Load
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    public static async Task<int> IntakeAsync(HttpClient http, Args o)
    {
        var buyerKey = await WorldAsync(http, o);
        int batches = o.Int("batches", 20), size = o.Int("batch-size", 10_000), concurrency = o.Int("concurrency", 2);
        var bodies = Enumerable.Range(0, Math.Min(batches, 4))
            .Select(_ => JsonSerializer.SerializeToUtf8Bytes(new { lines = Enumerable.Range(0, size).Select(i => Line(100 + i)).ToList() })).ToList();
        await PostBatchAsync(http, buyerKey, bodies[0]); // warm-up
        var next = 0;
        var stopwatch = Stopwatch.StartNew();
        var latencies = new List<double>();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= batches)
            {
                var started = Stopwatch.GetTimestamp();
                await PostBatchAsync(http, buyerKey, bodies[next % bodies.Count]);
                lock (latencies) { latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds); }
            }
        }));
        var seconds = stopwatch.Elapsed.TotalSeconds;
        Console.WriteLine($"intake: {batches} batches x {size} lines, concurrency {concurrency}: {batches * (long)size / seconds:F0} lines/s " +
            $"({seconds:F2} s; per batch p50 {Percentile(latencies, 50):F0} ms, max {latencies.Max():F0} ms)");
        return 0;
    }

    public static async Task<int> LatencyAsync(HttpClient http, Args o)
    {
        var buyerKey = await WorldAsync(http, o);
        int rate = o.Int("rate", 200), seconds = o.Int("seconds", 30);
        for (var i = 0; i < 200; i++)
        {
            await PostOneAsync(http, buyerKey); // warm-up
        }

        var total = rate * seconds;
        var latencies = new double[total];
        var errors = 0;
        var start = Stopwatch.GetTimestamp();
        var tasks = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            // Open loop: request i is sent at i / rate seconds whatever the earlier ones do.
            var due = TimeSpan.FromSeconds((double)i / rate) - Stopwatch.GetElapsedTime(start);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }

            var index = i;
            tasks.Add(Task.Run(async () =>
            {
                var sent = Stopwatch.GetTimestamp();
                if (!await PostOneAsync(http, buyerKey)) { Interlocked.Increment(ref errors); }
                latencies[index] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
            }));
        }

        await Task.WhenAll(tasks);
        var achieved = total / Stopwatch.GetElapsedTime(start).TotalSeconds;
        Console.WriteLine($"latency: {total} single-line POSTs at {rate}/s (achieved {achieved:F0}/s), errors {errors}: " +
            $"p50 {Percentile(latencies, 50):F2} ms, p90 {Percentile(latencies, 90):F2} ms, p99 {Percentile(latencies, 99):F2} ms, max {latencies.Max():F2} ms");
        return errors == 0 ? 0 : 1;
    }

    public static async Task<int> RoundAsync(HttpClient http, Args o)
    {
        var planner = o.Get("planner-key", "demo-planner-key");
        for (var run = 0; run < o.Int("runs", 3); run++)
        {
            var started = Stopwatch.GetTimestamp();
            using var request = Request(HttpMethod.Post, "/api/v1/rounds", planner, new { horizonFrom = o.Get("from", ""), horizonTo = o.Get("to", "") });
            using var created = await http.SendAsync(request);
            var round = await created.Content.ReadFromJsonAsync<JsonElement>();
            var location = created.Headers.Location!.OriginalString;
            string status;
            JsonElement state;
            do
            {
                await Task.Delay(20);
                using var poll = Request(HttpMethod.Get, location, planner, null);
                state = await (await http.SendAsync(poll)).Content.ReadFromJsonAsync<JsonElement>();
                status = state.GetProperty("status").GetString()!;
            }
            while (status is "queued" or "running");
            Console.WriteLine($"round {run + 1}: {round.GetProperty("lines").GetInt32()} lines, {round.GetProperty("lots").GetInt32()} lots: " +
                $"{status} in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms (create -> {status}) {(status == "failed" ? state.GetProperty("error").GetString() : "")}");
        }

        return 0;
    }

    private static async Task PostBatchAsync(HttpClient http, string key, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/demand-lines/batch") { Content = content };
        request.Headers.Add("X-Api-Key", key);
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"batch refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task<bool> PostOneAsync(HttpClient http, string key)
    {
        using var request = Request(HttpMethod.Post, "/api/v1/demand-lines", key, Line(500));
        using var response = await http.SendAsync(request);
        return response.IsSuccessStatusCode;
    }

    /// <summary>Creates a product, city and buyer with unique ids and returns a key of that buyer.</summary>
    private static async Task<string> WorldAsync(HttpClient http, Args o)
    {
        var planner = o.Get("planner-key", "demo-planner-key");
        var admin = o.Get("admin-key", "demo-admin-key");
        var u = Guid.NewGuid().ToString("N")[..8];
        await SendOkAsync(http, Request(HttpMethod.Post, "/api/v1/products", planner,
            new { code = "P-LOAD", nameZh = "菜心", nameEn = "Choy sum", category = "leafy", shelfLifeDays = 6, storage = "chilled", crateKg = 10 }), allowConflict: true);
        await SendOkAsync(http, Request(HttpMethod.Post, "/api/v1/cities", planner, new { id = "C-LOAD", nameZh = "广州", nameEn = "Guangzhou", lat = 23.13, lon = 113.26 }), true);
        await SendOkAsync(http, Request(HttpMethod.Post, "/api/v1/buyers", planner, new
        {
            id = $"Y-LOAD-{u}", nameZh = "压测", nameEn = "Load", type = "canteen", cityId = "C-LOAD", lat = 23.1, lon = 113.2,
            requiredCertifications = Array.Empty<string>(), receiveFrom = "03:00", receiveTo = "09:00",
        }), false);
        using var issue = Request(HttpMethod.Post, "/api/v1/api-keys", admin, new { role = "buyer", ownerId = $"Y-LOAD-{u}", name = "load test" });
        using var issued = await http.SendAsync(issue);
        return (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    private static async Task SendOkAsync(HttpClient http, HttpRequestMessage request, bool allowConflict)
    {
        using (request)
        using (var response = await http.SendAsync(request))
        {
            if (!response.IsSuccessStatusCode && !(allowConflict && response.StatusCode == System.Net.HttpStatusCode.Conflict))
            {
                throw new InvalidOperationException($"{request.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
    }

    private static object Line(int kg) => new
    {
        productCode = "P-LOAD", minGrade = "first", quantityKg = kg, earliest = Today.AddDays(2).ToString("yyyy-MM-dd"),
        latest = Today.AddDays(4).ToString("yyyy-MM-dd"), maxLandedCnyPerKg = 6.8, minFreshnessPercent = 50, partialAllowed = true, priority = 3,
    };

    private static HttpRequestMessage Request(HttpMethod method, string path, string key, object? body)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Api-Key", key);
        if (body is not null)
        {
            request.Content = JsonContentOf(body);
        }

        return request;
    }

    private static ByteArrayContent JsonContentOf(object body)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }

    private static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
