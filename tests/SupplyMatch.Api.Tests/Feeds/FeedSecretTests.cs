using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SupplyMatch.Api.Jobs;
using SupplyMatch.Storage;
using static SupplyMatch.Api.Tests.Feeds.FeedFiles;

namespace SupplyMatch.Api.Tests.Feeds;

/// <summary>Feed auth secrets at rest: encrypted with Data Protection, the key ring in PostgreSQL and shared by every instance.</summary>
[Collection(FeedCollection.Name)]
public sealed class FeedSecretTests(FeedFixture f)
{
    [Fact]
    public async Task The_secret_column_holds_no_plain_text_yet_pulls_send_the_right_header()
    {
        var w = await f.NewWorldAsync();
        var path = $"{w.Suffix}/encrypted.csv";
        f.Server.Script(path, FeedServer.Body(Csv(Line(w, "E-1", 1_000))));
        var feed = await f.RegisterAsync("demand", w.BuyerIds[0], path, authName: "Authorization", authValue: "Bearer enc-7f3a");

        var stored = await StoredSecretAsync(f.Service<Database>(), feed);
        Assert.StartsWith(FeedSecrets.Prefix, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("enc-7f3a", stored, StringComparison.Ordinal);
        Assert.Contains(new KeyRingStore(f.Service<Database>(), TimeProvider.System).GetAllElements(), e => e.Name.LocalName == "key");
        Assert.Equal("succeeded", (await f.PullAsync(feed)).GetProperty("status").GetString());
        Assert.Equal("Bearer enc-7f3a", Assert.Single(f.Server.Seen(path)).Headers["Authorization"]);
    }

    [Fact]
    public async Task A_plain_text_secret_from_before_still_works_and_is_stored_encrypted_after_its_first_pull()
    {
        var w = await f.NewWorldAsync();
        var path = $"{w.Suffix}/legacy.csv";
        f.Server.Script(path, FeedServer.Body(Csv(Line(w, "P-1", 1_000))));
        var feed = await f.RegisterAsync("demand", w.BuyerIds[0], path, authName: "X-Feed-Token", authValue: "replaced below");
        await StoreRawSecretAsync(f.Service<Database>(), feed, "legacy-plain-token");

        Assert.Equal("succeeded", (await f.PullAsync(feed)).GetProperty("status").GetString());
        var stored = await StoredSecretAsync(f.Service<Database>(), feed);
        Assert.StartsWith(FeedSecrets.Prefix, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("legacy-plain", stored, StringComparison.Ordinal);
        Assert.Equal("unchanged", (await f.PullAsync(feed)).GetProperty("status").GetString());
        Assert.Equal(["legacy-plain-token", "legacy-plain-token"], f.Server.Seen(path).Select(r => r.Headers["X-Feed-Token"]).ToList());
    }

    [Fact]
    public async Task Another_instance_on_the_same_database_decrypts_the_secrets_and_encrypts_plain_text_ones_when_it_starts()
    {
        var w = await f.NewWorldAsync();
        var (sealedPath, legacyPath) = ($"{w.Suffix}/sealed.csv", $"{w.Suffix}/old.csv");
        f.Server.Script(sealedPath, FeedServer.Body(Csv(Line(w, "S-1", 1_000))));
        f.Server.Script(legacyPath, FeedServer.Body(Csv(Line(w, "S-2", 2_000))));
        var sealedFeed = await f.RegisterAsync("demand", w.BuyerIds[0], sealedPath, authName: "Authorization", authValue: "Bearer from-instance-one");
        var legacyFeed = await f.RegisterAsync("demand", w.BuyerIds[1], legacyPath, authName: "Authorization", authValue: "replaced below");
        await StoreRawSecretAsync(f.Service<Database>(), legacyFeed, "Bearer left-in-plain-text");

        await using var other = f.AnotherInstance("feeds-second");
        Assert.NotEqual(f.Service<IHostEnvironment>().ContentRootPath, other.Service<IHostEnvironment>().ContentRootPath);
        var stored = await StoredSecretAsync(other.Service<Database>(), legacyFeed);
        Assert.StartsWith(FeedSecrets.Prefix, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("left-in-plain", stored, StringComparison.Ordinal);
        var puller = other.Services.GetRequiredService<FeedPuller>();
        Assert.Equal(FeedRunStatus.Succeeded, (await puller.PullAsync(sealedFeed, "manual", CancellationToken.None))!.Status);
        Assert.Equal(FeedRunStatus.Succeeded, (await puller.PullAsync(legacyFeed, "manual", CancellationToken.None))!.Status);
        Assert.Equal("Bearer from-instance-one", Assert.Single(f.Server.Seen(sealedPath)).Headers["Authorization"]);
        Assert.Equal("Bearer left-in-plain-text", Assert.Single(f.Server.Seen(legacyPath)).Headers["Authorization"]);

        // And back: the first instance reads what the second one encrypted.
        Assert.Equal("unchanged", (await f.PullAsync(legacyFeed)).GetProperty("status").GetString());
        Assert.Equal("Bearer left-in-plain-text", f.Server.Seen(legacyPath)[^1].Headers["Authorization"]);
    }

    [Fact]
    public async Task A_secret_that_cannot_be_decrypted_fails_the_run_with_a_clear_error_and_nothing_is_requested()
    {
        var w = await f.NewWorldAsync();
        var path = $"{w.Suffix}/tampered.csv";
        f.Server.Script(path, FeedServer.Body(Csv(Line(w, "T-1", 1_000))));
        var feed = await f.RegisterAsync("demand", w.BuyerIds[0], path, authName: "Authorization", authValue: "Bearer original");
        var stored = await StoredSecretAsync(f.Service<Database>(), feed);
        await StoreRawSecretAsync(f.Service<Database>(), feed, stored![..^4] + (stored[^4..] == "AAAA" ? "BBBB" : "AAAA"));

        var run = await f.PullAsync(feed);
        Assert.Equal("failed", run.GetProperty("status").GetString());
        Assert.Contains("cannot be decrypted", run.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Empty(f.Server.Seen(path));
        Assert.Empty((await f.LinesAsync(w.BuyerKeys[0])).EnumerateArray());
    }

    internal static async Task<string?> StoredSecretAsync(Database database, string feedId)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = connection.Sql("SELECT auth_header_value FROM feeds WHERE id = @id").With("id", feedId);
        return await command.ExecuteScalarAsync() as string;
    }

    /// <summary>Writes the column as an earlier version (plain text) or a tamperer would.</summary>
    private static async Task StoreRawSecretAsync(Database database, string feedId, string value)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        Assert.Equal(1, await connection.Sql("UPDATE feeds SET auth_header_value = @value WHERE id = @id").With("value", value).With("id", feedId)
            .ExecuteAsync(CancellationToken.None));
    }
}
