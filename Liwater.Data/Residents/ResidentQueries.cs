using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;
using Liwater.Data.Cases;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Liwater.Data.Photos;

namespace Liwater.Data.Residents;

/// <summary>The resident channel's reads: where a code points, and what a tracking link may show.</summary>
public sealed partial class ResidentQueries(Db db, CasePhotos photos)
{
    /// <summary>The event kinds a resident sees (the body only for the steps that answer them).</summary>
    public static readonly IReadOnlySet<string> PublicKinds = new HashSet<string>(StringComparer.Ordinal)
    {
        CaseEventKinds.Opened, CaseEventKinds.Reply, CaseEventKinds.Action, CaseEventKinds.Result, CaseEventKinds.Escalated,
        CaseEventKinds.Returned, CaseEventKinds.Assigned, CaseEventKinds.Resolved, CaseEventKinds.ConfirmedSatisfied,
        CaseEventKinds.ConfirmedUnsatisfied, CaseEventKinds.Closed, CaseEventKinds.Cancelled, CaseEventKinds.Spam, CaseEventKinds.Photo,
    };

    private static readonly HashSet<string> KindsWithBody = ["reply", "action", "result", "resolved", "confirmed_satisfied", "confirmed_unsatisfied"];

    public Task<CodeTarget?> FindCodeAsync(string? code, CancellationToken cancellationToken = default) => FindCodeAsync(db, code, cancellationToken);

    /// <summary>
    /// A compound's QR sheet as it is: the live codes, and the buildings that have none yet (issued only by
    /// <see cref="ResidentCommands.EnsureCodesAsync"/>, an explicit POST — reading the sheet creates nothing). Null when the
    /// compound does not exist or the user may not manage its codes (refusal audited).
    /// </summary>
    public async Task<CompoundCodes?> SheetAsync(ActingUser user, long compoundId, CancellationToken cancellationToken = default)
    {
        var (compound, sheet) = await db.ReadAsync(async connection =>
        {
            var compound = await ReadCompoundAsync(connection, null, compoundId);
            return (compound, compound is not null && ResidentCommands.MayManage(user, compound) ? await ReadSheetAsync(connection, null, compound) : null);
        }, cancellationToken);
        if (compound is not null && sheet is null)
        {
            await Audit.RefusedAsync(db, user, "resident.codes", "compound", compoundId, attempted: null, cancellationToken);
        }

        return sheet;
    }

    internal static Task<CompoundRef?> ReadCompoundAsync(DbConnection connection, DbTransaction? tx, long compoundId) =>
        connection.QuerySingleOrDefaultAsync<CompoundRef>(
            "SELECT p.id, p.name, p.community_id, m.name AS community_name FROM compounds p JOIN communities m ON m.id = p.community_id WHERE p.id = @compoundId",
            new { compoundId }, tx);

    internal static async Task<CompoundCodes> ReadSheetAsync(DbConnection connection, DbTransaction? tx, CompoundRef compound)
    {
        var buildings = await connection.QueryAsync<(long BuildingId, string BuildingName, long? CodeId, string? Code, long? CreatedAt)>(
            """
            SELECT b.id, b.name, k.id, k.code, k.created_at
            FROM buildings b LEFT JOIN building_codes k ON k.building_id = b.id AND k.revoked_at IS NULL
            WHERE b.compound_id = @compoundId
            ORDER BY length(b.name), b.name
            """,
            new { compoundId = compound.Id }, tx);
        var list = buildings.AsList();
        return new CompoundCodes(
            compound.Id, compound.Name, compound.CommunityName,
            [.. list.Where(b => b.Code is not null).Select(b => new BuildingCode { BuildingId = b.BuildingId, BuildingName = b.BuildingName, CodeId = b.CodeId!.Value, Code = b.Code!, CreatedAt = b.CreatedAt!.Value })])
        {
            BuildingsWithoutCode = [.. list.Where(b => b.Code is null).Select(b => b.BuildingName)],
        };
    }

    internal static async Task<CodeTarget?> FindCodeAsync(Db db, string? code, CancellationToken cancellationToken)
    {
        if (!ResidentTokens.LooksValid(code, ResidentCommands.CodeLength))
        {
            return null;
        }

        return await db.ReadAsync(c => c.QuerySingleOrDefaultAsync<CodeTarget>(
            """
            SELECT k.id AS code_id, b.id AS building_id, b.name AS building_name, p.id AS compound_id, p.name AS compound_name, p.community_id
            FROM building_codes k JOIN buildings b ON b.id = k.building_id JOIN compounds p ON p.id = b.compound_id
            WHERE k.code = @code AND k.revoked_at IS NULL
            """,
            new { code }), cancellationToken);
    }

    internal static async Task<long?> FindTrackingAsync(Db db, string? token, CancellationToken cancellationToken)
    {
        if (!ResidentTokens.LooksValid(token, ResidentCommands.TrackingLength))
        {
            return null;
        }

        return await db.ReadAsync(c => c.ExecuteScalarAsync<long?>(
            "SELECT case_id FROM resident_reports WHERE tracking_hash = @hash", new { hash = ResidentTokens.Hash(token!) }), cancellationToken);
    }

    /// <summary>The case behind a tracking link, public-safe; null for a token that does not exist.</summary>
    public async Task<TrackedCase?> TrackAsync(string? token, CancellationToken cancellationToken = default)
    {
        var caseId = await FindTrackingAsync(db, token, cancellationToken);
        if (caseId is null)
        {
            return null;
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var c = await CaseQueries.ReadCaseAsync(connection, null, caseId.Value);
        if (c is null)
        {
            return null;
        }

        var events = (await connection.QueryAsync<(long Id, string Kind, long At, string? Body, string? ToLevel, string Actor, long? UserId)>(
            "SELECT id, kind, at, body, to_level, actor, user_id FROM case_events WHERE case_id = @id ORDER BY at, id", new { id = c.Id })).AsList();
        // Actor names are never shown, and the names of the staff who acted are masked in their own texts too.
        var staffNames = events.Where(e => e.UserId is not null && e.Actor.Length > 1).Select(e => e.Actor).Distinct().ToList();
        var timeline = events
            .Where(e => PublicKinds.Contains(e.Kind))
            .Select(e => new PublicEvent(e.Id, e.Kind, e.At, KindsWithBody.Contains(e.Kind) ? MaskStaff(MaskNumbers(e.Body), staffNames) : null, e.ToLevel))
            .ToList();
        return new TrackedCase
        {
            CaseId = c.Id,
            Code = c.Code,
            Status = c.Status,
            Level = c.Level,
            Category = c.Category,
            CompoundName = c.CompoundName,
            BuildingName = c.BuildingName ?? "",
            Description = c.Description,
            OpenedAt = c.OpenedAt,
            Version = c.Version,
            Timeline = timeline,
            Photos = await photos.ListAsync(c.Id, publicOnly: true, cancellationToken),
        };
    }

    /// <summary>Replaces runs of 7 or more digits (phone numbers) in staff text before a resident sees it.</summary>
    public static string? MaskNumbers(string? text) => text is null ? null : PhoneLike().Replace(text, m => new string('*', m.Length));

    /// <summary>Splits a text at the staff names it holds (the longest name where two start at one place): each name becomes a null part.</summary>
    public static PublicText? MaskStaff(string? text, IReadOnlyCollection<string> names)
    {
        if (text is null)
        {
            return null;
        }

        var parts = new List<string?>();
        var (start, at) = (0, 0);
        while (at < text.Length)
        {
            var name = names.Where(n => n.Length > 0 && string.CompareOrdinal(text, at, n, 0, n.Length) == 0).MaxBy(n => n.Length);
            if (name is null)
            {
                at++;
                continue;
            }

            if (at > start)
            {
                parts.Add(text[start..at]);
            }

            parts.Add(null);
            at += name.Length;
            start = at;
        }

        if (start < text.Length)
        {
            parts.Add(text[start..]);
        }

        return new PublicText(parts);
    }

    [GeneratedRegex(@"\+?\d[\d\- ]{5,}\d")]
    private static partial Regex PhoneLike();
}
