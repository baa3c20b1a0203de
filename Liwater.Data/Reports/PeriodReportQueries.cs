using Dapper;
using Liwater.Data.Cases;
using Liwater.Data.Database;

namespace Liwater.Data.Reports;

/// <summary>
/// The period report and the service record, counted from rows in one round trip: cases by the instants on their
/// row (opened_at, resolved_at — the wall's "resolved today" counts the same column — closed_at), the timeline
/// events of the window, the recorded breaches, volunteer activities by local date and council motions. SLA
/// outcomes come from <see cref="SlaOutcomes"/> over <see cref="DeadlinePolicy"/>, the one definition of the clocks.
/// </summary>
public sealed class PeriodReportQueries(Db db, TownClock town, DeadlinePolicy policy, CaseOptions caseOptions, ReportOptions options)
{
    // Dialect-specific (SqlDialect.InList): the event kinds are a list parameter.
    private static string Sql(SqlDialect d) =>
        $"""
        SELECT c.id, c.community_id, c.compound_id, c.category,
               -- The level a case was opened at: where its first move started from, or where it still is.
               CASE WHEN c.opened_at >= @fromMs THEN COALESCE(
                   (SELECT e.from_level FROM case_events e WHERE e.case_id = c.id AND e.kind IN ('escalated', 'returned') ORDER BY e.id LIMIT 1),
                   c.level) END AS opened_level,
               c.level, c.status, c.opened_at, c.level_entered_at, c.replied_at, c.action_at, c.result_at,
               c.resolved_at, c.closed_at, c.assigned_due_at
        FROM cases c
        WHERE c.id IN (
                SELECT id FROM cases WHERE opened_at >= @openedFrom AND opened_at < @toMs
                UNION SELECT id FROM cases WHERE level_entered_at >= @levelFrom AND level_entered_at < @toMs
                UNION SELECT id FROM cases WHERE resolved_at >= @fromMs AND resolved_at < @toMs
                UNION SELECT id FROM cases WHERE closed_at >= @fromMs AND closed_at < @toMs
                UNION SELECT id FROM cases WHERE assigned_due_at >= @fromMs AND assigned_due_at < @toMs)
          AND (@communityId IS NULL OR c.community_id = @communityId)
          AND (@compoundId IS NULL OR c.compound_id = @compoundId);

        SELECT b.case_id, b.mark, b.level, b.due_at, c.compound_id
        FROM case_breaches b JOIN cases c ON c.id = b.case_id
        WHERE b.due_at >= @fromMs AND b.due_at < @toMs
          AND (@communityId IS NULL OR c.community_id = @communityId)
          AND (@compoundId IS NULL OR c.compound_id = @compoundId);

        SELECT c.compound_id, e.kind, COUNT(*) AS events,
               COUNT(DISTINCT CASE WHEN e.kind = 'escalated' AND e.from_level = 'compound' THEN e.case_id END) AS past_compound
        FROM case_events e JOIN cases c ON c.id = e.case_id
        WHERE {d.InList("e.kind", "@kinds")} AND e.at >= @fromMs AND e.at < @toMs
          AND (@communityId IS NULL OR c.community_id = @communityId)
          AND (@compoundId IS NULL OR c.compound_id = @compoundId)
        GROUP BY c.compound_id, e.kind;

        SELECT a.compound_id, CAST(SUM(a.hours * a.people) AS DOUBLE PRECISION) AS hours, COUNT(*) AS activities
        FROM volunteer_activities a JOIN compounds p ON p.id = a.compound_id
        WHERE a.occurred_on >= @firstDay AND a.occurred_on <= @lastDay
          AND (@communityId IS NULL OR p.community_id = @communityId)
          AND (@compoundId IS NULL OR a.compound_id = @compoundId)
        GROUP BY a.compound_id;

        SELECT k.compound_id, 'raised' AS result, COUNT(*) AS motions
        FROM motions o JOIN council_meetings g ON g.id = o.council_meeting_id JOIN councils k ON k.id = g.council_id
        JOIN compounds p ON p.id = k.compound_id
        WHERE g.held_on >= @firstDay AND g.held_on <= @lastDay
          AND (@communityId IS NULL OR p.community_id = @communityId)
          AND (@compoundId IS NULL OR k.compound_id = @compoundId)
        GROUP BY k.compound_id
        UNION ALL
        SELECT k.compound_id, o.result, COUNT(*)
        FROM motions o JOIN council_meetings g ON g.id = o.council_meeting_id JOIN councils k ON k.id = g.council_id
        JOIN compounds p ON p.id = k.compound_id
        WHERE o.status = 'closed' AND o.closed_at >= @fromMs AND o.closed_at < @toMs
          AND (@communityId IS NULL OR p.community_id = @communityId)
          AND (@compoundId IS NULL OR k.compound_id = @compoundId)
        GROUP BY k.compound_id, o.result;

        SELECT p.id, p.community_id, p.name FROM compounds p
        WHERE (@communityId IS NULL OR p.community_id = @communityId) AND (@compoundId IS NULL OR p.id = @compoundId);

        SELECT id, name, name_en FROM communities
        WHERE @communityId IS NULL OR id = @communityId ORDER BY sort_order, id;
        """;

    /// <summary>
    /// The report of <paramref name="period"/> for the town (or one community) with a part per community. A current
    /// period is counted to now; a future one has an empty window (pages say so before asking).
    /// </summary>
    public async Task<PeriodReport> GetAsync(ReportPeriod period, long? communityId = null, CancellationToken cancellationToken = default)
    {
        var facts = await LoadAsync(period, communityId, null, cancellationToken);
        var byCommunity = facts.Communities.Select(m =>
        {
            var merged = new PeriodFacts();
            foreach (var compound in facts.Compounds.Where(p => p.CommunityId == m.Id))
            {
                merged.Merge(facts.ByCompound.GetValueOrDefault(compound.Id) ?? new PeriodFacts());
            }

            return (m, merged);
        }).ToList();
        var total = new PeriodFacts();
        foreach (var (_, merged) in byCommunity)
        {
            total.Merge(merged);
        }

        var categories = caseOptions.EffectiveCategories.Select(c => c.Code).ToList();
        var totalName = communityId is null ? "" : byCommunity.FirstOrDefault().m?.Name ?? "";
        return new PeriodReport(
            period, facts.FromMs, facts.ToMs, facts.LastDay, facts.ToDate, town.NowMs,
            total.ToReport(totalName, communityId, null, categories),
            byCommunity.Select(x => x.merged.ToReport(x.m.Name, x.m.Id, null, categories)).ToList());
    }

    /// <summary>The figures of each compound in the period (the service record of the units assessed there).</summary>
    public async Task<IReadOnlyDictionary<long, ScopeReport>> ByCompoundAsync(ReportPeriod period, long? compoundId = null, CancellationToken cancellationToken = default)
    {
        var facts = await LoadAsync(period, null, compoundId, cancellationToken);
        var categories = caseOptions.EffectiveCategories.Select(c => c.Code).ToList();
        return facts.Compounds.ToDictionary(
            p => p.Id,
            p => (facts.ByCompound.GetValueOrDefault(p.Id) ?? new PeriodFacts()).ToReport(p.Name, p.CommunityId, p.Id, categories));
    }

    private async Task<LoadedFacts> LoadAsync(ReportPeriod period, long? communityId, long? compoundId, CancellationToken cancellationToken)
    {
        var now = town.NowMs;
        var today = town.Today;
        var fromMs = town.StartOfDayMs(period.First);
        // A current period is counted to now and to today's date (as the wall counts); marks not yet due are open.
        var toMs = Math.Max(fromMs, Math.Min(town.StartOfDayMs(period.Last.AddDays(1)), now));
        var lastDay = period.Last < today ? period.Last : today;
        var limits = policy.Options;
        var longestMinutes = Math.Max(limits.ReplyMinutes, Math.Max(limits.ActionMinutes, limits.ResultMinutes));
        var longestLevel = CaseLevels.All.Max(policy.LevelLimitMs);
        var satisfied = options.EffectiveSatisfiedKinds.ToHashSet(StringComparer.Ordinal);
        var unsatisfied = options.EffectiveUnsatisfiedKinds.ToHashSet(StringComparer.Ordinal);
        var reopen = options.EffectiveReopenKinds.ToHashSet(StringComparer.Ordinal);
        string[] kinds = ["escalated", "returned", "consultation", "resolved", .. satisfied, .. unsatisfied, .. reopen];

        await using var connection = await db.OpenAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(Sql(db.Dialect), new
        {
            fromMs,
            toMs,
            openedFrom = fromMs - (long)(longestMinutes * 60_000),
            levelFrom = fromMs - longestLevel,
            firstDay = TownClock.Iso(period.First),
            lastDay = TownClock.Iso(lastDay),
            kinds = kinds.Distinct(StringComparer.Ordinal).ToArray(),
            communityId,
            compoundId,
        });
        var cases = (await results.ReadAsync<CaseFact>()).AsList();
        var breaches = (await results.ReadAsync<BreachRow>()).AsList();
        var events = (await results.ReadAsync<EventCount>()).AsList();
        var volunteers = (await results.ReadAsync<VolunteerSum>()).AsList();
        var motions = (await results.ReadAsync<MotionCount>()).AsList();
        var compounds = (await results.ReadAsync<CompoundOf>()).AsList();
        var communities = (await results.ReadAsync<CommunityName>()).AsList();

        var byCompound = new Dictionary<long, PeriodFacts>();
        PeriodFacts Of(long compound) => byCompound.TryGetValue(compound, out var f) ? f : byCompound[compound] = new PeriodFacts();

        bool In(long? at) => at >= fromMs && at < toMs;
        foreach (var c in cases)
        {
            var facts = Of(c.CompoundId);
            if (In(c.OpenedAt))
            {
                facts.Count(c.Category, c.OpenedLevel ?? c.Level, PeriodFacts.Opened);
                if (c.RepliedAt is { } replied)
                {
                    facts.ReplyMs.Add(replied - c.OpenedAt);
                }

                if (c.ResultAt is { } result)
                {
                    facts.ResultMs.Add(result - c.OpenedAt);
                }
            }

            if (In(c.ResolvedAt))
            {
                facts.Count(c.Category, c.Level, PeriodFacts.Resolved);
            }

            if (In(c.ClosedAt) && c.Status == CaseStatuses.Closed)
            {
                facts.Count(c.Category, c.Level, PeriodFacts.Closed);
            }

            if (In(c.ClosedAt) && c.Status == CaseStatuses.Cancelled)
            {
                facts.Count(c.Category, c.Level, PeriodFacts.Cancelled);
            }
        }

        var compoundOfCase = cases.ToDictionary(c => c.Id, c => c.CompoundId);
        foreach (var b in breaches)
        {
            compoundOfCase.TryAdd(b.CaseId, b.CompoundId);
        }

        var outcomes = SlaOutcomes.Evaluate(
            policy,
            cases.Select(c => c.ToCaseRow()),
            breaches.Select(b => new BreachFact(b.CaseId, b.Mark, b.Level, b.DueAt)),
            fromMs,
            toMs);
        foreach (var outcome in outcomes)
        {
            Of(compoundOfCase[outcome.CaseId]).CountMark(outcome.Mark, outcome.Level, outcome.Breached);
        }

        foreach (var e in events)
        {
            var facts = Of(e.CompoundId);
            switch (e.Kind)
            {
                case "escalated":
                    facts.EscalationsUp += e.Events;
                    facts.EscalatedPastCompound += e.PastCompound;
                    break;
                case "returned":
                    facts.ReturnsDown += e.Events;
                    break;
                case "consultation":
                    facts.ConsultationRounds += e.Events;
                    break;
                case "resolved":
                    facts.ResolvedEvents += e.Events;
                    break;
            }

            // A kind may be in more than one list (by default "not satisfied" both is a confirmation and reopens).
            facts.Satisfied += satisfied.Contains(e.Kind) ? e.Events : 0;
            facts.Unsatisfied += unsatisfied.Contains(e.Kind) ? e.Events : 0;
            facts.Reopened += reopen.Contains(e.Kind) ? e.Events : 0;
        }

        foreach (var v in volunteers)
        {
            Of(v.CompoundId).VolunteerHours += v.Hours;
            Of(v.CompoundId).VolunteerActivities += v.Activities;
        }

        foreach (var m in motions)
        {
            var facts = Of(m.CompoundId);
            _ = m.Result switch
            {
                "raised" => facts.MotionsRaised += m.Motions,
                "passed" => facts.MotionsPassed += m.Motions,
                "rejected" => facts.MotionsRejected += m.Motions,
                _ => facts.MotionsNoQuorum += m.Motions,
            };
        }

        var english = System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);
        return new LoadedFacts(
            fromMs, toMs, lastDay, period.IsCurrent(today), byCompound, compounds,
            communities.Select(c => new CommunityRef(c.Id, english ? c.NameEn : c.Name)).ToList());
    }

    private sealed record LoadedFacts(
        long FromMs, long ToMs, DateOnly LastDay, bool ToDate, Dictionary<long, PeriodFacts> ByCompound,
        IReadOnlyList<CompoundOf> Compounds, IReadOnlyList<CommunityRef> Communities);

    private sealed record CommunityRef(long Id, string Name);

    private sealed record CaseFact
    {
        public long Id { get; init; }
        public long CommunityId { get; init; }
        public long CompoundId { get; init; }
        public string Category { get; init; } = "";
        public string? OpenedLevel { get; init; }
        public string Level { get; init; } = "";
        public string Status { get; init; } = "";
        public long OpenedAt { get; init; }
        public long LevelEnteredAt { get; init; }
        public long? RepliedAt { get; init; }
        public long? ActionAt { get; init; }
        public long? ResultAt { get; init; }
        public long? ResolvedAt { get; init; }
        public long? ClosedAt { get; init; }
        public long? AssignedDueAt { get; init; }

        public CaseRow ToCaseRow() => new()
        {
            Id = Id, CommunityId = CommunityId, CompoundId = CompoundId, Category = Category, Level = Level, Status = Status,
            OpenedAt = OpenedAt, LevelEnteredAt = LevelEnteredAt, RepliedAt = RepliedAt, ActionAt = ActionAt, ResultAt = ResultAt,
            ResolvedAt = ResolvedAt, ClosedAt = ClosedAt, AssignedDueAt = AssignedDueAt,
        };
    }

    private sealed record BreachRow
    {
        public long CaseId { get; init; }
        public string Mark { get; init; } = "";
        public string Level { get; init; } = "";
        public long DueAt { get; init; }
        public long CompoundId { get; init; }
    }

    private sealed record EventCount
    {
        public long CompoundId { get; init; }
        public string Kind { get; init; } = "";
        public long Events { get; init; }
        public long PastCompound { get; init; }
    }

    private sealed record VolunteerSum
    {
        public long CompoundId { get; init; }
        public double Hours { get; init; }
        public long Activities { get; init; }
    }

    private sealed record MotionCount
    {
        public long CompoundId { get; init; }
        public string? Result { get; init; }
        public long Motions { get; init; }
    }

    /// <summary>A compound and its community.</summary>
    public sealed record CompoundOf
    {
        public long Id { get; init; }
        public long CommunityId { get; init; }
        public string Name { get; init; } = "";
    }

    private sealed record CommunityName
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string NameEn { get; init; } = "";
    }
}
