using SupplyMatch.Storage;

namespace SupplyMatch.Api.Infrastructure;

/// <summary>
/// <c>SupplyMatch.Api issue-key ROLE NAME [OWNER]</c>: issues an API key from the command line (the first admin key of a
/// production deployment, where no demo keys exist), prints it once and exits without serving.
/// </summary>
public static class AdminCommand
{
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        if (args is not ["issue-key", var role, var name, ..])
        {
            return false;
        }

        var owner = args.Length > 3 ? args[3] : null;
        if (!Roles.All.Contains(role) || Roles.IsOwned(role) != (owner is not null))
        {
            Console.Error.WriteLine("usage: issue-key admin|planner NAME  |  issue-key buyer|base NAME OWNER_ID");
            Environment.ExitCode = 2;
            return true;
        }

        await new MigrationRunner(app.Services.GetRequiredService<Database>()).ApplyAsync(TimeProvider.System, CancellationToken.None);
        var (info, key) = await app.Services.GetRequiredService<ApiKeyStore>().IssueAsync(role, owner, name, Actor.System, null, CancellationToken.None);
        Console.WriteLine($"{info.Role} key {info.Id} ({info.Name}): {key}");
        return true;
    }
}
