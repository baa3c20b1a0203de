using Liwater.Data.Changes;

namespace Liwater.Data.Statistics;

/// <summary>
/// What of the change log the wall shows, defined once: the screen's own subscription and the screen-key hub
/// (<c>/hubs/live</c>) both use it. A key that opens the wall must not reveal more than the wall: account changes,
/// council votes (which name representatives) are never sent, and a summary travels only with the
/// kinds whose summary the ticker prints (<see cref="LiveCounterQueries.TickerKinds"/>).
/// </summary>
public static class ScreenChanges
{
    /// <summary>The kinds the wall re-reads its figures for: every case change (counters, map, trend), activities
    /// and teams (hours), ratings and scores (stars), every kind the ticker prints, statistics (grid figures), the joint meeting panel, the demo.</summary>
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(
        [
            .. ChangeKinds.CaseChanges, .. LiveCounterQueries.TickerKinds, ChangeKinds.VolunteerChanged,
            ChangeKinds.ScoreRecorded, ChangeKinds.StatisticsUpdated, ChangeKinds.MeetingChanged, ChangeKinds.DemoLoaded,
        ],
        StringComparer.Ordinal);

    private static readonly HashSet<string> WithSummary = new(LiveCounterQueries.TickerKinds, StringComparer.Ordinal);

    /// <summary>The change as a screen may see it (summary only where the ticker shows one), or null when the
    /// screen shows nothing of that kind.</summary>
    public static ChangeEntry? ForScreen(ChangeEntry change) =>
        !Kinds.Contains(change.Kind) ? null
        : WithSummary.Contains(change.Kind) ? change
        : change with { Summary = null };
}
