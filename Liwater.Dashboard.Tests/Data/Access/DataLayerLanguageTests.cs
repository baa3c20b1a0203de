using System.Text.RegularExpressions;
using Liwater.Dashboard.Auth;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Councils;
using Liwater.Data.Residents;

namespace Liwater.Dashboard.Tests.Data.Access;

/// <summary>
/// The data layer speaks codes; the UI words them in the reader's language (decisions 0142 and 0180). Chinese in a
/// data-layer string is data only: configuration defaults that are names, CSV headers of the town's files, and the
/// stored forms of old rows.
/// </summary>
public sealed partial class DataLayerLanguageTests
{
    // File (relative to the repository) → why its Chinese string literals are data, not language of the code.
    private static readonly Dictionary<string, string> DataFiles = new()
    {
        ["Liwater.Data/Cases/CaseOptions.cs"] = "configuration defaults: category and channel names, with their English names beside them",
        ["Liwater.Data/Ratings/RatingOptions.cs"] = "configuration default: the checklist item names, with their English names beside them",
        ["Liwater.Data/Volunteers/VolunteerKinds.cs"] = "the words towns write in the kind column of their activity sheets, read as kind codes (the UI words kinds from resources)",
        ["Liwater.Data/Volunteers/ActivityCsvReader.cs"] = "the column headers and date formats of the town's activity sheets",
        ["Liwater.Data/Access/ActorNames.cs"] = "what rows written before actor names were codes hold",
    };

    [Fact]
    public void StringLiterals_DataLayerOutsideDemoAndTheAccountStore_HoldNoChineseExceptData()
    {
        var root = AppProcess.RepositoryRoot();
        var files = Directory.EnumerateFiles(Path.Combine(root, "Liwater.Data"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Demo{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Append(Path.Combine(root, "Liwater.Dashboard", "Auth", "UserStore.cs"));

        var found = new List<string>();
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (DataFiles.ContainsKey(relative))
            {
                continue;
            }

            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var code = Comment().Replace(lines[i], "");
                if (StringLiteral().Matches(code).Any(m => Chinese().IsMatch(m.Value)))
                {
                    found.Add($"{relative}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }

        Assert.True(found.Count == 0, "Chinese strings in the data layer (make them codes worded by the UI):\n" + string.Join('\n', found));
    }

    [Theory]
    [InlineData(ActorNames.System, "系统", "System")]
    [InlineData(ActorNames.Resident, "居民", "Resident")]
    [InlineData("系统", "系统", "System")]
    [InlineData("居民", "居民", "Resident")]
    public void Actor_SystemOrResidentStoredNowOrBeforeCodes_IsWordedInEachLanguage(string stored, string zh, string en)
    {
        Assert.Equal(zh, Words.Actor("zh-CN", stored, userId: null));
        Assert.Equal(en, Words.Actor("en", stored, userId: null));
    }

    [Theory]
    [InlineData("系统")]
    [InlineData("actor.system")]
    [InlineData("张社工")]
    public void Actor_AnAccountsDisplayName_IsShownAsStored(string displayName) =>
        Assert.Equal(displayName, Words.Actor("en", displayName, userId: 7));

    [Fact]
    public void ActingUsers_SystemAndResidentChannel_StoreCodesAsTheirNames()
    {
        Assert.Equal(ActorNames.System, ActingUser.System.DisplayName);
        Assert.Equal(ActorNames.Resident, ActingUser.ResidentChannel.DisplayName);
    }

    [Fact]
    public void Step_EachCouncilStep_IsWordedInEachLanguage()
    {
        Assert.Equal("造氛围", Words.Zh(CouncilWords.Step(1)));
        Assert.Equal("build the atmosphere", Words.En(CouncilWords.Step(1)));
        Assert.Equal("deliver", Words.En(CouncilWords.Step(CouncilQueries.StepCount)));
    }

    [Fact]
    public void MaskStaff_StaffNamesInAText_BecomeStaffPartsTheLongestFirst()
    {
        var masked = ResidentQueries.MaskStaff("张社工已通知张社工长和李四，张社", ["张社工", "张社工长", "李四"]);

        Assert.NotNull(masked);
        Assert.Equal([null, "已通知", null, "和", null, "，张社"], masked.Parts);
    }

    [Fact]
    public void MaskStaff_NoNames_KeepsTheTextWhole() =>
        Assert.Equal(["电梯已恢复运行。"], ResidentQueries.MaskStaff("电梯已恢复运行。", [])!.Parts);

    [Fact]
    public void Validate_EveryAccountRefusal_IsACodeWordedInEachLanguage()
    {
        using var db = new TempDatabase(migrate: false);
        var store = new UserStore(db.Db, new AuthOptions { MinPasswordLength = 8 }, new SignInAttemptLog(db.Db, Microsoft.Extensions.Logging.Abstractions.NullLogger<SignInAttemptLog>.Instance));

        var errors = store.Validate(new UserInput { Username = "bad name", DisplayName = " ", Role = "nobody", Password = "short" }, passwordRequired: true);

        Assert.Equal(
            ["account.username.invalid", "field.required", "account.role.required", "account.password.too_short"],
            errors.Values.Select(e => e.Code));
        Assert.Equal("A user name has 1–32 letters, digits or . _ -.", Words.En(errors[nameof(UserInput.Username)]));
        Assert.Equal("Please enter the name.", Words.En(errors[nameof(UserInput.DisplayName)]));
        Assert.Equal("A password has at least 8 characters.", Words.En(errors[nameof(UserInput.Password)]));
        Assert.Equal("密码至少 8 位。", Words.Zh(errors[nameof(UserInput.Password)]));
        Assert.Equal("Community staff must belong to a community.", Words.En(
            store.Validate(new UserInput { Username = "ok", DisplayName = "王", Role = Roles.CommunityStaff }, passwordRequired: false)[nameof(UserInput.CommunityId)]));
    }

    [GeneratedRegex(@"//.*$")]
    private static partial Regex Comment();

    [GeneratedRegex(@"""(?:[^""\\]|\\.)*""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"[\u4e00-\u9fff]")]
    private static partial Regex Chinese();
}
