using System.Text.Json;
using Dapper;
using Liwater.Data.Cases;
using Liwater.Data.Changes;
using Liwater.Data.Database;

namespace Liwater.Data.Statistics;

/// <summary>
/// The command-centre screen's counters, map layers, trends and ticker, all counted from rows in one round trip
/// (one multi-statement command). "Today" and "this month" are the town's local calendar (<see cref="TownClock"/>).
/// </summary>
public sealed class LiveCounterQueries(Db db, TownClock town)
{
    /// <summary>The change kinds the ticker shows.</summary>
    public static readonly string[] TickerKinds =
    [
        ChangeKinds.CaseOpened, ChangeKinds.CaseEscalated, ChangeKinds.CaseResolved, ChangeKinds.ActivityLogged,
        ChangeKinds.RatingPublished, ChangeKinds.RatingReopened, ChangeKinds.ReportPublished,
    ];

    public const int TrendDays = 30;

    // Past days of the open-case trend are kept this long before they are counted again (they only move when an old
    // case is reopened or corrected); today's point is the live open count on every read.
    private static readonly TimeSpan PastTrendRefresh = TimeSpan.FromHours(1);

    // A case counts as open at an instant from opened_at until it was resolved, closed or cancelled; cancelled rows
    // carry no dedicated time, so their last update stands for it. A case open now is open at every day's end since
    // it was opened (a reopened case's earlier gap is not kept by the schema). Only cases open now or ended after the
    // first day's end can count: they are picked in one pass (MATERIALIZED), then counted per day end, instead of a
    // pass over every case for each of the 30 days (19 s at city scale, see docs/benchmarks.md).
    // Dialect-specific (SqlDialect.JsonRows): the days come in as one JSON parameter.
    private static string PastOpenTrendSql(SqlDialect d) =>
        $"""
        WITH days AS (
            {d.JsonRows("@days", ("d", "day", false), ("e", "day_end", true))}),
        spans AS MATERIALIZED (
            SELECT opened_at,
                   CASE WHEN status IN ('open', 'in_progress') THEN NULL ELSE COALESCE(resolved_at, closed_at, updated_at) END AS ended_at
            FROM cases
            WHERE opened_at < @lastEnd
              AND (status IN ('open', 'in_progress') OR COALESCE(resolved_at, closed_at, updated_at) >= @firstEnd))
        SELECT d.day AS Day,
               CAST((SELECT COUNT(*) FROM spans k
                WHERE k.opened_at < d.day_end AND (k.ended_at IS NULL OR k.ended_at >= d.day_end)) AS DOUBLE PRECISION) AS Value
        FROM days d ORDER BY d.day;
        """;

    private readonly Lock pastTrendGate = new();
    private (DateOnly Today, long ReadAt, Task<List<DayValue>> Values)? pastTrend;
    private Task? pastTrendRecount;

    // Dialect-specific (SqlDialect.InList): the ticker's kinds are a list parameter. Overdue is DeadlinePolicy's one
    // definition (DeadlinePolicy.OverdueSql over the stored governing due_at).
    // Open cases by level and volunteer hours come from the aggregates the write transaction keeps (decision 0160:
    // agg_case_counts, agg_activity_days, agg_activity_months); what moves with the clock (overdue, due soon,
    // resolved today, breaches today) is counted from the open cases or today's rows through their indexes. The
    // month's hours per compound subtract activities dated later this month (logged ahead; normally none).
    // The counters read each source once: the open cases by level in one pass over the open rows of agg_case_counts,
    // and the overdue count once for both counters that need it. Breaches today are the cases breached today or
    // overdue now, each once: the overdue count plus today's breached cases that are not overdue now (a UNION of the
    // two id sets sorted every open overdue case into a temporary b-tree on each read). On the city file this statement
    // took 6.1-6.5 ms before and 2.1 ms after (docs/benchmarks.md). In the NOT EXISTS, due_at is the case's: a column
    // resolves to the innermost table that has it.
    private static string Sql(SqlDialect d) =>
        $"""
        WITH open_levels AS (
            SELECT CAST(COALESCE(SUM(cases) FILTER (WHERE level = 'compound'), 0) AS BIGINT) AS compound,
                   CAST(COALESCE(SUM(cases) FILTER (WHERE level = 'community'), 0) AS BIGINT) AS community,
                   CAST(COALESCE(SUM(cases) FILTER (WHERE level = 'town'), 0) AS BIGINT) AS town
            FROM agg_case_counts WHERE status IN ('open', 'in_progress')),
        overdue AS (
            SELECT COUNT(*) AS n FROM cases {d.IndexedBy("ix_cases_open_due")} WHERE status IN ('open', 'in_progress') AND {DeadlinePolicy.OverdueSql})
        SELECT
            l.compound AS OpenCompound, l.community AS OpenCommunity, l.town AS OpenTown,
            o.n + (
                SELECT COUNT(DISTINCT b.case_id) FROM case_breaches b
                WHERE b.recorded_at >= @dayStart AND b.recorded_at < @dayEnd
                  AND NOT EXISTS (SELECT 1 FROM cases k WHERE k.id = b.case_id AND k.status IN ('open', 'in_progress') AND {DeadlinePolicy.OverdueSql})) AS BreachesToday,
            o.n AS OverdueNow,
            (SELECT COUNT(*) FROM cases WHERE resolved_at >= @dayStart AND resolved_at < @dayEnd) AS ResolvedToday,
            (SELECT COALESCE(SUM(hours), 0.0) FROM agg_activity_days WHERE day = @today) AS VolunteerHoursToday,
            (SELECT COALESCE(SUM(hours), 0.0) FROM agg_activity_days WHERE day >= @monthStart AND day <= @today) AS VolunteerHoursMonth,
            (SELECT COALESCE(MAX(id), 0) FROM change_log) AS LastChangeId
        FROM open_levels l CROSS JOIN overdue o;

        SELECT id, name FROM communities ORDER BY sort_order, id;

        SELECT c.id, c.community_id, c.name, g.has_own_branch, g.has_joint_branch, g.complete_grid,
               COALESCE(k.open_cases, 0) AS open_cases, COALESCE(k.open_at_compound, 0) AS open_at_compound,
               COALESCE(k.open_at_community, 0) AS open_at_community, COALESCE(k.open_at_town, 0) AS open_at_town,
               COALESCE(o.overdue, 0) AS overdue_cases, COALESCE(o.due_soon, 0) AS due_soon_cases,
               COALESCE(v.hours, 0.0) - COALESCE(f.hours, 0.0) AS volunteer_hours_month
        FROM compounds c
        JOIN communities m ON m.id = c.community_id
        JOIN compound_grid g ON g.compound_id = c.id
        LEFT JOIN (
            SELECT compound_id, CAST(SUM(cases) AS BIGINT) AS open_cases,
                   CAST(COALESCE(SUM(cases) FILTER (WHERE level = 'compound'), 0) AS BIGINT) AS open_at_compound,
                   CAST(COALESCE(SUM(cases) FILTER (WHERE level = 'community'), 0) AS BIGINT) AS open_at_community,
                   CAST(COALESCE(SUM(cases) FILTER (WHERE level = 'town'), 0) AS BIGINT) AS open_at_town
            FROM agg_case_counts WHERE status IN ('open', 'in_progress') GROUP BY compound_id) k ON k.compound_id = c.id
        LEFT JOIN (
            SELECT compound_id, COUNT(*) FILTER (WHERE {DeadlinePolicy.OverdueSql}) AS overdue,
                   COUNT(*) FILTER (WHERE NOT ({DeadlinePolicy.OverdueSql})) AS due_soon
            FROM cases {d.IndexedBy("ix_cases_open_compound")}
            WHERE status IN ('open', 'in_progress') AND due_at < @dueSoon GROUP BY compound_id) o ON o.compound_id = c.id
        LEFT JOIN agg_activity_months v ON v.month = @month AND v.compound_id = c.id
        LEFT JOIN (
            SELECT compound_id, SUM(hours * people) AS hours FROM volunteer_activities {d.IndexedBy("ix_volunteer_activities_hours")}
            WHERE occurred_on > @today AND occurred_on < @nextMonthStart GROUP BY compound_id) f ON f.compound_id = c.id
        ORDER BY m.sort_order, m.id, c.id;

        SELECT day AS Day, CAST(hours AS DOUBLE PRECISION) AS Value FROM agg_activity_days
        WHERE day >= @trendStart AND day <= @today ORDER BY day;

        SELECT l.id, l.at, l.kind, l.entity, l.entity_id, l.community_id, m.name AS community_name, l.summary
        FROM change_log l LEFT JOIN communities m ON m.id = l.community_id
        WHERE {d.InList("l.kind", "@tickerKinds")} ORDER BY l.id DESC LIMIT @tickerSize;
        """;

    // The statements over open cases and future activities name their index on SQLite (SqlDialect.IndexedBy): by the
    // statistics of the city-scale file its planner grouped by compound through the (compound_id, occurred_on) index
    // with a skip-scan, 9 ms for a range that is normally empty, sorted the open cases by compound (6 ms) instead of
    // reading them in compound order (ix_cases_open_compound, migration 0025), and once that index existed, scanned it
    // whole for the overdue cases (190 ms).

    public async Task<LiveScreenData> GetAsync(TimeSpan dueSoon, int tickerSize, CancellationToken cancellationToken = default)
    {
        var now = town.NowMs;
        var today = town.Today;
        var trendDays = Enumerable.Range(0, TrendDays).Select(i => today.AddDays(i - TrendDays + 1)).ToList();
        var args = new
        {
            now,
            dayStart = town.StartOfDayMs(today),
            dayEnd = town.StartOfDayMs(today.AddDays(1)),
            today = TownClock.Iso(today),
            monthStart = TownClock.Iso(new DateOnly(today.Year, today.Month, 1)),
            month = TownClock.Iso(today)[..7],
            nextMonthStart = TownClock.Iso(new DateOnly(today.Year, today.Month, 1).AddMonths(1)),
            trendStart = TownClock.Iso(trendDays[0]),
            dueSoon = now + (long)dueSoon.TotalMilliseconds,
            tickerKinds = TickerKinds,
            tickerSize,
        };

        await using var connection = await db.OpenAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(Sql(db.Dialect), args);
        var counters = await results.ReadSingleAsync<LiveCounters>();
        var communities = (await results.ReadAsync<CommunityRef>()).AsList();
        var compounds = (await results.ReadAsync<CompoundLayerData>()).AsList();
        var hoursByDay = (await results.ReadAsync<DayValue>()).ToDictionary(d => d.Day, d => d.Value);
        var ticker = (await results.ReadAsync<TickerEvent>()).AsList();

        // SQLite types each value, not the column: every double above is cast to DOUBLE PRECISION (REAL in SQLite) so Dapper maps it.
        // Days without activity have no row; the trend shows them as zero rather than skipping them.
        var hoursTrend = trendDays.Select(TownClock.Iso)
            .Select(day => new DayValue { Day = day, Value = hoursByDay.GetValueOrDefault(day) }).ToList();
        var past = await PastOpenTrendAsync(today, trendDays[..^1], now).WaitAsync(cancellationToken);
        List<DayValue> openTrend = [.. past, new DayValue { Day = TownClock.Iso(today), Value = counters.OpenTotal }];
        return new LiveScreenData(counters, communities, compounds, openTrend, hoursTrend, ticker);
    }

    /// <summary>The open-case counts at the end of each past trend day, shared by every screen and re-counted hourly
    /// or when the day changes. Not cancelled by one caller: other screens may be waiting on the same read.</summary>
    /// <remarks>
    /// When the hour is up, the last counts stay on the screens while the recount runs (4.4 s at city scale, which
    /// every screen's refresh used to wait for once an hour); a new day has no last counts and waits for its own.
    /// </remarks>
    private Task<List<DayValue>> PastOpenTrendAsync(DateOnly today, List<DateOnly> pastDays, long now)
    {
        lock (pastTrendGate)
        {
            if (pastTrend is { } cached && cached.Today == today && !cached.Values.IsFaulted && !cached.Values.IsCanceled)
            {
                if (now - cached.ReadAt < PastTrendRefresh.TotalMilliseconds)
                {
                    return cached.Values;
                }

                if (cached.Values.IsCompletedSuccessfully)
                {
                    pastTrendRecount ??= Task.Run(() => RecountPastOpenTrendAsync(today, pastDays, now));
                    return cached.Values;
                }
            }

            var read = ReadPastOpenTrendAsync(pastDays);
            pastTrend = (today, now, read);
            return read;
        }
    }

    /// <summary>Recounts in the background and puts the new counts in place when they are in (a failed recount
    /// leaves the last counts, and the next read tries again).</summary>
    private async Task RecountPastOpenTrendAsync(DateOnly today, List<DateOnly> pastDays, long now)
    {
        List<DayValue>? values = null;
        try
        {
            values = await ReadPastOpenTrendAsync(pastDays);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException)
        {
            // The screens keep the last counts; the next read starts another recount.
        }
        finally
        {
            lock (pastTrendGate)
            {
                pastTrendRecount = null;
                if (values is not null && pastTrend is { } cached && cached.Today == today)
                {
                    pastTrend = (today, now, Task.FromResult(values));
                }
            }
        }
    }

    private async Task<List<DayValue>> ReadPastOpenTrendAsync(List<DateOnly> pastDays)
    {
        var ends = pastDays.Select(d => new { d = TownClock.Iso(d), e = town.StartOfDayMs(d.AddDays(1)) }).ToList();
        await using var connection = await db.OpenAsync();
        var rows = await connection.QueryAsync<DayValue>(PastOpenTrendSql(db.Dialect), new
        {
            days = JsonSerializer.Serialize(ends),
            firstEnd = ends[0].e,
            lastEnd = ends[^1].e,
        });
        return rows.AsList();
    }
}
