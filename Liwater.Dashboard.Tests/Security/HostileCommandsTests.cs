using Dapper;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Liwater.Data.Councils;
using Liwater.Data.Database;
using Liwater.Data.Meetings;
using Liwater.Data.Volunteers;

namespace Liwater.Dashboard.Tests.Security;

/// <summary>
/// The text fields only the interactive pages write (a council's motions, meetings and steps, volunteer activities, the
/// joint meeting's items): every hostile string through the command the page calls, on the demo data. Each is either
/// stored exactly as given (trimmed) or refused with one of the text rule's codes — never another exception.
/// </summary>
public sealed class HostileCommandsTests(DemoDatabase demo) : IClassFixture<DemoDatabase>
{
    private static readonly ActingUser Town = new() { Id = 0, Username = "town", DisplayName = "城治办", Role = Roles.TownOffice };
    private static readonly string[] TextCodes = [TextErrors.Required, TextErrors.TooLong, TextErrors.BadCharacter];
    private readonly TownClock clock = new(TimeProvider.System, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));

    private Db Db => demo.Db;

    [Fact]
    public async Task PageOnlyCommands_HostileText_StoredAsGivenOrRefusedByTheTextRule()
    {
        var cases = new CaseCommands(Db, clock, new CaseOptions());
        var councils = new CouncilCommands(Db, new CouncilOptions(), cases);
        var volunteers = new VolunteerCommands(Db, clock);
        var meetings = new MeetingCommands(Db, clock, cases);
        var councilId = await Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT MIN(id) FROM councils"));
        var councilMeeting = await Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT MIN(id) FROM council_meetings WHERE council_id = @councilId", new { councilId }));
        var compound = await Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT compound_id FROM councils WHERE id = @councilId", new { councilId }));
        var sitting = await meetings.OpenAsync(Town, new NewMeeting { HeldOn = clock.Today, Chair = "主持人", Attendees = "各部门" });
        var meetingId = sitting.MeetingId!.Value;

        // (what, write the text, read back what was stored)
        var targets = new (string What, Func<string, Task<DataError?>> Write, Func<Task<string?>> Stored)[]
        {
            ("motion title", t => Council(() => councils.RaiseMotionAsync(Town, councilMeeting, t, null, null)), () => Latest("SELECT title FROM motions ORDER BY id DESC LIMIT 1")),
            ("motion description", t => Council(() => councils.RaiseMotionAsync(Town, councilMeeting, "议案", t, null)), () => Latest("SELECT description FROM motions ORDER BY id DESC LIMIT 1")),
            ("council meeting title", t => Council(() => councils.AddMeetingAsync(Town, councilId, clock.Today, t)), () => Latest("SELECT title FROM council_meetings ORDER BY id DESC LIMIT 1")),
            ("activity title", t => Activity(() => volunteers.AddActivityAsync(Town, new ActivityInput { OccurredOn = clock.Today, CompoundId = compound, Hours = 1, People = 2, Kind = VolunteerKinds.Activities[0], Title = t }, confirmDuplicate: true)), () => Latest("SELECT title FROM volunteer_activities ORDER BY id DESC LIMIT 1")),
            ("meeting item", async t => (await meetings.AddItemAsync(Town, meetingId, t)) is { Succeeded: false } r ? r.Errors.Values.FirstOrDefault() ?? r.Error : null, () => Latest("SELECT title FROM meeting_items ORDER BY id DESC LIMIT 1")),
        };

        var (stored, refused) = (0, 0);
        var failures = new List<string>();
        foreach (var (what, write, read) in targets)
        {
            foreach (var (name, value) in HostileStrings.Text)
            {
                DataError? error;
                try
                {
                    error = await write(value);
                }
                catch (Exception e) when (e is not Xunit.Sdk.IAssertionException)
                {
                    failures.Add($"{what} {name}: {e.GetType().Name} {e.Message}");
                    continue;
                }

                if (error is null)
                {
                    stored++;
                    var actual = await read();
                    if ((actual ?? "") != value.Trim())
                    {
                        failures.Add($"{what} {name}: stored {actual?.Length} chars, not what was given");
                    }
                }
                else
                {
                    refused++;
                    if (!TextCodes.Contains(error.Code))
                    {
                        failures.Add($"{what} {name}: refused with {error}");
                    }
                }
            }
        }

        Figures.Record($"hostile_commands targets={targets.Length} tried={targets.Length * HostileStrings.Text.Count} stored={stored} refused={refused}");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(stored > 0 && refused > 0);
    }

    private static async Task<DataError?> Council(Func<Task> write)
    {
        try
        {
            await write();
            return null;
        }
        catch (CouncilRefusedException e)
        {
            return e.Error;
        }
    }

    private static async Task<DataError?> Activity(Func<Task<long>> write)
    {
        try
        {
            await write();
            return null;
        }
        catch (ActivityRefusedException e)
        {
            return e.Error;
        }
    }

    private Task<string?> Latest(string sql) => Db.ReadAsync(c => c.ExecuteScalarAsync<string?>(sql));
}
