using Liwater.Dashboard.Field;
using Liwater.Data.Cases;
using Microsoft.Extensions.Time.Testing;

namespace Liwater.Dashboard.Tests.Field;

/// <summary>Alert timing on a fake clock: a property-service case's 5-minute reply mark, counted as the clock moves.</summary>
public sealed class FieldAlertsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Count_ReplyMarkApproaches_DueSoonTwoMinutesAheadThenBreached()
    {
        var clock = new FakeTimeProvider(T0);
        var policy = new DeadlinePolicy(new DeadlineOptions());
        var opened = T0.ToUnixTimeMilliseconds();
        var row = policy.WithDueAt(new CaseRow { Category = CaseOptions.PropertyService, Status = CaseStatuses.Open, OpenedAt = opened, LevelEnteredAt = opened });
        var lead = new FieldOptions().DueSoonMs;
        (int New, int DueSoon, int Breached) At(TimeSpan elapsed)
        {
            clock.SetUtcNow(T0 + elapsed);
            return FieldAlerts.Count([row], clock.GetUtcNow().ToUnixTimeMilliseconds(), lead);
        }

        Assert.Equal(opened + (5 * 60_000), row.DueAt);
        Assert.Equal((1, 0, 0), At(TimeSpan.FromMinutes(2)));
        Assert.Equal((1, 0, 0), At(TimeSpan.FromSeconds(179)));
        Assert.Equal((1, 1, 0), At(TimeSpan.FromMinutes(3)));
        Assert.Equal((1, 1, 0), At(TimeSpan.FromSeconds(299)));
        Assert.Equal((1, 0, 1), At(TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void Count_RepliedResolvedOrSpam_NotCounted()
    {
        var now = T0.ToUnixTimeMilliseconds();
        CaseRow[] rows =
        [
            new() { Status = CaseStatuses.InProgress, RepliedAt = now - 1, DueAt = now + 60_000 },
            new() { Status = CaseStatuses.Resolved, DueAt = now - 1 },
            new() { Status = CaseStatuses.Spam, DueAt = now - 1 },
        ];

        Assert.Equal((0, 1, 0), FieldAlerts.Count(rows, now, 120_000));
    }
}
