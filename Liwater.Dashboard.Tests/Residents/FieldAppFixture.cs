using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Liwater.Dashboard.Auth;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Liwater.Data.Database;
using Liwater.Data.Residents;
using Microsoft.Extensions.DependencyInjection;

namespace Liwater.Dashboard.Tests.Residents;

/// <summary>
/// The real app for the field features: demo data, community staff of the first community, a property steward of one
/// of its compounds, the compound's QR codes issued, and resident rate limits high enough not to interfere
/// (<see cref="ResidentRateLimitTests"/> has its own app with low ones).
/// </summary>
public sealed partial class FieldAppFixture : IAsyncLifetime
{
    public const string Password = "test-password-1";

    public LiwaterAppFactory App { get; } = Create();

    public CompoundRef Compound { get; private set; } = new();

    public CompoundCodes Codes { get; private set; } = null!;

    public long StewardId { get; private set; }

    public Db Db => App.Services.GetRequiredService<Db>();

    public T Get<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public static ActingUser Town => new() { Username = "fixture", DisplayName = "fixture", Role = Roles.TownOffice };

    public async ValueTask InitializeAsync()
    {
        _ = App.BaseAddress;
        Compound = await Db.ReadAsync(c => c.QueryFirstAsync<CompoundRef>(
            """
            SELECT p.id, p.name, p.community_id FROM compounds p
            WHERE EXISTS (SELECT 1 FROM buildings b WHERE b.compound_id = p.id) AND EXISTS (SELECT 1 FROM assessment_units u WHERE u.compound_id = p.id)
            ORDER BY p.community_id, p.id
            """));
        var store = Get<UserStore>();
        await store.EnsureAsync(new UserInput { Username = "f-staff", DisplayName = "张社工", Role = Roles.CommunityStaff, CommunityId = Compound.CommunityId, Password = Password });
        await store.EnsureAsync(new UserInput { Username = "f-steward", DisplayName = "李管家", Role = Roles.PropertySteward, Password = Password });
        await store.EnsureAsync(new UserInput { Username = "f-steward-other", DisplayName = "王管家", Role = Roles.PropertySteward, Password = Password });
        StewardId = await Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT id FROM users WHERE username = 'f-steward'"));
        var otherCompound = await Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT MIN(id) FROM compounds WHERE id <> @Id", new { Compound.Id }));
        var otherId = await Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT id FROM users WHERE username = 'f-steward-other'"));
        var admin = new ActingUser { Username = "fixture", Role = Roles.TownOffice };
        Assert.Empty(await store.SetCompoundsAsync(admin, StewardId, [Compound.Id]));
        Assert.Empty(await store.SetCompoundsAsync(admin, otherId, [otherCompound]));
        Codes = (await Get<ResidentCommands>().EnsureCodesAsync(Town, Compound.Id))!;
    }

    /// <summary>Signs in through GET /login + POST /account/login; returns a client with the cookie and the page's antiforgery token.</summary>
    public async Task<(HttpClient Client, string Token)> SignInAsync(string username, string password = Password)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = App.BaseAddress };
        var token = Token(await client.GetStringAsync("/login"));
        using var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Username"] = username, ["Password"] = password, ["ReturnUrl"] = "/cases",
        }));
        Assert.Equal("/cases", response.Headers.Location?.ToString());
        return (client, Token(await client.GetStringAsync("/cases")));
    }

    /// <summary>A client with no cookies that does not follow redirects: a resident's phone.</summary>
    public HttpClient Phone() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = App.BaseAddress };

    public async ValueTask DisposeAsync() => await App.DisposeAsync();

    internal static string Token(string html) => TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token in the page.");

    private static LiwaterAppFactory Create()
    {
        var app = new LiwaterAppFactory();
        app.Settings["Liwater:Residents:ReportsPerClient"] = "1000";
        app.Settings["Liwater:Residents:ReportsPerBuilding"] = "1000";
        app.Settings["Liwater:Residents:PublicBaseUrl"] = "https://lishui.example.cn";
        return app;
    }

    [GeneratedRegex("__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
