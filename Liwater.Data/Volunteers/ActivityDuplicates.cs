using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Liwater.Data.Database;

namespace Liwater.Data.Volunteers;

/// <summary>
/// The one rule for "the same activity logged twice", used by the form (a warning to confirm) and the CSV import
/// (a skipped row, listed): same day, compound, team, hours, people, kind and trimmed title. Stored rows hold these
/// values normalized (ISO date, ids, kind code, trimmed title), so a stored row and a new input compare by the same
/// content text whichever way each was entered.
/// </summary>
public static class ActivityDuplicates
{
    /// <summary>The normalized content of an activity; equal texts mean the same activity.</summary>
    public static string Content(ActivityInput input) => string.Join(
        '\u001f',
        "v1",
        TownClock.Iso(input.OccurredOn!.Value),
        input.CompoundId!.Value.ToString(CultureInfo.InvariantCulture),
        input.TeamId?.ToString(CultureInfo.InvariantCulture) ?? "",
        input.Hours!.Value.ToString("R", CultureInfo.InvariantCulture),
        input.People!.Value.ToString(CultureInfo.InvariantCulture),
        VolunteerKinds.ParseActivity(input.Kind) ?? input.Kind,
        input.Title.Trim());

    /// <summary>
    /// The import key stored with an imported row (SHA-256 of <see cref="Content"/>); its unique index keeps two
    /// imports of one file racing each other from storing a row twice.
    /// </summary>
    public static string Key(ActivityInput input) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Content(input))));

    /// <summary>The stored activities between two days (inclusive), by <see cref="Content"/>: the first stored of each.</summary>
    public static async Task<IReadOnlyDictionary<string, StoredActivityRef>> StoredAsync(
        DbConnection connection, DateOnly from, DateOnly to, DbTransaction? transaction = null)
    {
        var rows = await connection.QueryAsync<StoredRow>(
            """
            SELECT id, occurred_on, compound_id, team_id, hours, people, kind, title, created_at, import_key IS NOT NULL AS imported
            FROM volunteer_activities WHERE occurred_on BETWEEN @from AND @to ORDER BY id
            """,
            new { from = TownClock.Iso(from), to = TownClock.Iso(to) },
            transaction);
        var stored = new Dictionary<string, StoredActivityRef>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var input = new ActivityInput
            {
                OccurredOn = DateOnly.ParseExact(row.OccurredOn, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                CompoundId = row.CompoundId,
                TeamId = row.TeamId,
                Hours = row.Hours,
                People = (int)row.People,
                Kind = row.Kind,
                Title = row.Title,
            };
            stored.TryAdd(Content(input), new StoredActivityRef(row.Id, row.CreatedAt, row.Imported));
        }

        return stored;
    }

    /// <summary>The stored activity that is the same as <paramref name="input"/>, or null.</summary>
    public static async Task<StoredActivityRef?> FindAsync(DbConnection connection, ActivityInput input, DbTransaction? transaction = null)
    {
        var day = input.OccurredOn!.Value;
        return (await StoredAsync(connection, day, day, transaction)).GetValueOrDefault(Content(input));
    }

    private sealed record StoredRow
    {
        public long Id { get; init; }
        public string OccurredOn { get; init; } = "";
        public long CompoundId { get; init; }
        public long? TeamId { get; init; }
        public double Hours { get; init; }
        public long People { get; init; }
        public string Kind { get; init; } = "";
        public string Title { get; init; } = "";
        public long CreatedAt { get; init; }
        public bool Imported { get; init; }
    }
}

/// <summary>A stored activity found to be the same as a new one: its id, when it was logged, and whether by import.</summary>
public sealed record StoredActivityRef(long Id, long CreatedAt, bool Imported);
