using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Liwater.Dashboard.Tests.Shared;
using Microsoft.Data.Sqlite;

namespace Liwater.Dashboard.Tests.Data.Durability;

/// <summary>
/// The real app as a child process takes case writes through HTTP (POST /cases/create, four writers at once) and is
/// killed with SIGKILL at a random moment, then restarted on the same files, until all writes were sent. Then: every
/// acknowledged write is in the database exactly once, a write that was cut off is there at most once, the file
/// passes <c>PRAGMA integrity_check</c>, and the change log has no gap and one entry per case. Short mode: 100 writes,
/// 1 kill; long mode (<c>LIWATER_LONG=1</c>): 1,000 writes, 5 kills.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class CrashDurabilityTests
{
    private const int Writers = 4;

    private static bool Long => Environment.GetEnvironmentVariable("LIWATER_LONG") == "1";

    [Fact]
    public async Task CaseWrites_SigkillAtRandomMoments_EveryAcknowledgedWriteOnceAndLogWhole()
    {
        var (total, kills) = Long ? (1000, 5) : (100, 1);
        var folder = Path.Combine(Path.GetTempPath(), "liwater-tests", Guid.NewGuid().ToString("N"));
        var port = AppProcess.FreePort();
        var run = Guid.NewGuid().ToString("N")[..8];
        var random = new Random();
        var acknowledged = new ConcurrentDictionary<string, long>();
        var cutOff = new ConcurrentBag<string>();
        var next = 0;
        var killed = 0;
        var app = await AppProcess.StartAsync(folder, port);
        var compoundId = await ReadAsync(app.DatabasePath, c => c.ExecuteScalarAsync<long>("SELECT id FROM compounds ORDER BY id LIMIT 1"));
        try
        {
            while (Volatile.Read(ref next) < total)
            {
                using var client = await SignInAsync(app.BaseAddress);

                // Kill after a random share of this round's writes, plus a random few milliseconds (mid-request).
                var round = (total - next) / (kills - killed + 1);
                var killAfter = killed < kills ? next + random.Next(round / 4, (round * 3 / 4) + 1) : int.MaxValue;
                var killDelay = random.Next(0, 20);
                using var roundOver = new CancellationTokenSource();
                var killer = killed < kills
                    ? Task.Run(async () =>
                    {
                        while (acknowledged.Count < killAfter - Writers && !roundOver.IsCancellationRequested)
                        {
                            await Task.Delay(1);
                        }

                        await Task.Delay(killDelay);
                        app.Signal(9);
                    })
                    : Task.CompletedTask;
                var writers = Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
                {
                    while (true)
                    {
                        var i = Interlocked.Increment(ref next) - 1;
                        if (i >= total)
                        {
                            Interlocked.Decrement(ref next);
                            return;
                        }

                        var title = $"CRASH-{run}-{i:D5}";
                        try
                        {
                            acknowledged[title] = await CreateAsync(client, compoundId, title);
                        }
                        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                        {
                            cutOff.Add(title);
                            return; // the app is gone: this round is over
                        }
                    }
                })).ToArray();
                await Task.WhenAll(writers);
                await roundOver.CancelAsync();
                await killer;
                if (!await app.WaitForExitAsync(TimeSpan.FromSeconds(killed < kills ? 30 : 0)) && killed >= kills)
                {
                    break; // all written, no kill left: the app is still up
                }

                killed++;
                await app.DisposeAsync();
                app = await AppProcess.StartAsync(folder, port);
            }
        }
        finally
        {
            await app.DisposeAsync();
            SqliteConnection.ClearAllPools();
        }

        var titles = (await ReadAsync(Path.Combine(folder, "liwater.db"), c => c.QueryAsync<string>(
            "SELECT title FROM cases WHERE title LIKE @prefix", new { prefix = $"CRASH-{run}-%" }))).ToList();
        var integrity = await ReadAsync(Path.Combine(folder, "liwater.db"), c => c.ExecuteScalarAsync<string>("PRAGMA integrity_check"));
        var log = await ReadAsync(Path.Combine(folder, "liwater.db"), c => c.QuerySingleAsync<(long Min, long Max, long Count)>(
            "SELECT MIN(id), MAX(id), COUNT(*) FROM change_log"));
        var openedPerCase = (await ReadAsync(Path.Combine(folder, "liwater.db"), c => c.QueryAsync<long>(
            """
            SELECT (SELECT COUNT(*) FROM change_log l WHERE l.kind = 'case.opened' AND l.entity_id = k.id)
            FROM cases k WHERE k.title LIKE @prefix
            """, new { prefix = $"CRASH-{run}-%" }))).ToList();
        SqliteConnection.ClearAllPools();

        var counts = titles.GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        var lost = acknowledged.Keys.Where(t => !counts.ContainsKey(t)).ToList();
        Assert.Equal(kills, killed);
        Assert.Empty(lost);
        Assert.All(counts, c => Assert.Equal(1, c.Value));
        Assert.Equal("ok", integrity);
        Assert.Equal(log.Max - log.Min + 1, log.Count);
        Assert.All(openedPerCase, n => Assert.Equal(1, n));
        var cutOffSaved = cutOff.Count(counts.ContainsKey);
        Figures.Record($"crash durability: {total} writes sent, {acknowledged.Count} acknowledged, {lost.Count} lost, {kills} SIGKILL(s), {cutOff.Count} cut off mid-request ({cutOffSaved} of them saved once, the rest not at all), integrity {integrity}, change log {log.Count} rows without gap");
        TryDelete(folder);
    }

    private static async Task<long> CreateAsync(SignedIn client, long compoundId, string title)
    {
        using var response = await client.Http.PostAsync("/cases/create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = client.Token,
            ["CompoundId"] = compoundId.ToString(CultureInfo.InvariantCulture),
            ["Category"] = "public_facilities",
            ["Title"] = title,
            ["Description"] = "断电测试：小区电梯停在三楼。",
            ["SourceChannel"] = "hotline",
            ["Level"] = "compound",
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("caseId").GetInt64();
    }

    private static async Task<SignedIn> SignInAsync(Uri baseAddress)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var token = Token(await http.GetStringAsync("/login"));
        using var response = await http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Username"] = "admin", ["Password"] = AppProcess.AdminPassword, ["ReturnUrl"] = "/cases",
        }));
        Assert.Equal("/cases", response.Headers.Location?.ToString());
        return new SignedIn(http, Token(await http.GetStringAsync("/cases")));
    }

    private static async Task<T> ReadAsync<T>(string path, Func<SqliteConnection, Task<T>> read)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        return await read(connection);
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }

    private static string Token(string html) => TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token in the page.");

    [GeneratedRegex("__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    private sealed record SignedIn(HttpClient Http, string Token) : IDisposable
    {
        public void Dispose() => Http.Dispose();
    }
}
