using Liwater.Data.Cases;

namespace Liwater.Data.Reports;

/// <summary>
/// The raw tallies of one compound in one period, merged upward into a community and the town. Durations are kept
/// as samples so that medians and percentiles of a merged scope are exact, not averages of averages.
/// </summary>
internal sealed class PeriodFacts
{
    public Dictionary<string, long[]> ByCategory { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, long[]> ByLevel { get; } = new(StringComparer.Ordinal);
    public Dictionary<(string Mark, string Level), long[]> Sla { get; } = [];
    public List<long> ReplyMs { get; } = [];
    public List<long> ResultMs { get; } = [];
    public long EscalationsUp { get; set; }
    public long ReturnsDown { get; set; }
    public long EscalatedPastCompound { get; set; }
    public long ConsultationRounds { get; set; }
    public long Satisfied { get; set; }
    public long Unsatisfied { get; set; }
    public long Reopened { get; set; }
    public long ResolvedEvents { get; set; }
    public double VolunteerHours { get; set; }
    public long VolunteerActivities { get; set; }
    public long MotionsRaised { get; set; }
    public long MotionsPassed { get; set; }
    public long MotionsRejected { get; set; }
    public long MotionsNoQuorum { get; set; }

    // Slots of the count arrays.
    public const int Opened = 0;
    public const int Resolved = 1;
    public const int Closed = 2;
    public const int Cancelled = 3;

    public void Count(string category, string level, int slot)
    {
        Slot(ByCategory, category)[slot]++;
        Slot(ByLevel, level)[slot]++;
    }

    public void CountMark(string mark, string level, bool breached)
    {
        if (!Sla.TryGetValue((mark, level), out var figure))
        {
            Sla[(mark, level)] = figure = new long[2];
        }

        figure[0]++;
        figure[1] += breached ? 1 : 0;
    }

    public void Merge(PeriodFacts other)
    {
        foreach (var (key, counts) in other.ByCategory)
        {
            Add(Slot(ByCategory, key), counts);
        }

        foreach (var (key, counts) in other.ByLevel)
        {
            Add(Slot(ByLevel, key), counts);
        }

        foreach (var (key, figure) in other.Sla)
        {
            if (!Sla.TryGetValue(key, out var mine))
            {
                Sla[key] = mine = new long[2];
            }

            Add(mine, figure);
        }

        ReplyMs.AddRange(other.ReplyMs);
        ResultMs.AddRange(other.ResultMs);
        EscalationsUp += other.EscalationsUp;
        ReturnsDown += other.ReturnsDown;
        EscalatedPastCompound += other.EscalatedPastCompound;
        ConsultationRounds += other.ConsultationRounds;
        Satisfied += other.Satisfied;
        Unsatisfied += other.Unsatisfied;
        Reopened += other.Reopened;
        ResolvedEvents += other.ResolvedEvents;
        VolunteerHours += other.VolunteerHours;
        VolunteerActivities += other.VolunteerActivities;
        MotionsRaised += other.MotionsRaised;
        MotionsPassed += other.MotionsPassed;
        MotionsRejected += other.MotionsRejected;
        MotionsNoQuorum += other.MotionsNoQuorum;
    }

    public ScopeReport ToReport(string name, long? communityId, long? compoundId, IEnumerable<string> categoryOrder)
    {
        var order = categoryOrder.ToList();
        var categories = ByCategory.Keys.OrderBy(k => order.IndexOf(k) is var i and >= 0 ? i : int.MaxValue).ThenBy(k => k, StringComparer.Ordinal);
        var markOrder = new[] { DeadlinePolicy.Reply, DeadlinePolicy.Action, DeadlinePolicy.Result, DeadlinePolicy.LevelMark, DeadlinePolicy.AssignedMark };
        return new ScopeReport
        {
            Name = name,
            CommunityId = communityId,
            CompoundId = compoundId,
            Totals = Counts(ByLevel.Values.Aggregate(new long[4], (sum, c) => Add(sum, c))),
            ByCategory = categories.Select(k => new KeyedCounts(k, Counts(ByCategory[k]))).ToList(),
            ByLevel = CaseLevels.All.Where(ByLevel.ContainsKey).Select(k => new KeyedCounts(k, Counts(ByLevel[k]))).ToList(),
            Sla = Sla.OrderBy(s => Array.IndexOf(markOrder, s.Key.Mark) is var i and >= 0 ? i : int.MaxValue)
                .ThenBy(s => Array.IndexOf(CaseLevels.All, s.Key.Level))
                .Select(s => new SlaFigure(s.Key.Mark, s.Key.Level, s.Value[0], s.Value[1])).ToList(),
            TimeToReply = Distribution(ReplyMs),
            TimeToResult = Distribution(ResultMs),
            EscalationsUp = EscalationsUp,
            ReturnsDown = ReturnsDown,
            EscalatedPastCompound = EscalatedPastCompound,
            ConsultationRounds = ConsultationRounds,
            Satisfaction = new PartOf(Satisfied, Satisfied + Unsatisfied),
            Reopen = new PartOf(Reopened, ResolvedEvents),
            VolunteerHours = VolunteerHours,
            VolunteerActivities = VolunteerActivities,
            Motions = new MotionCounts(MotionsRaised, MotionsPassed, MotionsRejected, MotionsNoQuorum),
        };
    }

    /// <summary>Median and 90th percentile by nearest rank (the value below which that share of samples lies).</summary>
    public static DurationFigure Distribution(List<long> samples)
    {
        if (samples.Count == 0)
        {
            return DurationFigure.None;
        }

        samples.Sort();
        return new DurationFigure(samples.Count, NearestRank(samples, 0.5), NearestRank(samples, 0.9));
    }

    private static long NearestRank(List<long> sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static CaseCounts Counts(long[] c) => new(c[Opened], c[Resolved], c[Closed], c[Cancelled]);

    private static long[] Slot(Dictionary<string, long[]> map, string key)
    {
        if (!map.TryGetValue(key, out var counts))
        {
            map[key] = counts = new long[4];
        }

        return counts;
    }

    private static long[] Add(long[] into, long[] from)
    {
        for (var i = 0; i < into.Length; i++)
        {
            into[i] += from[i];
        }

        return into;
    }
}
