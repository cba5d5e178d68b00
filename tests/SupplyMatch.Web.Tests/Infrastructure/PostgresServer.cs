using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SupplyMatch.Web.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the tests use: the one named by SUPPLYMATCH_TEST_PG, or else a throwaway cluster
/// (initdb + pg_ctl as the postgres user, a free port, a unique temp dir) stopped when the test process exits.
/// </summary>
public static class PostgresServer
{
    private const string BinDir = "/usr/lib/postgresql/15/bin";
    private static readonly Lazy<string> Admin = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Connection string of the maintenance database.</summary>
    public static string AdminConnectionString => Admin.Value;

    /// <summary>Creates an empty database for one test class and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(60, prefix.Length + 33)].ToLowerInvariant();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    private static string Start()
    {
        var given = Environment.GetEnvironmentVariable("SUPPLYMATCH_TEST_PG");
        if (!string.IsNullOrWhiteSpace(given))
        {
            return given;
        }

        var root = Path.Combine(Path.GetTempPath(), $"supplymatch-pg-{Guid.NewGuid():N}");
        var data = Path.Combine(root, "data");
        var socket = Path.Combine(root, "sock");
        Directory.CreateDirectory(data);
        Directory.CreateDirectory(socket);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Run("chown", $"-R postgres:postgres {root}");
            Run("chmod", $"700 {data}");
            Run("chmod", $"775 {socket}");
        }

        var port = FreePort();
        RunPg(asRoot, "initdb", $"-D {data} -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync");
        RunPg(asRoot, "pg_ctl",
            $"-D {data} -l {root}/server.log -w -t 60 -o \"-p {port} -k {socket} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\" start");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            RunPg(asRoot, "pg_ctl", $"-D {data} -m immediate -w stop", check: false);
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left for the system's temp cleanup.
            }
        };
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=30";
    }

    private static void RunPg(bool asRoot, string tool, string arguments, bool check = true)
    {
        var exe = Path.Combine(BinDir, tool);
        if (asRoot)
        {
            Run("runuser", $"-u postgres -- {exe} {arguments}", check);
        }
        else
        {
            Run(exe, arguments, check);
        }
    }

    private static void Run(string file, string arguments, bool check = true)
    {
        var info = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} exited {process.ExitCode}: {stdout.Result} {stderr.Result}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
