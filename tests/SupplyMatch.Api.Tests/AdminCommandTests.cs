using System.Net;
using SupplyMatch.Api.Infrastructure;
using SupplyMatch.Api.Tests.Infrastructure;

namespace SupplyMatch.Api.Tests;

/// <summary><c>issue-key</c> on the command line: a key for a real owner, or the usage and exit code 2; never the service.</summary>
[Collection(ApiCollection.Name)]
public sealed class AdminCommandTests(ApiFixture api)
{
    private const string Usage = "usage: issue-key admin|planner NAME  |  issue-key buyer|base NAME OWNER_ID";

    [Theory]
    [InlineData("issue-key")]
    [InlineData("issue-key", "admin")]
    [InlineData("issue-key", "root", "ops")]
    [InlineData("issue-key", "buyer", "ops")]
    [InlineData("issue-key", "planner", "ops", "Y-1")]
    [InlineData("issue-key", "admin", "ops", "extra", "more")]
    [InlineData("issue-key", "admin", " ")]
    public async Task Missing_or_wrong_arguments_print_the_usage_and_exit_2(params string[] args)
    {
        var (exit, stdout, stderr) = await RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Equal(Usage, stderr.Trim());
    }

    [Fact]
    public async Task An_owner_that_does_not_exist_gets_no_key()
    {
        var (exit, stdout, stderr) = await RunAsync("issue-key", "buyer", "ops", "Y-NONE");

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Equal("issue-key: buyer 'Y-NONE' does not exist; OWNER_ID must be the id of a buyer", stderr.Trim());
    }

    [Fact]
    public async Task A_key_for_an_existing_buyer_is_printed_once_and_signs_in_as_that_buyer()
    {
        var world = await api.NewWorldAsync();

        var (exit, stdout, stderr) = await RunAsync("issue-key", "buyer", "ops", world.BuyerIds[1]);

        Assert.True(exit == 0, stderr);
        var key = stdout.Trim().Split(": ")[^1];
        Assert.StartsWith("sm_", key, StringComparison.Ordinal);
        var me = await (await api.Host.Client(key).GetAsync("/api/v1/me")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("buyer", world.BuyerIds[1]), (me.GetProperty("role").GetString(), me.GetProperty("ownerId").GetString()));
    }

    [Fact]
    public async Task Other_arguments_are_not_the_command()
    {
        Assert.Null(await AdminCommand.TryRunAsync(api.Host.Services, ["--urls", "http://127.0.0.1:0"], TextWriter.Null, TextWriter.Null));
    }

    private async Task<(int? Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await AdminCommand.TryRunAsync(api.Host.Services, args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
