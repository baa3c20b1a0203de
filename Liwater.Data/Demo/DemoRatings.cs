using Dapper;

namespace Liwater.Data.Demo;

/// <summary>
/// Property companies, the 39 assessment units of the published 2021 table, and assumed scores for them. The scores
/// are not in the source: they are chosen to reproduce its 9 / 16 / 10 / 4 split under the default thresholds. The
/// 2021 periods are published.
/// </summary>
internal static class DemoRatings
{
    public const string Assessor = "城治办/房管所/行业协会专家组（演示）";

    public const string Publisher = "城治办（演示）";

    /// <summary>Year-end score bands by published position: rows 1–9, 10–25, 26–35 and 36–39 of the table.</summary>
    private static readonly (int LastSeq, double Low, double High)[] Bands =
        [(9, 86, 95), (25, 75.5, 84.5), (35, 65.5, 74.5), (39, 60.5, 64.5)];

    public static void Load(DemoModel model, Random random)
    {
        var units = InsertUnits(model);
        var yearScores = YearScores(random, units.Count);
        using var score = model.Insert(
            """
            INSERT INTO assessment_scores (unit_id, year, quarter, total, assessor, comments, recorded_at, is_assumption)
            VALUES (@unitId, 2021, @quarter, @total, @assessor, @comments, @recordedAt, 1)
            """,
            "@unitId", "@quarter", "@total", "@assessor", "@comments", "@recordedAt");
        for (var i = 0; i < units.Count; i++)
        {
            var unitId = units[i];
            var year = yearScores[i];
            for (var quarter = 1; quarter <= 4; quarter++)
            {
                var total = Math.Clamp(Math.Round(year + ((random.NextDouble() * 8) - 4), 1), 0, 100);
                var recorded = model.Time.Ms(new DateOnly(2021, quarter * 3, 1).AddMonths(1).AddDays(9), 10);
                score.Run(unitId, quarter, total, Assessor, $"2021年第{quarter}季度考核（演示分数）", recorded);
            }

            score.Run(unitId, 0, year, Assessor, "2021年度考核（演示分数）", model.Time.Ms(new DateOnly(2022, 1, 10), 10));
        }

        // The town published the 2021 table (the source), so the demo's 2021 periods are published, not drafts.
        using var period = model.Insert(
            "INSERT INTO assessment_periods (year, quarter, state, changed_at, changed_by) VALUES (2021, @quarter, 'published', @at, @by)",
            "@quarter", "@at", "@by");
        for (var quarter = 0; quarter <= 4; quarter++)
        {
            period.Run(quarter, model.Time.Ms(new DateOnly(2022, 1, 20), 10), Publisher);
        }
    }

    /// <summary>Inserts companies and units; returns unit ids in published order.</summary>
    private static List<long> InsertUnits(DemoModel model)
    {
        var published = model.Compounds.Where(c => c.Row.PublishedSeq is not null).OrderBy(c => c.Row.PublishedSeq).ToList();

        // Companies do not hang off communities, so some may exist already: keep those rows and reuse their ids.
        var companyIds = new Dictionary<string, long>();
        foreach (var name in published.Select(c => c.Row.Company!).Distinct())
        {
            model.Connection.Execute(
                "INSERT INTO property_companies (name) VALUES (@name) ON CONFLICT (name) DO NOTHING",
                new { name },
                model.Transaction);
            companyIds[name] = model.Connection.ExecuteScalar<long>(
                "SELECT id FROM property_companies WHERE name = @name", new { name }, model.Transaction);
        }

        using var unit = model.Insert(
            "INSERT INTO assessment_units (id, compound_id, company_id, published_seq) VALUES (@id, @compoundId, @companyId, @seq)",
            "@id", "@compoundId", "@companyId", "@seq");
        var ids = new List<long>();
        foreach (var compound in published)
        {
            var id = ids.Count + 1L;
            unit.Run(id, compound.Id, companyIds[compound.Row.Company!], compound.Row.PublishedSeq);
            ids.Add(id);
        }

        return ids;
    }

    /// <summary>Distinct one-decimal scores inside each band, strictly decreasing with the published position.</summary>
    private static List<double> YearScores(Random random, int count)
    {
        var scores = new List<double>();
        var firstSeq = 1;
        foreach (var (lastSeq, low, high) in Bands)
        {
            var needed = Math.Min(lastSeq, count) - firstSeq + 1;
            var band = new HashSet<double>();
            while (band.Count < needed)
            {
                band.Add(Math.Round(low + (random.NextDouble() * (high - low)), 1));
            }

            scores.AddRange(band.OrderByDescending(s => s));
            firstSeq = lastSeq + 1;
        }

        return scores;
    }
}
