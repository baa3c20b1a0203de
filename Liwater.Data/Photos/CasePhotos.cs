using System.Data.Common;
using Dapper;
using Liwater.Data.Accounts;
using Liwater.Data.Cases;
using Liwater.Data.Database;

namespace Liwater.Data.Photos;

/// <summary>
/// Photo evidence on a case, in the database (a blob table): every node of a cluster serves it and every backup of
/// the database carries it. Adding photos is a case action (<see cref="CaseActionKind.Photo"/>, or the reply/result
/// they come with) through <see cref="CaseCommands"/>, so it is audited, on the timeline and on the change log.
/// </summary>
public sealed class CasePhotos(Db db, CaseCommands cases, TownClock clock)
{
    public const string ResidentSource = "resident";
    public const string StaffSource = "staff";

    /// <summary>
    /// Applies <paramref name="action"/> (a reply, a result, or <see cref="CaseActionKind.Photo"/> on its own) and
    /// stores <paramref name="photos"/> on its timeline event, in one transaction.
    /// </summary>
    public async Task<CaseCommandResult> ApplyWithPhotosAsync(
        ActingUser user, long caseId, long expectedVersion, CaseAction action, IReadOnlyList<PhotoUpload> photos, bool isPublic, CancellationToken cancellationToken = default)
    {
        var errors = CaseValidation.ValidateAction(action, clock.Today);
        if (action.Kind == CaseActionKind.Photo && photos.Count == 0)
        {
            errors["Photos"] = new DataError(PhotoErrors.Required);
        }

        if (errors.Count > 0)
        {
            return CaseCommandResult.Invalid(errors);
        }

        return await db.WriteAsAsync(user, async (connection, tx) =>
        {
            var now = db.NowMs;
            var result = await cases.ApplyInTransactionAsync(connection, tx, user, caseId, expectedVersion, action, now);
            if (result.Succeeded && photos.Count > 0)
            {
                // This transaction holds the write lock, so the newest event of the case is the one just written.
                var eventId = await connection.ExecuteScalarAsync<long>("SELECT MAX(id) FROM case_events WHERE case_id = @caseId", new { caseId }, tx);
                foreach (var photo in photos)
                {
                    await InsertAsync(connection, tx, caseId, eventId, StaffSource, isPublic, photo, user.Id == 0 ? null : user.Id, now);
                }
            }

            return result;
        }, cancellationToken);
    }

    /// <summary>Stores one photo inside the caller's transaction.</summary>
    public static Task<int> InsertAsync(DbConnection connection, DbTransaction tx, long caseId, long? eventId, string source, bool isPublic, PhotoUpload photo, long? userId, long now) =>
        connection.ExecuteAsync(
            """
            INSERT INTO case_photos (case_id, event_id, source, is_public, original_type, original_bytes, width, height, display, thumbnail, user_id, created_at)
            VALUES (@caseId, @eventId, @source, @isPublic, @OriginalType, @OriginalBytes, @Width, @Height, @Display, @Thumbnail, @userId, @now)
            """,
            new { caseId, eventId, source, isPublic, photo.OriginalType, photo.OriginalBytes, photo.Width, photo.Height, photo.Display, photo.Thumbnail, userId, now },
            tx);

    /// <summary>The photos of a case (without bytes), oldest first; only public ones when <paramref name="publicOnly"/>.</summary>
    public async Task<IReadOnlyList<CasePhotoRow>> ListAsync(long caseId, bool publicOnly, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<CasePhotoRow>(
            """
            SELECT id, case_id, event_id, source, is_public, original_type, original_bytes, length(display) AS display_bytes,
                   length(thumbnail) AS thumbnail_bytes, width, height, created_at
            FROM case_photos WHERE case_id = @caseId AND (@publicOnly = 0 OR is_public = 1)
            ORDER BY id
            """,
            new { caseId, publicOnly })).AsList();
    }

    /// <summary>A photo's bytes for a staff member who may read its case; null when absent or not theirs to see.</summary>
    public async Task<byte[]?> ReadForStaffAsync(ActingUser user, long photoId, PhotoSize size, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var caseId = await connection.ExecuteScalarAsync<long?>("SELECT case_id FROM case_photos WHERE id = @photoId", new { photoId });
        if (caseId is null || await CaseQueries.ReadCaseAsync(connection, null, caseId.Value) is not { } c || !CaseAccess.CanRead(user, c))
        {
            return null;
        }

        return await ReadBytesAsync(connection, photoId, size, publicOnly: false);
    }

    /// <summary>A public photo's bytes, only when it belongs to <paramref name="caseId"/> (the case of a tracking link).</summary>
    public async Task<byte[]?> ReadPublicAsync(long caseId, long photoId, PhotoSize size, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var owner = await connection.ExecuteScalarAsync<long?>("SELECT case_id FROM case_photos WHERE id = @photoId AND is_public = 1", new { photoId });
        return owner == caseId ? await ReadBytesAsync(connection, photoId, size, publicOnly: true) : null;
    }

    private static Task<byte[]?> ReadBytesAsync(DbConnection connection, long photoId, PhotoSize size, bool publicOnly) =>
        connection.ExecuteScalarAsync<byte[]?>(
            size == PhotoSize.Thumbnail
                ? "SELECT thumbnail FROM case_photos WHERE id = @photoId AND (@publicOnly = 0 OR is_public = 1)"
                : "SELECT display FROM case_photos WHERE id = @photoId AND (@publicOnly = 0 OR is_public = 1)",
            new { photoId, publicOnly });
}
