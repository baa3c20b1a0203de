using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Dapper;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;

namespace Liwater.Dashboard.Tests.Components.Pages.Cases;

/// <summary>
/// No update is silently lost: writes carry the version their author saw; a newer version refuses them with the
/// conflict message. Runs on the real app through the form endpoint and the case command side by side. The long mode
/// (<c>LIWATER_LONG=1</c>, see docs/cases-and-accounts.md) makes 10,000 edits instead of 60.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ConcurrentEditTests(CaseAppFixture fixture) : IClassFixture<CaseAppFixture>
{
    private static readonly bool Long = Environment.GetEnvironmentVariable("LIWATER_LONG") == "1";

    [Fact]
    public async Task Endpoint_ResolvePreparedOnVersion1AfterAnotherUserEscalated_ConflictShowsWhatChangedNothingSaved()
    {
        var id = await fixture.NewCaseAsync();
        using var admin = await fixture.SignInAsync("t-town");
        using var staff = await fixture.SignInAsync("t-staff-a");

        // The admin opened the case at version 1 and prepares 办结; meanwhile the community escalates it (version 2).
        using var escalated = await staff.ActAsync(id, CaseActionKind.Escalate, 1, "物业无法解决，上报社区");
        Assert.Equal(HttpStatusCode.OK, escalated.StatusCode);
        using var resolve = await admin.ActAsync(id, CaseActionKind.Resolve, 1, "已办结");

        Assert.Equal(HttpStatusCode.Conflict, resolve.StatusCode);
        using var json = JsonDocument.Parse(await resolve.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var root = json.RootElement;
        Assert.Contains("已被他人修改（当前版本 2）", root.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal((CaseLevels.Community, 2L), (root.GetProperty("current").GetProperty("level").GetString(), root.GetProperty("current").GetProperty("version").GetInt64()));
        Assert.Equal(CaseEventKinds.Escalated, root.GetProperty("latest").GetProperty("kind").GetString());
        var saved = await fixture.Db.ReadAsync(c => c.QuerySingleAsync<(string Level, string Status, long Version)>("SELECT level, status, version FROM cases WHERE id = @id", new { id }));
        Assert.Equal((CaseLevels.Community, CaseStatuses.Open, 2L), saved);
        Assert.Equal(0L, await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM case_events WHERE case_id = @id AND kind = 'resolved'", new { id })));
    }

    [Fact]
    public async Task Endpoint_ActionWithoutTheVersionSeen_BadRequestNothingSaved()
    {
        var id = await fixture.NewCaseAsync();
        using var admin = await fixture.SignInAsync("t-town");

        using var response = await admin.Client.PostAsync($"/cases/{id}/actions", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = admin.Token, ["Kind"] = "Resolve", ["Body"] = "没有版本号",
        }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1L, await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT version FROM cases WHERE id = @id", new { id })));
    }

    [Fact]
    public async Task ParallelEdits_EndpointAndCommand_EveryAcceptedEditPresentEveryRefusedOneAConflictNoneLost()
    {
        var edits = Long ? 10_000 : 60;
        var id = await fixture.NewCaseAsync();
        using var staff = await fixture.SignInAsync("t-staff-a");
        using var admin = await fixture.SignInAsync("t-town");
        var accepted = new ConcurrentBag<string>();
        var conflicts = new ConcurrentBag<string>();
        var other = new ConcurrentBag<string>();
        var next = -1;

        async Task WorkerAsync(int worker)
        {
            while (Interlocked.Increment(ref next) is var i && i < edits)
            {
                var body = $"edit-{i:00000}";
                // Each writer acts on the version it read, as a page does; someone else may write in between.
                var seen = await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT version FROM cases WHERE id = @id", new { id }));
                CaseOutcome outcome;
                if (worker % 3 == 2)
                {
                    outcome = (await fixture.Commands.ApplyAsync(fixture.Town, id, seen, new CaseAction { Kind = CaseActionKind.FollowUp, Body = body })).Outcome;
                }
                else
                {
                    using var response = await (worker % 3 == 0 ? staff : admin).ActAsync(id, CaseActionKind.FollowUp, seen, body);
                    outcome = response.StatusCode switch
                    {
                        HttpStatusCode.OK => CaseOutcome.Ok,
                        HttpStatusCode.Conflict => CaseOutcome.Conflict,
                        _ => CaseOutcome.Invalid,
                    };
                }

                (outcome switch { CaseOutcome.Ok => accepted, CaseOutcome.Conflict => conflicts, _ => other }).Add(body);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 12).Select(w => Task.Run(() => WorkerAsync(w), TestContext.Current.CancellationToken)));

        var stored = (await fixture.Db.ReadAsync(c => c.QueryAsync<string>("SELECT body FROM case_events WHERE case_id = @id AND kind = 'action'", new { id }))).ToList();
        var version = await fixture.Db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT version FROM cases WHERE id = @id", new { id }));
        Assert.Empty(other);
        Assert.Equal(edits, accepted.Count + conflicts.Count);
        Assert.Equal(accepted.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
        Assert.Empty(conflicts.Intersect(stored));
        Assert.Equal(1 + accepted.Count, version);
        Assert.True(!accepted.IsEmpty && !conflicts.IsEmpty, $"accepted {accepted.Count}, conflicts {conflicts.Count}: the edits did not overlap");
        Figures.Record($"concurrent edits: {edits} edits (12 writers through the endpoint and the command), accepted {accepted.Count}, conflicts {conflicts.Count}, lost 0");
    }
}
