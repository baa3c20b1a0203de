using System.Data.Common;
using Dapper;
using Liwater.Data.Accounts;
using Liwater.Data.Cases;
using Liwater.Data.Changes;
using Liwater.Data.Database;
using Liwater.Data.Photos;

namespace Liwater.Data.Residents;

/// <summary>
/// The resident QR channel's writes: issuing and revoking building codes, filing a report and confirming its outcome.
/// Reports and confirmations are case commands (<see cref="CaseCommands"/>) made by <see cref="ActingUser.ResidentChannel"/>.
/// </summary>
public sealed class ResidentCommands(Db db, CaseCommands cases, CaseOptions options)
{
    public const int CodeLength = 12;
    public const int TrackingLength = 32;
    public const int TitleLength = 30;

    /// <summary>
    /// Issues a code to every building of the compound that has none (the sheet's explicit POST; reading the sheet,
    /// <see cref="ResidentQueries.SheetAsync"/>, never does) and returns the sheet. Null when the user may not manage
    /// the compound's codes (refusal audited).
    /// </summary>
    public Task<CompoundCodes?> EnsureCodesAsync(ActingUser user, long compoundId, CancellationToken cancellationToken = default) =>
        db.WriteAsAsync(user, async (connection, tx) =>
        {
            var now = db.NowMs;
            var compound = await ResidentQueries.ReadCompoundAsync(connection, tx, compoundId);
            if (compound is null)
            {
                return null;
            }

            if (!MayManage(user, compound))
            {
                await Audit.WriteAsync(connection, tx, now, user, "resident.codes", "compound", compoundId, refused: true);
                return null;
            }

            var missing = (await connection.QueryAsync<long>(
                "SELECT b.id FROM buildings b WHERE b.compound_id = @compoundId AND NOT EXISTS (SELECT 1 FROM building_codes k WHERE k.building_id = b.id AND k.revoked_at IS NULL)",
                new { compoundId }, tx)).AsList();
            foreach (var buildingId in missing)
            {
                await IssueAsync(connection, tx, buildingId, now);
            }

            if (missing.Count > 0)
            {
                await Audit.WriteAsync(connection, tx, now, user, "resident.codes_issued", "compound", compoundId, refused: false, after: new { buildings = missing.Count });
                await ChangeLog.AppendAsync(connection, tx, now, ChangeKinds.ResidentCodesChanged, "compound", compoundId, compound.CommunityId, compound.Name);
            }

            return await ResidentQueries.ReadSheetAsync(connection, tx, compound);
        }, cancellationToken);

    /// <summary>Revokes a building's live code and issues a new one (a lost or misused sheet). False when refused or unknown.</summary>
    public Task<bool> RevokeAsync(ActingUser user, long buildingId, CancellationToken cancellationToken = default) =>
        db.WriteAsAsync(user, async (connection, tx) =>
        {
            var now = db.NowMs;
            var compound = await connection.QuerySingleOrDefaultAsync<CompoundRef>(
                "SELECT p.id, p.name, p.community_id FROM buildings b JOIN compounds p ON p.id = b.compound_id WHERE b.id = @buildingId",
                new { buildingId }, tx);
            if (compound is null)
            {
                return false;
            }

            if (!MayManage(user, compound))
            {
                await Audit.WriteAsync(connection, tx, now, user, "resident.code_revoke", "building", buildingId, refused: true);
                return false;
            }

            var old = await connection.ExecuteScalarAsync<string?>("SELECT code FROM building_codes WHERE building_id = @buildingId AND revoked_at IS NULL", new { buildingId }, tx);
            await connection.ExecuteAsync("UPDATE building_codes SET revoked_at = @now WHERE building_id = @buildingId AND revoked_at IS NULL", new { buildingId, now }, tx);
            await IssueAsync(connection, tx, buildingId, now);
            await Audit.WriteAsync(connection, tx, now, user, "resident.code_revoke", "building", buildingId, refused: false, before: new { code = old });
            await ChangeLog.AppendAsync(connection, tx, now, ChangeKinds.ResidentCodesChanged, "compound", compound.Id, compound.CommunityId, compound.Name);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Files a resident's report as a compound-level case from 扫码上报 with the usual deadline marks; the tracking row
    /// and the photos are saved in the same transaction. An unknown or revoked code saves nothing.
    /// </summary>
    public async Task<ResidentReportResult> ReportAsync(string code, ResidentReportInput input, CancellationToken cancellationToken = default)
    {
        var target = await ResidentQueries.FindCodeAsync(db, code, cancellationToken);
        if (target is null)
        {
            return new ResidentReportResult { Outcome = ResidentOutcome.UnknownCode };
        }

        var description = input.Description?.Trim();
        var newCase = new NewCase
        {
            CompoundId = target.CompoundId,
            BuildingId = target.BuildingId,
            Category = input.Category,
            Title = Title(description),
            Description = description,
            SourceChannel = CaseOptions.QrReportChannel,
            ReporterName = input.Name,
            ReporterPhone = input.Phone,
            Level = CaseLevels.Compound,
            AssignedUnitKind = "property_company",
        };
        var token = ResidentTokens.NewTrackingToken();
        var result = await cases.CreateAsync(ActingUser.ResidentChannel, newCase, async (connection, tx, caseId) =>
        {
            var now = db.NowMs;
            await connection.ExecuteAsync(
                "INSERT INTO resident_reports (case_id, building_id, code_id, tracking_hash, created_at) VALUES (@caseId, @BuildingId, @CodeId, @hash, @now)",
                new { caseId, target.BuildingId, target.CodeId, hash = ResidentTokens.Hash(token), now }, tx);
            foreach (var photo in input.Photos)
            {
                await CasePhotos.InsertAsync(connection, tx, caseId, null, CasePhotos.ResidentSource, isPublic: true, photo, null, now);
            }
        }, cancellationToken);

        return result.Outcome switch
        {
            CaseOutcome.Ok => new ResidentReportResult { Outcome = ResidentOutcome.Ok, CaseId = result.CaseId, TrackingToken = token },
            CaseOutcome.Invalid => new ResidentReportResult { Outcome = ResidentOutcome.Invalid, Errors = result.Errors, Error = result.Error },
            _ => new ResidentReportResult { Outcome = ResidentOutcome.Refused, Error = result.Error },
        };
    }

    /// <summary>
    /// The resident's verdict on a resolved case: satisfied closes it, not satisfied reopens it. Both are case events
    /// (confirmed_satisfied / confirmed_unsatisfied) counted per property unit.
    /// </summary>
    public async Task<(ResidentOutcome Outcome, DataError? Error)> ConfirmAsync(string trackingToken, bool satisfied, string? comment, CancellationToken cancellationToken = default)
    {
        var caseId = await ResidentQueries.FindTrackingAsync(db, trackingToken, cancellationToken);
        if (caseId is null)
        {
            return (ResidentOutcome.UnknownTracking, null);
        }

        var version = await db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT version FROM cases WHERE id = @caseId", new { caseId }), cancellationToken);
        var result = await cases.ApplyAsync(ActingUser.ResidentChannel, caseId.Value, version, new CaseAction
        {
            Kind = satisfied ? CaseActionKind.ConfirmSatisfied : CaseActionKind.ConfirmUnsatisfied,
            Body = TextRules.Clean(comment),
        }, cancellationToken);
        return result.Outcome switch
        {
            CaseOutcome.Ok => (ResidentOutcome.Ok, null),
            CaseOutcome.Conflict => (ResidentOutcome.Conflict, result.Error),
            CaseOutcome.Invalid => (ResidentOutcome.Invalid, result.Errors.Values.FirstOrDefault() ?? result.Error),
            _ => (ResidentOutcome.Refused, result.Error),
        };
    }

    /// <summary>Who may see and manage a compound's QR codes: who works for its community, and its own stewards.</summary>
    internal static bool MayManage(ActingUser user, CompoundRef compound) =>
        user.WorksFor(compound.CommunityId) || (user.Role == Roles.PropertySteward && user.CompoundIds.Contains(compound.Id));

    private static Task<int> IssueAsync(DbConnection connection, DbTransaction tx, long buildingId, long now) =>
        connection.ExecuteAsync(
            "INSERT INTO building_codes (building_id, code, created_at) VALUES (@buildingId, @code, @now)",
            new { buildingId, code = ResidentTokens.NewBuildingCode(), now }, tx);

    // The case list needs a title; a resident writes one description, so its opening words become the title.
    private static string? Title(string? description)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            return null;
        }

        var line = description.Split('\n', 2)[0].Trim();
        return TextRules.Length(line) <= TitleLength ? line : TextRules.Prefix(line, TitleLength) + "…";
    }

    /// <summary>The configured categories a resident may pick.</summary>
    public IReadOnlyList<CodeName> Categories => options.EffectiveCategories;
}
