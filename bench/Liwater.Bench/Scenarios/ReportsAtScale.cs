using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Dapper;
using Liwater.Bench.Harness;
using Liwater.Data.Cases;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Liwater.Data.Reports;

namespace Liwater.Bench.Scenarios;

/// <summary>
/// Scenario 7, at city scale: the monthly town report (PeriodReportQueries.GetAsync for last month, in this process
/// through Liwater.Data on a copy of the database; goal ≤ 2 s), then a background case export of about 100,000 rows
/// by the real app (POST /reports/exports, polled to the end) with the app's resident-set growth sampled every
/// 100 ms (goal ≤ 100 MB).
/// </summary>
internal static class ReportsAtScale
{
    private const int ExportTarget = 100_000;

    public static async Task RunAsync(Paths paths, Report report)
    {
        var copy = Path.Combine(paths.Out, "runs", "reports.db");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        AppProcess.CopyDatabase(paths.CityDb, copy);
        var db = new Db(new DatabaseOptions { Path = copy }, NoChangeSignal.Instance, TimeProvider.System);
        SchemaMigrator.Migrate(db);
        var town = new TownClock(TimeProvider.System, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        var caseOptions = new CaseOptions();
        var reports = new PeriodReportQueries(db, town, new DeadlinePolicy(caseOptions.Deadlines), caseOptions, new ReportOptions());
        var lastMonth = ReportPeriod.MonthBefore(town.Today);

        var first = await Stats.TimeAsync(1, () => reports.GetAsync(lastMonth));
        var monthly = await Stats.TimeAsync(5, () => reports.GetAsync(lastMonth));
        var figures = await reports.GetAsync(lastMonth);
        report.Note($"city monthly report {lastMonth.Code}: {figures.Total.Totals.Opened:N0} opened, {figures.Total.Sla.Sum(s => s.Due):N0} deadline marks");
        report.Add("7 reports", $"city: monthly town report {lastMonth.Code}, first read", Stats.Summary(first));
        report.Add("7 reports", "city: monthly town report PeriodReportQueries.GetAsync (town + 6 communities)", Stats.Summary(monthly), "≤ 2 s", monthly.Max() <= 2000);
        var quarter = ReportPeriod.Quarter(town.Today.Year, ((town.Today.Month - 1) / 3) + 1);
        report.Add("7 reports", $"city: quarterly town report {quarter.Code} (to date)", Stats.Summary(await Stats.TimeAsync(3, () => reports.GetAsync(quarter))));

        // The filter of the case list (status, category, level, community, or two of them) whose cases come closest to
        // 100,000 rows: at city scale one community's cases of one status are only ~10,000.
        var choice = await db.ReadAsync(c => c.QueryFirstAsync<ExportChoice>(
            """
            SELECT * FROM (
                SELECT NULL AS CommunityId, status AS Status, NULL AS Level, NULL AS Category, COUNT(*) AS Total FROM cases GROUP BY status
                UNION ALL SELECT NULL, NULL, NULL, category, COUNT(*) FROM cases GROUP BY category
                UNION ALL SELECT NULL, NULL, level, NULL, COUNT(*) FROM cases GROUP BY level
                UNION ALL SELECT NULL, status, NULL, category, COUNT(*) FROM cases GROUP BY status, category
                UNION ALL SELECT NULL, status, level, NULL, COUNT(*) FROM cases GROUP BY status, level
                UNION ALL SELECT community_id, NULL, NULL, NULL, COUNT(*) FROM cases GROUP BY community_id
                UNION ALL SELECT community_id, status, NULL, NULL, COUNT(*) FROM cases GROUP BY community_id, status)
            ORDER BY ABS(Total - @target) LIMIT 1
            """,
            new { target = ExportTarget }));
        var rows = choice.Total;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        await using var app = await AppProcess.StartAsync(paths, "reports-app", copy, jobs: false);
        using var client = await AppClient.SignInAsync(app.BaseAddress, "admin", AppProcess.AdminPassword);
        GC.Collect();
        await Task.Delay(2000);
        var baseline = app.ResidentBytes();
        var watch = Stopwatch.StartNew();
        var form = new Dictionary<string, string>();
        AddIf(form, "CommunityId", choice.CommunityId?.ToString(CultureInfo.InvariantCulture));
        AddIf(form, "Status", choice.Status);
        AddIf(form, "Level", choice.Level);
        AddIf(form, "Category", choice.Category);
        var start = await client.PostFormAsync("/reports/exports", form);
        var started = await start.Content.ReadFromJsonAsync<Started>() ?? throw new InvalidOperationException("No export id.");
        var peak = baseline;
        Progress? progress = null;
        while (progress is not { State: "Done" or "Failed" })
        {
            await Task.Delay(100);
            peak = Math.Max(peak, app.ResidentBytes());
            progress = await client.Http.GetFromJsonAsync<Progress>($"/reports/exports/{started.Id}/status");
        }

        watch.Stop();
        using var file = await client.Http.GetAsync($"/reports/exports/{started.Id}");
        var bytes = (await file.Content.ReadAsByteArrayAsync()).LongLength;
        var growthMb = (peak - baseline) / 1048576.0;
        report.Add("7 reports", $"city: background export of {rows:N0} cases to .xlsx ({progress.State}, {bytes / 1048576.0:F1} MB file)", $"{watch.Elapsed.TotalSeconds:F1} s");
        report.Add("7 reports", "city: app resident-set growth during that export (peak − before)", $"{growthMb:F1} MB", "≤ 100 MB", progress.State == "Done" && growthMb <= 100);
    }

    private static void AddIf(Dictionary<string, string> form, string key, string? value)
    {
        if (value is not null)
        {
            form[key] = value;
        }
    }

    private sealed class ExportChoice
    {
        public long? CommunityId { get; init; }

        public string? Status { get; init; }

        public string? Level { get; init; }

        public string? Category { get; init; }

        public long Total { get; init; }
    }

    private sealed record Started(Guid Id, int Total);

    private sealed record Progress(string State, long Written, long Total);
}
