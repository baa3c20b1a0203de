using System.Data.Common;
using Dapper;
using Liwater.Data.Database;

namespace Liwater.Data.Cases;

/// <summary>
/// Reads cases on behalf of a user. Community staff see only their community (the filter is forced, not offered);
/// opening another community's case is refused and the refusal audited.
/// </summary>
public sealed class CaseQueries(Db db)
{
    internal const string SelectCase = "SELECT " + CaseColumns + CaseFrom;

    private const string CaseColumns =
        """
        c.id, c.code, c.community_id, m.name AS community_name, c.compound_id, p.name AS compound_name,
               c.building_id, b.name AS building_name, c.category, c.title, c.description, c.source_channel,
               c.reporter_name, c.reporter_phone, c.level, c.status, c.assigned_unit_kind, c.assigned_unit_name,
               c.paired_unit, c.consultation_rounds, c.opened_at, c.level_entered_at, c.replied_at, c.action_at,
               c.result_at, c.resolved_at, c.closed_at, c.due_at, c.assigned_due_at, c.updated_at, c.version,
               c.assignee_id, au.display_name AS assignee_name,
               (SELECT COUNT(*) FROM case_breaches x WHERE x.case_id = c.id) AS breach_count

        """;

    private const string CaseFrom =
        """
        FROM cases c
        JOIN communities m ON m.id = c.community_id
        JOIN compounds p ON p.id = c.compound_id
        LEFT JOIN buildings b ON b.id = c.building_id
        LEFT JOIN users au ON au.id = c.assignee_id
        """;

    // Sorting is by whitelisted columns only: the ORDER BY is chosen here, never taken from input.
    private static readonly Dictionary<string, string> SortColumns = new(StringComparer.Ordinal)
    {
        ["code"] = "c.code",
        ["title"] = "c.title",
        ["community"] = "m.sort_order",
        ["compound"] = "p.name",
        ["level"] = "CASE c.level WHEN 'compound' THEN 1 WHEN 'community' THEN 2 ELSE 3 END",
        ["status"] = "c.status",
        ["category"] = "c.category",
        ["opened_at"] = "c.opened_at",
        ["updated_at"] = "c.updated_at",
        ["due_at"] = "COALESCE(c.due_at, 9223372036854775807)",
        ["assignee"] = "au.display_name",
    };

    // The list's filters, one home for the page and the export (community staff are confined to their community).
    // Dialect-specific (SqlDialect.JsonIntegers): a steward's compounds come as one JSON parameter.
    private string FilterWhere =>
        $"""
        WHERE (@communityId IS NULL OR c.community_id = @communityId)
          AND (@stewardCompounds IS NULL OR c.compound_id IN ({db.Dialect.JsonIntegers("@stewardCompounds")}))
          AND (@compoundId IS NULL OR c.compound_id = @compoundId)
          AND (@assigneeId IS NULL OR c.assignee_id = @assigneeId)
          AND (@level IS NULL OR c.level = @level)
          AND (@status IS NULL OR c.status = @status)
          AND (@category IS NULL OR c.category = @category)
          AND (@active = 0 OR c.status IN ('open', 'in_progress'))
          AND (@overdue = 0 OR (c.due_at IS NOT NULL AND c.due_at <= @now))
          AND (@text IS NULL OR lower(c.code) LIKE @like {SqlLike.Escape} OR lower(c.title) LIKE @like {SqlLike.Escape}
               OR lower(c.description) LIKE @like {SqlLike.Escape} OR lower(p.name) LIKE @like {SqlLike.Escape})
        """;

    public async Task<CasePage> ListAsync(ActingUser user, CaseFilter filter, CancellationToken cancellationToken = default)
    {
        var pageSize = Math.Clamp(filter.PageSize, 1, 200);
        var args = new DynamicParameters(FilterArgs(user, filter));
        args.Add("pageSize", pageSize);
        args.Add("offset", Math.Max(0, filter.Page) * pageSize);
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<CaseRow>(
            $"""
            SELECT {CaseColumns}, COUNT(*) OVER () AS total_count {CaseFrom}
            {FilterWhere}
            ORDER BY {Order(filter)}, c.id DESC
            LIMIT @pageSize OFFSET @offset
            """,
            args)).AsList();
        return new CasePage(rows, rows.Count > 0 ? (int)rows[0].TotalCount : 0);
    }

    /// <summary>How many cases the list's filters match (every page), for the export.</summary>
    public async Task<int> CountAsync(ActingUser user, CaseFilter filter, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>($"SELECT COUNT(*) {CaseFrom} {FilterWhere}", FilterArgs(user, filter));
    }

    /// <summary>
    /// Every case the list's filters match, in the list's order, read one row at a time from a connection of its own
    /// (for the export: a WAL reader never blocks the writers). Dispose the enumerator to close the connection.
    /// </summary>
    public IEnumerable<CaseRow> ReadAll(ActingUser user, CaseFilter filter, int max)
    {
        using var connection = db.OpenAsync().GetAwaiter().GetResult();
        var args = new DynamicParameters(FilterArgs(user, filter));
        args.Add("max", max);
        foreach (var row in connection.Query<CaseRow>($"SELECT {CaseColumns} {CaseFrom} {FilterWhere} ORDER BY {Order(filter)}, c.id DESC LIMIT @max", args, buffered: false))
        {
            yield return row;
        }
    }

    private static string Order(CaseFilter filter) =>
        SortColumns.GetValueOrDefault(filter.SortBy, "c.opened_at") + (filter.Descending ? " DESC" : " ASC");

    /// <summary>The longest search text, in characters (the search box's limit).</summary>
    public const int SearchMax = 100;

    private object FilterArgs(ActingUser user, CaseFilter filter)
    {
        // A search longer than any field it could match is cut to SearchMax characters (TextRules) rather than sent
        // whole: SQLite refuses a LIKE pattern over 50,000 bytes.
        var text = TextRules.Clean(filter.Text) is { } typed ? TextRules.Prefix(typed, SearchMax) : null;
        return new
        {
            communityId = user.Role == Roles.CommunityStaff ? user.CommunityId ?? -1 : filter.CommunityId,
            // A steward's list is forced to their compounds, as community staff's is to their community.
            stewardCompounds = user.Role == Roles.PropertySteward ? $"[{string.Join(',', user.CompoundIds)}]" : null,
            // Microsoft.Data.Sqlite binds names case-sensitively, so each name matches the SQL exactly.
            compoundId = filter.CompoundId,
            assigneeId = filter.AssigneeId,
            level = filter.Level,
            status = filter.Status,
            category = filter.Category,
            active = filter.ActiveOnly,
            overdue = filter.OverdueOnly,
            now = db.NowMs,
            text,
            // Case-insensitive on both engines: the columns are lowered in SQL, the pattern here; % and _ are literal.
            like = text is null ? null : SqlLike.Contains(text.ToLowerInvariant()),
        };
    }

    /// <summary>A case with its timeline, or null with the reason (not found, or refused and audited).</summary>
    public async Task<(CaseDetail? Detail, CaseOutcome Outcome)> GetAsync(ActingUser user, long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var row = await ReadCaseAsync(connection, null, id);
        if (row is null)
        {
            return (null, CaseOutcome.NotFound);
        }

        if (!CaseAccess.CanRead(user, row))
        {
            await Audit.RefusedAsync(db, user, "case.read", "case", id, null, cancellationToken);
            return (null, CaseOutcome.Refused);
        }

        var events = await connection.QueryAsync<CaseEventRow>(
            "SELECT id, case_id, kind, at, user_id, actor, body, from_level, to_level, data FROM case_events WHERE case_id = @id ORDER BY at, id",
            new { id });
        var breaches = await connection.QueryAsync<CaseBreachRow>(
            "SELECT case_id, mark, level, due_at, recorded_at FROM case_breaches WHERE case_id = @id ORDER BY due_at",
            new { id });
        return (new CaseDetail(row, events.AsList(), breaches.AsList()), CaseOutcome.Ok);
    }

    /// <summary>Compounds the user may file cases for (community staff: their own community's).</summary>
    public async Task<IReadOnlyList<CompoundRef>> ListCompoundsAsync(ActingUser user, CancellationToken cancellationToken = default)
    {
        var communityId = user.Role == Roles.CommunityStaff ? user.CommunityId ?? -1 : (long?)null;
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CompoundRef>(
            """
            SELECT p.id, p.name, p.community_id, m.name AS community_name
            FROM compounds p JOIN communities m ON m.id = p.community_id
            WHERE @communityId IS NULL OR p.community_id = @communityId
            ORDER BY m.sort_order, m.id, p.name
            """,
            new { communityId });
        return rows.AsList();
    }

    /// <summary>
    /// The people <paramref name="user"/> may assign the case to: active accounts that may work it by the case rules
    /// (<see cref="CaseAccess.AssigneeRefusal"/>, the command's own check), by name. Empty when the user may not assign.
    /// </summary>
    public async Task<IReadOnlyList<CaseAssignee>> ListAssigneesAsync(ActingUser user, CaseRow c, CancellationToken cancellationToken = default)
    {
        if (!CaseAccess.CanAct(user, c, CaseActionKind.AssignPerson))
        {
            return [];
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        // Every working account is read (a town has hundreds, not millions); the rule in code decides, so the list
        // offers exactly the people the command accepts.
        var people = await connection.QueryAsync<CaseAssignee>(
            $"""
            SELECT u.id, u.username, u.display_name, u.role, u.community_id, u.is_active,
                   (SELECT {db.Dialect.JoinIds("x.compound_id")} FROM user_compounds x WHERE x.user_id = u.id) AS compound_list
            FROM users u
            WHERE u.is_active = 1 AND u.role IN ('town_office', 'community_staff', 'chair', 'property_steward')
            ORDER BY u.display_name, u.id
            """);
        return people.Where(p => CaseAccess.AssigneeRefusal(p, c) is null).ToList();
    }

    internal static Task<CaseRow?> ReadCaseAsync(DbConnection connection, DbTransaction? transaction, long id) =>
        connection.QuerySingleOrDefaultAsync<CaseRow>(SelectCase + " WHERE c.id = @id", new { id }, transaction);
}
