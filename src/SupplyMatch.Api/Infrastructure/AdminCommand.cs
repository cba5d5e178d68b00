using SupplyMatch.Storage;

namespace SupplyMatch.Api.Infrastructure;

/// <summary>
/// <c>SupplyMatch.Api issue-key ROLE NAME [OWNER]</c>: issues an API key from the command line (the first admin key of a
/// production deployment, where no demo keys exist), prints it once and exits without serving.
/// </summary>
public static class AdminCommand
{
    public const string Name = "issue-key";
    public const string Usage = "usage: issue-key admin|planner NAME  |  issue-key buyer|base NAME OWNER_ID";

    /// <summary>
    /// Null when the arguments are not this command (the service starts); otherwise the exit code: 0 with the key on
    /// <paramref name="stdout"/>, 2 with the usage or the unknown owner on <paramref name="stderr"/>.
    /// </summary>
    public static async Task<int?> TryRunAsync(IServiceProvider services, string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args is not [Name, ..])
        {
            return null;
        }

        if (args is not [_, var role, var name, ..] || args.Length > 4 || string.IsNullOrWhiteSpace(name)
            || !Roles.All.Contains(role) || Roles.IsOwned(role) != (args.Length == 4))
        {
            await stderr.WriteLineAsync(Usage);
            return 2;
        }

        var owner = args.Length == 4 ? args[3] : null;
        await new MigrationRunner(services.GetRequiredService<Database>()).ApplyAsync(TimeProvider.System, CancellationToken.None);
        if (owner is not null && !await OwnerExistsAsync(services.GetRequiredService<ReferenceDataStore>(), role, owner))
        {
            await stderr.WriteLineAsync($"issue-key: {role} '{owner}' does not exist; OWNER_ID must be the id of a {role}");
            return 2;
        }

        var (info, key) = await services.GetRequiredService<ApiKeyStore>().IssueAsync(role, owner, name, Actor.System, null, CancellationToken.None);
        await stdout.WriteLineAsync($"{info.Role} key {info.Id} ({info.Name}): {key}");
        return 0;
    }

    private static async Task<bool> OwnerExistsAsync(ReferenceDataStore reference, string role, string owner) => role == Roles.Buyer
        ? await reference.Buyers.GetAsync([owner], CancellationToken.None) is not null
        : await reference.Bases.GetAsync([owner], CancellationToken.None) is not null;
}
