using System.Data;
using System.Data.Common;
using System.Globalization;
using Dapper;
using Liwater.Data.Database;

namespace Liwater.Data.Cases;

/// <summary>
/// Case codes, <c>LS-{local year}-{number}</c>, numbered from 1 each year (decision 0125). A year's last number is a
/// row of <c>case_code_counters</c>, created by the year's first case from the highest number already stored that
/// year (the demo, imported rows); reading the highest stored code on every create was a scan of the year's cases.
/// <list type="bullet">
/// <item>SQLite: the number is taken inside the create's transaction. One writer, so numbers have no gaps.</item>
/// <item>PostgreSQL: it is taken before the create's SERIALIZABLE transaction, in a short transaction of its own, and
/// kept if the create runs again after a collision. A create that is then refused or fails leaves a gap. The counter's
/// own commit does not wait for the disk: any create that uses the number commits after it, and PostgreSQL writes
/// its log in order, so once a create is on disk the counter is too.</item>
/// </list>
/// </summary>
internal static class CaseCodes
{
    private const string BumpSql = "UPDATE case_code_counters SET last = last + 1 WHERE year = @year RETURNING last";

    // The year's first case; ON CONFLICT covers two first cases at once.
    private const string StartSql =
        $"""
        INSERT INTO case_code_counters (year, last)
        VALUES (@year, 1 + (SELECT COALESCE(MAX(CAST(substr(code, 9) AS BIGINT)), 0) FROM cases WHERE code LIKE @prefix {SqlLike.Escape}))
        ON CONFLICT (year) DO UPDATE SET last = case_code_counters.last + 1
        RETURNING last
        """;

    /// <summary>Reserves the next code of <paramref name="year"/> for one create; on SQLite the number itself is
    /// taken later, inside the create's transaction (<see cref="Reservation.TakeAsync"/>).</summary>
    public static async Task<Reservation> ReserveAsync(Db db, int year, CancellationToken cancellationToken)
    {
        if (db.Provider != DatabaseProvider.PostgreSql)
        {
            return new Reservation(year, null);
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        await connection.ExecuteAsync("SET LOCAL synchronous_commit = off", transaction: transaction);
        var number = await NextAsync(connection, transaction, year);
        await transaction.CommitAsync(cancellationToken);
        return new Reservation(year, number);
    }

    private static async Task<long> NextAsync(DbConnection connection, DbTransaction transaction, int year)
    {
        var key = year.ToString(CultureInfo.InvariantCulture);
        return await connection.ExecuteScalarAsync<long?>(BumpSql, new { year = key }, transaction)
            ?? await connection.ExecuteScalarAsync<long>(StartSql, new { year = key, prefix = SqlLike.StartsWith($"LS-{key}-") }, transaction);
    }

    /// <summary>One create's code: a number reserved before its transaction (PostgreSQL), or none yet (SQLite).</summary>
    internal sealed record Reservation(int Year, long? Reserved)
    {
        /// <summary>The code, taking the number inside <paramref name="transaction"/> when none was reserved.</summary>
        public async Task<string> TakeAsync(DbConnection connection, DbTransaction transaction)
        {
            var number = Reserved ?? await NextAsync(connection, transaction, Year);
            return string.Create(CultureInfo.InvariantCulture, $"LS-{Year}-{number:0000}");
        }
    }
}
