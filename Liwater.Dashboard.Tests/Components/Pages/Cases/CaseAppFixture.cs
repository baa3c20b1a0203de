using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Liwater.Dashboard.Auth;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Liwater.Data.Database;
using Microsoft.Extensions.DependencyInjection;

namespace Liwater.Dashboard.Tests.Components.Pages.Cases;

/// <summary>
/// The real app on Kestrel with the demo data, plus one test account per role (and staff of a second community),
/// and a way to sign in over HTTP exactly as the login form does.
/// </summary>
public partial class CaseAppFixture : IAsyncLifetime
{
    public const string Password = "test-password-1";

    public CaseAppFixture()
        : this(_ => { })
    {
    }

    /// <summary>For a fixture that needs other settings (applied before the app starts).</summary>
    protected CaseAppFixture(Action<LiwaterAppFactory> configure)
    {
        App = new LiwaterAppFactory();
        configure(App);
    }

    public LiwaterAppFactory App { get; }

    public long CommunityA { get; private set; }

    public long CommunityB { get; private set; }

    public CompoundRef CompoundA { get; private set; } = new();

    public long BuildingA { get; private set; }

    public static IReadOnlyList<string> Users { get; } = ["t-town", "t-staff-a", "t-staff-b", "t-chair", "t-assessor", "t-viewer"];

    public Db Db => App.Services.GetRequiredService<Db>();

    public CaseCommands Commands => App.Services.GetRequiredService<CaseCommands>();

    public virtual async ValueTask InitializeAsync()
    {
        _ = App.BaseAddress;
        var communities = (await Db.ReadAsync(c => c.QueryAsync<long>("SELECT id FROM communities ORDER BY sort_order, id LIMIT 2"))).ToList();
        (CommunityA, CommunityB) = (communities[0], communities[1]);
        CompoundA = await Db.ReadAsync(c => c.QueryFirstAsync<CompoundRef>(
            "SELECT p.id, p.name, p.community_id FROM compounds p WHERE p.community_id = @CommunityA AND EXISTS (SELECT 1 FROM buildings b WHERE b.compound_id = p.id) ORDER BY p.id", new { CommunityA }));
        BuildingA = await Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT MIN(id) FROM buildings WHERE compound_id = @Id", new { CompoundA.Id }));
        var store = App.Services.GetRequiredService<UserStore>();
        string[] roles = [Roles.TownOffice, Roles.CommunityStaff, Roles.CommunityStaff, Roles.Chair, Roles.Assessor, Roles.Viewer];
        long?[] communityOf = [null, CommunityA, CommunityB, null, null, null];
        for (var i = 0; i < Users.Count; i++)
        {
            await store.EnsureAsync(new UserInput { Username = Users[i], DisplayName = Users[i], Role = roles[i], CommunityId = communityOf[i], Password = Password });
        }
    }

    public ActingUser Town => new() { Id = 0, Username = "fixture", DisplayName = "fixture", Role = Roles.TownOffice };

    /// <summary>Signs in through GET /login + POST /account/login; returns a client carrying the cookie and a fresh antiforgery token.</summary>
    public async Task<SignedInClient> SignInAsync(string username, string password = Password)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = App.BaseAddress };
        var token = Token(await client.GetStringAsync("/login"));
        using var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Username"] = username, ["Password"] = password, ["ReturnUrl"] = "/cases",
        }));
        var location = response.Headers.Location?.ToString() ?? "";
        // After sign-in the token must be the one bound to the user: take it from the sign-out form of a page.
        var signedInToken = location == "/cases" ? Token(await client.GetStringAsync("/cases")) : token;
        return new SignedInClient(client, signedInToken, location, cookies);
    }

    public async Task<long> NewCaseAsync(string level = CaseLevels.Compound, bool resolved = false)
    {
        var id = (await Commands.CreateAsync(Town, new NewCase
        {
            CompoundId = CompoundA.Id, BuildingId = BuildingA, Category = "public_facilities", Title = "测试：路灯损坏", Description = "小区东门路灯不亮。",
            SourceChannel = "hotline", Level = level,
        })).CaseId!.Value;
        if (resolved)
        {
            await Commands.ApplyAsync(Town, id, 1, new CaseAction { Kind = CaseActionKind.Resolve, Body = "已更换灯泡" });
        }

        return id;
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private static string Token(string html) => TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token in the page.");

    [GeneratedRegex("__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

/// <summary>An HTTP client signed in as one user, with the antiforgery token its forms carry (and its cookies, for a
/// SignalR client that should connect as the same user).</summary>
public sealed record SignedInClient(HttpClient Client, string Token, string LoginRedirect, CookieContainer? Cookies = null) : IDisposable
{
    public async Task<HttpResponseMessage> ActAsync(long caseId, CaseActionKind kind, long expectedVersion, string body = "测试内容") =>
        await Client.PostAsync($"/cases/{caseId}/actions", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token,
            ["Kind"] = kind.ToString(),
            ["ExpectedVersion"] = expectedVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Body"] = body,
            ["HeldOn"] = "2020-01-01",
            ["Participants"] = "物业、楼长",
            ["UnitName"] = "镇退役军人服务站党支部",
        }));

    public void Dispose() => Client.Dispose();
}
