using Dapper;
using Liwater.Dashboard.Tests.Shared;

namespace Liwater.Dashboard.Tests.Data.Reports;

/// <summary>Hand-built rows for the report tests: a small territory and cases written column by column.</summary>
internal static class ReportTestData
{
    public static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>A local instant in Lishui (UTC+8) as unix milliseconds.</summary>
    public static long Local(int month, int day, int hour, int minute = 0, int year = 2026) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUnixTimeMilliseconds();

    public static long Minutes(double m) => (long)(m * 60_000);

    /// <summary>Communities 1 金溪 (compounds 1 甲, 2 乙) and 2 海南洲 (compound 3 丙, with a council).</summary>
    public static Task SeedTerritoryAsync(TempDatabase temp) =>
        ExecAsync(temp,
            """
            INSERT INTO communities (id, code, name, name_en, sort_order) VALUES (1, 'jx', '金溪社区', 'Jinxi', 1), (2, 'hn', '海南洲社区', 'Hainanzhou', 2);
            INSERT INTO compounds (id, community_id, name) VALUES (1, 1, '甲小区'), (2, 1, '乙小区'), (3, 2, '丙小区');
            INSERT INTO councils (id, compound_id, name) VALUES (1, 3, '丙小区议事会');
            INSERT INTO property_companies (id, name) VALUES (1, '甲物业'), (2, '乙物业');
            INSERT INTO assessment_units (id, compound_id, company_id) VALUES (1, 1, 1), (2, 2, 2), (3, 3, 2);
            """);

    public static Task<long> CaseAsync(
        TempDatabase temp, long compoundId, string category, string level, string status, long openedAt,
        long? levelEnteredAt = null, long? repliedAt = null, long? actionAt = null, long? resultAt = null,
        long? resolvedAt = null, long? closedAt = null, string? phone = null, string title = "诉求") =>
        temp.Db.WriteAsync((c, t) => c.ExecuteScalarAsync<long>(
            """
            INSERT INTO cases (code, community_id, compound_id, category, title, description, source_channel, reporter_name,
                               reporter_phone, level, status, opened_at, level_entered_at, replied_at, action_at, result_at,
                               resolved_at, closed_at, updated_at)
            SELECT @code, community_id, id, @category, @title, 'd', 'hotline', '王女士', @phone, @level, @status, @openedAt,
                   @levelEnteredAt, @repliedAt, @actionAt, @resultAt, @resolvedAt, @closedAt, @openedAt
            FROM compounds WHERE id = @compoundId
            RETURNING id
            """,
            new
            {
                code = "LS-T-" + Guid.NewGuid().ToString("N")[..8], compoundId, category, title, phone, level, status, openedAt,
                levelEnteredAt = levelEnteredAt ?? openedAt, repliedAt, actionAt, resultAt, resolvedAt, closedAt,
            },
            t));

    public static Task EventAsync(TempDatabase temp, long caseId, string kind, long at, string? from = null, string? to = null) =>
        ExecAsync(temp, "INSERT INTO case_events (case_id, kind, at, actor, from_level, to_level) VALUES (@caseId, @kind, @at, 'test', @from, @to)",
            new { caseId, kind, at, from, to });

    public static Task BreachAsync(TempDatabase temp, long caseId, string mark, string level, long dueAt) =>
        ExecAsync(temp, "INSERT INTO case_breaches (case_id, mark, level, due_at, recorded_at) VALUES (@caseId, @mark, @level, @dueAt, @dueAt + 60000)",
            new { caseId, mark, level, dueAt });

    public static Task ActivityAsync(TempDatabase temp, long compoundId, string day, double hours, int people) =>
        ExecAsync(temp,
            "INSERT INTO volunteer_activities (compound_id, occurred_on, hours, people, kind, title, created_at) VALUES (@compoundId, @day, @hours, @people, 'service', 'x', 0)",
            new { compoundId, day, hours, people });

    public static Task<int> ExecAsync(TempDatabase temp, string sql, object? args = null) =>
        temp.Db.WriteAsync((c, t) => c.ExecuteAsync(sql, args, t));
}
