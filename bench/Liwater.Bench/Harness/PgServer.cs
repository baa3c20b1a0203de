using System.Diagnostics;
using Dapper;
using Npgsql;

namespace Liwater.Bench.Harness;

/// <summary>
/// A throwaway PostgreSQL server on 127.0.0.1 for the cluster scenario, started and stopped by the project's own
/// script (<c>tools/pgserver.sh</c>, the one the tests and <c>scale/run.sh</c> use; it installs Debian's postgresql
/// when missing). The data folder <c>bench/out/pg</c> is kept between runs so that a city database copied into it is
/// reused; the server itself never outlives the scenario (stopped on dispose). Unlike the tests' server it keeps
/// PostgreSQL's default durability (<c>LIWATER_PG_DURABLE=1</c>).
/// </summary>
internal sealed class PgServer : IAsyncDisposable
{
    private readonly Paths paths;

    private PgServer(Paths paths, string folder, string superuser)
    {
        this.paths = paths;
        Folder = folder;
        Superuser = superuser;
    }

    public string Folder { get; }

    /// <summary>Gets the superuser's connection string to the <c>postgres</c> database.</summary>
    public string Superuser { get; }

    public static async Task<PgServer> StartAsync(Paths paths)
    {
        var folder = Path.Combine(paths.Out, "pg");
        // A server left running by an interrupted run would answer on its old port: stop it first.
        await ScriptAsync(paths, "stop", folder);
        // The server's log holds this run only (thousands of logged serialization failures would pile up otherwise).
        if (Directory.Exists(folder))
        {
            File.Delete(Path.Combine(folder, "server.log"));
        }
        var output = await ScriptAsync(paths, "start", folder, AppProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        var superuser = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
        return new PgServer(paths, folder, superuser);
    }

    /// <summary>Gets the connection string of database <paramref name="name"/> on this server.</summary>
    public string For(string name) => new NpgsqlConnectionStringBuilder(Superuser) { Database = name }.ConnectionString;

    /// <summary>Drops database <paramref name="name"/> (closing its connections) and creates it empty.</summary>
    public async Task<string> CreateEmptyAsync(string name)
    {
        await DropAsync(name);
        await using var admin = new NpgsqlConnection(Superuser);
        await admin.ExecuteAsync($"CREATE DATABASE \"{name}\"");
        return For(name);
    }

    public async Task DropAsync(string name)
    {
        await using (var connection = new NpgsqlConnection(For(name)))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await using var admin = new NpgsqlConnection(Superuser);
        await admin.ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    /// <summary>Gets the comment of database <paramref name="name"/>, or null when it does not exist.</summary>
    public async Task<string?> CommentAsync(string name)
    {
        await using var admin = new NpgsqlConnection(Superuser);
        return await admin.QuerySingleOrDefaultAsync<string?>(
            "SELECT COALESCE(shobj_description(oid, 'pg_database'), '') FROM pg_database WHERE datname = @name", new { name });
    }

    public async Task SetCommentAsync(string name, string comment)
    {
        await using var admin = new NpgsqlConnection(Superuser);
        await admin.ExecuteAsync($"COMMENT ON DATABASE \"{name}\" IS '{comment.Replace("'", "''", StringComparison.Ordinal)}'");
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ScriptAsync(paths, "stop", Folder);
    }

    private static async Task<string> ScriptAsync(Paths paths, params string[] arguments)
    {
        var info = new ProcessStartInfo(Path.Combine(paths.Root, "tools", "pgserver.sh"))
        {
            WorkingDirectory = paths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Production durability (fsync, synchronous commit): writes are compared with SQLite at synchronous = FULL.
        info.Environment["LIWATER_PG_DURABLE"] = "1";
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var script = Process.Start(info) ?? throw new InvalidOperationException("tools/pgserver.sh did not start");
        var output = script.StandardOutput.ReadToEndAsync();
        var errors = script.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await script.WaitForExitAsync(limit.Token);
        if (script.ExitCode != 0)
        {
            throw new InvalidOperationException($"tools/pgserver.sh {string.Join(' ', arguments)} exited with {script.ExitCode}: {(await errors).Trim()}");
        }

        return await output;
    }
}
