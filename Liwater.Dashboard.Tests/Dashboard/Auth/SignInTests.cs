using System.Diagnostics;
using System.Net;
using Dapper;
using Liwater.Dashboard.Auth;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Liwater.Data.Database;
using Microsoft.Extensions.DependencyInjection;

namespace Liwater.Dashboard.Tests.Dashboard.Auth;

/// <summary>
/// Issue 11 items 2 and 3: a stranger cannot keep a real user out or stall writes. Clients connect from distinct
/// loopback addresses; the app runs with the real per-client limit (10 posts a minute).
/// </summary>
/// <remarks>
/// One app for the class: every client has an address of its own (the limits and lockouts are per client), and the
/// attempts a test counts are those of its own clients.
/// </remarks>
[Collection(AppCollection.Name)]
public sealed class SignInTests(SignInTests.App app) : IClassFixture<SignInTests.App>
{
    private const string AdminPassword = "demo-admin-change-me";
    private const string Password = "test-password-1";
    private static readonly bool Long = Environment.GetEnvironmentVariable("LIWATER_LONG") == "1";
    private static readonly int WritesMeasured = Long ? 200 : 40;
    private static int nextOctet = 10;

    public sealed class App : LiwaterAppFactory
    {
        public App() => Settings["Liwater:Admin:ClientAttemptsPerMinute"] = "10";
    }

    private Db Db => app.Services.GetRequiredService<Db>();

    /// <summary>
    /// 48 strangers post wrong passwords for admin (each from its own address, up to 15 posts; the per-client limit
    /// answers 429 past 10 a minute, SignIn_ElevenPostsInAMinuteFromOneClient_429WithLocalisedPage) while the real admin signs in and case writes go on. Case-write latency alone and under the
    /// flood is measured in the same run and written side by side to the figures; the 50 ms p95 goal is asserted in
    /// the long mode only (<c>LIWATER_LONG=1</c>), since a timed assertion flakes on a loaded machine.
    /// </summary>
    [Fact]
    public async Task LoginFlood_48StrangersWithWrongPasswords_AdminStillSignsInAndCaseWritesSucceed()
    {
        var commands = app.Services.GetRequiredService<CaseCommands>();
        var compound = await Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT MIN(id) FROM compounds"));
        var outcomes = new List<CaseOutcome>();
        var cpuMs = new List<double>();
        async Task<double> WriteCaseAsync()
        {
            var watch = Stopwatch.StartNew();
            var result = await commands.CreateAsync(ActingUser.System, new NewCase
            {
                CompoundId = compound, Category = "public_facilities", Title = "登录洪水期间的案件", Description = "写入不应被登录尝试阻塞。",
                SourceChannel = "hotline", Level = CaseLevels.Compound,
            });
            outcomes.Add(result.Outcome);
            return watch.Elapsed.TotalMilliseconds;
        }

        // Beside each write, a read and a fixed piece of CPU work started on the thread pool: they tell queueing for the
        // write lock (only writes slow) from a starved thread pool or CPU (all three slow).
        async Task<double> ReadCasesAsync()
        {
            var watch = Stopwatch.StartNew();
            await Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cases WHERE compound_id = @compound", new { compound }));
            var read = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            await Task.Run(() => System.Security.Cryptography.SHA256.HashData(new byte[256 * 1024]));
            cpuMs.Add(watch.Elapsed.TotalMilliseconds);
            return read;
        }

        // Baseline in the same run: the same writes with nobody at the login.
        for (var i = 0; i < 3; i++)
        {
            await WriteCaseAsync();
        }

        var (aloneMs, aloneReadMs) = (new List<double>(), new List<double>());
        for (var i = 0; i < WritesMeasured; i++)
        {
            aloneMs.Add(await WriteCaseAsync());
            aloneReadMs.Add(await ReadCasesAsync());
        }

        var aloneCpuMs = cpuMs.ToList();
        cpuMs.Clear();
        var flooders = Enumerable.Range(0, 48).Select(_ => NewClient()).ToList();
        using var admin = NewClient();
        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        using var stop = new CancellationTokenSource();
        var flood = flooders.Select(c => Task.Run(async () =>
        {
            for (var i = 0; i < 15 && !stop.IsCancelled(); i++)
            {
                using var response = await c.SignInAsync(AccountSeeder.AdminUsername, "wrong-" + i);
                statuses.Add(response.StatusCode);
            }
        })).ToList();

        // While the flood runs: the real admin signs in from its own machine, and case writes go on.
        await WaitUntilAsync(() => statuses.Count >= 48);
        using var signIn = await admin.SignInAsync(AccountSeeder.AdminUsername, AdminPassword, "/cases");
        var (floodMs, floodReadMs) = (new List<double>(), new List<double>());
        for (var i = 0; i < WritesMeasured && flood.Any(t => !t.IsCompleted); i++)
        {
            floodMs.Add(await WriteCaseAsync());
            floodReadMs.Add(await ReadCasesAsync());
        }

        var floodStatuses = statuses.ToList();
        await stop.CancelAsync();
        await Task.WhenAll(flood);
        flooders.ForEach(c => c.Dispose());
        var flooderAddresses = flooders.Select(c => c.Address.ToString()).ToArray();

        var (aloneP50, aloneP95) = (Percentile(aloneMs, 0.50), Percentile(aloneMs, 0.95));
        var (floodP50, floodP95) = (Percentile(floodMs, 0.50), Percentile(floodMs, 0.95));
        Figures.Record(string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"login flood (48 clients): case write p50 {aloneP50:0.0} ms, p95 {aloneP95:0.0} ms alone ({aloneMs.Count} writes) | p50 {floodP50:0.0} ms, p95 {floodP95:0.0} ms under the flood ({floodMs.Count} writes, {floodStatuses.Count} posts meanwhile, {statuses.Count(s => s == HttpStatusCode.TooManyRequests)} of {statuses.Count} answered 429); read p95 {Percentile(aloneReadMs, 0.95):0.0} ms alone | {Percentile(floodReadMs, 0.95):0.0} ms under the flood; thread-pool CPU probe p50 {Percentile(aloneCpuMs, 0.5):0.0} / p95 {Percentile(aloneCpuMs, 0.95):0.0} ms alone | {Percentile(cpuMs, 0.5):0.0} / {Percentile(cpuMs, 0.95):0.0} ms under the flood"));
        Figures.Record("flood_case_write_alone_p50_ms", aloneP50);
        Figures.Record("flood_case_write_alone_p95_ms", aloneP95);
        Figures.Record("flood_case_write_p50_ms", floodP50);
        Figures.Record("flood_case_write_p95_ms", floodP95);
        Figures.Record("flood_case_write_p95_ratio", floodP95 / Math.Max(aloneP95, 0.001));

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/cases", signIn.Headers.Location?.OriginalString);
        Assert.Contains(signIn.Headers.GetValues("Set-Cookie"), v => v.StartsWith("liwater.auth=", StringComparison.Ordinal));
        Assert.NotEmpty(floodMs);
        Assert.All(outcomes, o => Assert.Equal(CaseOutcome.Ok, o));
        Assert.DoesNotContain(statuses, s => (int)s >= 500);
        Assert.Equal(1, await Db.ReadAsync(c => c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM sign_in_attempts WHERE username = 'admin' AND outcome = 'ok' AND client = @client", new { client = admin.Address.ToString() })));
        // Every post that passed the rate limiter is audited once, batched or not.
        await app.Services.GetRequiredService<SignInAttemptLog>().FlushAsync();
        Assert.Equal(statuses.Count(s => s != HttpStatusCode.TooManyRequests), await Db.ReadAsync(c => c.ExecuteScalarAsync<long>(
            $"SELECT COUNT(*) FROM sign_in_attempts WHERE username = 'admin' AND outcome IN ('failed', 'throttled') AND {TestDatabases.Dialect.InList("client", "@clients")}",
            new { clients = flooderAddresses })));

        if (Long)
        {
            Assert.True(floodP95 < 50, $"case write p95 under the login flood was {floodP95:0.0} ms (alone {aloneP95:0.0} ms); the goal is under 50 ms");
        }
    }

    [Fact]
    public async Task SignIn_UnknownInactiveAndWrongPassword_AnswerAlike()
    {
        var users = app.Services.GetRequiredService<UserStore>();
        Assert.True(await users.EnsureAsync(new UserInput { Username = "t-inactive", DisplayName = "t", Role = Roles.Viewer, Password = Password }));
        var id = await Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT id FROM users WHERE username = 't-inactive'"));
        var admin = await users.FindAsync(await Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT id FROM users WHERE username = 'admin'")));
        Assert.Empty(await users.SetActiveAsync(admin!.ToActingUser(), id, active: false));

        var answers = new List<string>();
        var clients = new List<string>();
        foreach (var (name, password) in new[] { ("t-nobody", Password), ("t-inactive", Password), ("admin", "wrong-password") })
        {
            using var client = NewClient();
            clients.Add(client.Address.ToString());
            using var response = await client.SignInAsync(name, password);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            answers.Add(response.Headers.Location!.OriginalString.Replace(name, "NAME", StringComparison.Ordinal));
        }

        await app.Services.GetRequiredService<SignInAttemptLog>().FlushAsync();
        Assert.Single(answers.Distinct());
        Assert.Equal("/login?error=invalid&username=NAME&returnUrl=%2F", answers[0]);
        Assert.Equal(3, await Db.ReadAsync(c => c.ExecuteScalarAsync<long>(
            $"SELECT COUNT(*) FROM sign_in_attempts WHERE username IN ('t-nobody', 't-inactive', 'admin') AND outcome = 'failed' AND {TestDatabases.Dialect.InList("client", "@clients")}",
            new { clients = clients.ToArray() })));
    }

    [Fact]
    public async Task SignIn_FiveFailuresFromOneClient_OnlyThatClientHeldBackEvenForUnknownNames()
    {
        // One stranger tries a real name, another a name that does not exist: the answers cannot be told apart.
        using var stranger = NewClient();
        using var ghostHunter = NewClient();
        using var office = NewClient();
        for (var i = 0; i < 5; i++)
        {
            using var a = await stranger.SignInAsync("admin", "wrong-password");
            using var b = await ghostHunter.SignInAsync("t-ghost", "wrong-password");
        }

        using var strangerRight = await stranger.SignInAsync("admin", AdminPassword);
        using var strangerGhost = await ghostHunter.SignInAsync("t-ghost", "anything");
        using var officeRight = await office.SignInAsync("admin", AdminPassword, "/cases");

        Assert.Contains("error=locked", strangerRight.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("error=locked", strangerGhost.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal("/cases", officeRight.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignIn_ElevenPostsInAMinuteFromOneClient_429WithLocalisedPage()
    {
        using var client = NewClient();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 11; i++)
        {
            last?.Dispose();
            last = await client.SignInAsync("t-someone-" + i, "wrong-password");
        }

        using var response = last!;
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("本设备登录尝试过于频繁", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/login\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/%0Aenv")]
    [InlineData("/\nenv")]
    [InlineData("/\\evil.example")]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("/案件")]
    public async Task SignIn_RightPasswordUnsafeReturnUrl_SignsInAndGoesHome(string returnUrl)
    {
        using var client = NewClient();
        using var response = await client.SignInAsync("admin", AdminPassword, returnUrl == "/%0Aenv" ? Uri.UnescapeDataString(returnUrl) : returnUrl);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), v => v.StartsWith("liwater.auth=", StringComparison.Ordinal));
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Max(0, (int)Math.Ceiling(sorted.Count * p) - 1)];
    }

    private SignInClient NewClient() => new(app.BaseAddress, Interlocked.Increment(ref nextOctet) % 250 + 2);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 600 && !condition(); i++)
        {
            await Task.Delay(50);
        }
    }
}

internal static class CancellationExtensions
{
    public static bool IsCancelled(this CancellationTokenSource source) => source.IsCancellationRequested;
}
