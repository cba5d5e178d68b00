using System.Net;
using System.Text.Json;

namespace SupplyMatch.Api.Tests.Infrastructure;

public static class Pages
{
    /// <summary>Every item of a paged list, following nextAfter (an offset) with the given page size.</summary>
    public static async Task<List<JsonElement>> AllAsync(HttpClient client, string url, int limit = 1000)
    {
        var items = new List<JsonElement>();
        string? next = "0";
        while (next is not null)
        {
            var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            var page = await (await client.GetAsync($"{url}{separator}limit={limit}&offset={next}")).ExpectAsync(HttpStatusCode.OK);
            var batch = page.GetProperty("items").EnumerateArray().ToList();
            Assert.True(batch.Count <= limit, $"page of {batch.Count} items over the limit {limit}");
            items.AddRange(batch);
            next = page.GetProperty("nextAfter").GetString();
            Assert.True(next is not null || items.Count == page.GetProperty("total").GetInt32(), $"{url}: {items.Count} items read, total says otherwise");
        }

        return items;
    }
}
