using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Liwater.Dashboard.Auth;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Database;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Liwater.Dashboard.Tests.Dashboard.Auth;

/// <summary>
/// The login form limits a typed name as the account rule does (<see cref="UserStore.UsernameMax"/> characters as a
/// person counts them, <see cref="Liwater.Data.Access.TextRules"/>), never cutting a character in half.
/// </summary>
/// <remarks>One app for the class: each test signs in from its own client address with its own name.</remarks>
[Collection(AppCollection.Name)]
public sealed partial class LoginNameTests(LoginNameTests.App app) : IClassFixture<LoginNameTests.App>
{
    private const string Family = "👨‍👩‍👧";

    public sealed class App : LiwaterAppFactory;

    [Fact]
    public async Task Login_ThirtyTwoCharactersEndingInAnEmoji_ComesBackWhole()
    {
        var name = new string('a', UserStore.UsernameMax - 1) + Family;

        Assert.Equal(name, await AnsweredNameAsync(name, 21));
    }

    [Fact]
    public async Task Login_LongerThanTheLimit_ComesBackCutAtThirtyTwoWholeCharacters()
    {
        var name = string.Concat(Enumerable.Repeat("😀", 40));

        Assert.Equal(string.Concat(Enumerable.Repeat("😀", UserStore.UsernameMax)), await AnsweredNameAsync(name, 22));
    }

    [Fact]
    public async Task Login_VeryLongName_IsKeptInTheAttemptsAsWholeCharacters()
    {
        var name = "a" + string.Concat(Enumerable.Repeat("😀", 70));
        await AnsweredNameAsync(name, 23);

        var db = app.Services.GetRequiredService<Db>();
        string? stored = null;
        for (var i = 0; i < 50 && stored is null; i++)
        {
            // Failed attempts are stored in batches (SignInAttemptLog).
            stored = await db.ReadAsync(c => c.QuerySingleOrDefaultAsync<string>("SELECT username FROM sign_in_attempts WHERE substr(username, 1, 1) = 'a' AND client = '127.0.0.23'"));
            await Task.Delay(stored is null ? 100 : 0, TestContext.Current.CancellationToken);
        }

        Assert.Equal("a" + string.Concat(Enumerable.Repeat("😀", 63)), stored);
    }

    [Fact]
    public async Task LoginPage_NameInput_TakesWhatTheAccountRuleAllows()
    {
        using var client = new SignInClient(app.BaseAddress, 24);
        var html = await client.Http.GetStringAsync("/login?username=" + Uri.EscapeDataString(new string('b', 40)));

        var input = NameInput().Match(html);
        Assert.True(input.Success, html);
        Assert.Contains($"value=\"{new string('b', UserStore.UsernameMax)}\"", input.Value, StringComparison.Ordinal);
        Assert.Contains($"maxlength=\"{Liwater.Data.Access.TextRules.InputMaxLength(UserStore.UsernameMax)}\"", input.Value, StringComparison.Ordinal);
    }

    private async Task<string?> AnsweredNameAsync(string name, int octet)
    {
        using var client = new SignInClient(app.BaseAddress, octet);
        using var response = await client.SignInAsync(name, "wrong-password-1");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        return QueryHelpers.ParseQuery(location[location.IndexOf('?', StringComparison.Ordinal)..])["username"].ToString();
    }

    [GeneratedRegex("<input id=\"username\"[^>]*>")]
    private static partial Regex NameInput();
}
