using System.Globalization;
using Dapper;
using Liwater.Data.Cases;
using Liwater.Data.Database;

namespace Liwater.Data.Volunteers;

/// <summary>
/// Imports a CSV file of activity rows: good rows are stored in one transaction, bad rows are reported with their
/// row number and reason, and a row already stored (same normalized content, hence same import key) is skipped.
/// </summary>
public sealed class ActivityImporter(Db db, VolunteerCommands commands, TownClock clock)
{
    /// <summary>The kinds of bad row a report counts (<see cref="ImportRowError.Kind"/>): the fields, another community, broken quotes.</summary>
    public static readonly IReadOnlyList<string> ErrorKinds = ["date", "compound", "team", "hours", "people", "kind", "title", "community", "quote"];

    /// <summary>The largest file accepted; a year of a town's activities is far smaller.</summary>
    public const int MaxBytes = 5 * 1024 * 1024;

    /// <summary>Imports a file already in memory (see <see cref="ImportAsync(ActingUser, Stream, string, CancellationToken)"/>).</summary>
    public Task<ImportReport> ImportAsync(ActingUser user, byte[] file, string fileName, CancellationToken cancellationToken = default) =>
        ImportAsync(user, file, file.Length, fileName, cancellationToken);

    /// <summary>
    /// Imports the file as <paramref name="user"/>: the town office for any compound, community staff only for their
    /// community's compounds (other rows are listed as errors); other roles are refused and audited. The file is read
    /// once into a buffer of at most <see cref="MaxBytes"/> and its rows are parsed and checked one at a time; the
    /// report keeps the first <see cref="ImportReport.MaxRowsShown"/> errors and duplicates and counts the rest by kind.
    /// </summary>
    public async Task<ImportReport> ImportAsync(ActingUser user, Stream file, string fileName, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await file.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return TooLarge;
            }

            buffer.Write(chunk, 0, read);
        }

        return await ImportAsync(user, buffer.GetBuffer(), (int)buffer.Length, fileName, cancellationToken);
    }

    /// <summary>Gets the report of a file over <see cref="MaxBytes"/> (the upload checks the size before reading too).</summary>
    public static ImportReport TooLarge => ImportReport.Refused(new DataError(VolunteerErrors.ImportTooLarge, MaxBytes / 1024 / 1024));

    private async Task<ImportReport> ImportAsync(ActingUser user, byte[] file, int length, string fileName, CancellationToken cancellationToken)
    {
        if (!VolunteerCommands.CanRecordAny(user))
        {
            await Audit.RefusedAsync(db, user, "volunteer.import", "volunteer_activity", null, new { file = Path.GetFileName(fileName) }, cancellationToken);
            return ImportReport.Refused(new DataError(VolunteerErrors.ImportRefused));
        }

        if (length > MaxBytes)
        {
            return TooLarge;
        }

        var (encoding, encodingName, skip) = ActivityCsvReader.DetectEncoding(file.AsSpan(0, length));
        if (encoding is null)
        {
            return ImportReport.Refused(new DataError(VolunteerErrors.ImportEncoding));
        }

        var lookup = await LoadLookupAsync(cancellationToken);
        var errors = new ImportErrors();
        var checkedRows = new List<(int Row, ActivityInput Input)>();
        var rowCount = 0;
        using (var reader = new StreamReader(new MemoryStream(file, skip, length - skip, writable: false), encoding, detectEncodingFromByteOrderMarks: false))
        {
            try
            {
                foreach (var csvRow in ActivityCsvReader.Read(reader))
                {
                    rowCount++;
                    if (csvRow.Values is not { } values)
                    {
                        errors.Add(csvRow.Row, "quote", new DataError(VolunteerErrors.RowQuote));
                        continue;
                    }

                    var (input, problem) = ToInput(values, lookup);
                    problem ??= ActivityRules.Check(input, clock.Today, lookup.TeamOwners);
                    if (problem is null && !VolunteerCommands.CanRecord(user, lookup.CompoundCommunity[input.CompoundId!.Value]))
                    {
                        problem = ("community", new DataError(VolunteerErrors.RowOtherCommunity, values.GetValueOrDefault("compound")?.Trim()));
                    }

                    if (problem is { } p)
                    {
                        errors.Add(csvRow.Row, p.Field, p.Error);
                        continue;
                    }

                    checkedRows.Add((csvRow.Row, input));
                }
            }
            catch (CsvHelper.CsvFormatException)
            {
                return ImportReport.Refused(new DataError(VolunteerErrors.ImportNotCsv));
            }
            catch (ImportFileException e)
            {
                return ImportReport.Refused(e.Error);
            }
        }

        // One duplicate rule for the file and for what is stored (form or import): ActivityDuplicates.
        var stored = checkedRows.Count == 0
            ? new Dictionary<string, StoredActivityRef>()
            : await db.ReadAsync(c => ActivityDuplicates.StoredAsync(c, checkedRows.Min(r => r.Input.OccurredOn!.Value), checkedRows.Max(r => r.Input.OccurredOn!.Value)), cancellationToken);
        var firstRowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var duplicates = new List<ImportRowDuplicate>();
        var duplicateCount = 0;
        var good = new List<(ActivityInput, string)>();
        foreach (var (row, input) in checkedRows)
        {
            var content = ActivityDuplicates.Content(input);
            ImportRowDuplicate? duplicate = null;
            if (firstRowOf.TryGetValue(content, out var first))
            {
                duplicate = new ImportRowDuplicate(row, first, null);
            }
            else
            {
                firstRowOf[content] = row;
                if (stored.TryGetValue(content, out var same))
                {
                    duplicate = new ImportRowDuplicate(row, null, same);
                }
            }

            if (duplicate is not null)
            {
                duplicateCount++;
                if (duplicates.Count < ImportReport.MaxRowsShown)
                {
                    duplicates.Add(duplicate);
                }

                continue;
            }

            good.Add((input, ActivityDuplicates.Key(input)));
        }

        var added = good.Count == 0 ? 0 : await commands.StoreImportedAsync(user, good, Path.GetFileName(fileName), cancellationToken);
        return new ImportReport
        {
            Encoding = encodingName,
            Rows = rowCount,
            Added = added,
            // A row stored by a concurrent import of the same file between the read and the write is skipped too.
            Duplicates = duplicateCount + (good.Count - added),
            Errors = errors.Shown,
            ErrorCount = errors.Count,
            ErrorsByKind = errors.ByKind,
            DuplicateRows = duplicates,
        };
    }

    /// <summary>The import key of a row: <see cref="ActivityDuplicates.Key"/>.</summary>
    public static string ImportKey(ActivityInput input) => ActivityDuplicates.Key(input);

    private static (ActivityInput Input, (string Field, DataError Error)? Problem) ToInput(IReadOnlyDictionary<string, string> values, Lookup lookup)
    {
        string Value(string key) => values.TryGetValue(key, out var v) ? v.Trim() : "";

        var input = new ActivityInput { Kind = Value("kind"), Title = Value("title") };
        var dateText = Value("date");
        if (ActivityCsvReader.ParseDate(dateText) is not { } day)
        {
            return (input, ("date", dateText.Length == 0 ? new DataError(VolunteerErrors.RowDateEmpty) : new DataError(VolunteerErrors.RowDateInvalid, dateText)));
        }

        var compoundName = Value("compound");
        if (!lookup.Compounds.TryGetValue(compoundName, out var compoundId))
        {
            return (input, ("compound", compoundName.Length == 0 ? new DataError(VolunteerErrors.RowCompoundEmpty) : new DataError(VolunteerErrors.RowCompoundUnknown, compoundName)));
        }

        long? teamId = null;
        var teamName = Value("team");
        if (teamName.Length > 0)
        {
            if (!lookup.Teams.TryGetValue((compoundId, teamName), out var team))
            {
                return (input, ("team", new DataError(VolunteerErrors.RowTeamUnknown, compoundName, teamName)));
            }

            teamId = team;
        }

        var hoursText = Value("hours");
        if (!double.TryParse(hoursText, NumberStyles.Float, CultureInfo.InvariantCulture, out var hours))
        {
            return (input, ("hours", new DataError(VolunteerErrors.RowHoursNotNumber, hoursText)));
        }

        var peopleText = Value("people");
        if (!int.TryParse(peopleText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var people))
        {
            return (input, ("people", new DataError(VolunteerErrors.RowPeopleNotInteger, peopleText)));
        }

        return (input with { OccurredOn = day, CompoundId = compoundId, TeamId = teamId, Hours = hours, People = people }, null);
    }

    private async Task<Lookup> LoadLookupAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var compoundRows = (await connection.QueryAsync<(long Id, string Name, long CommunityId)>("SELECT id, name, community_id FROM compounds")).ToList();
        var compounds = compoundRows.ToDictionary(c => c.Name, c => c.Id);
        var teams = (await connection.QueryAsync<(long Id, long CompoundId, string Name)>("SELECT id, compound_id, name FROM volunteer_teams")).ToList();
        var byName = new Dictionary<(long, string), long>();
        foreach (var team in teams)
        {
            byName.TryAdd((team.CompoundId, team.Name), team.Id);
        }

        return new Lookup(compounds, byName, teams.ToDictionary(t => t.Id, t => t.CompoundId), compoundRows.ToDictionary(c => c.Id, c => c.CommunityId));
    }

    private sealed record Lookup(
        Dictionary<string, long> Compounds, Dictionary<(long, string), long> Teams, Dictionary<long, long> TeamOwners, Dictionary<long, long> CompoundCommunity);

    /// <summary>Bad rows: the first <see cref="ImportReport.MaxRowsShown"/> with their reason, and counts of all by kind.</summary>
    private sealed class ImportErrors
    {
        private readonly List<ImportRowError> shown = [];
        private readonly Dictionary<string, int> byKind = new(StringComparer.Ordinal);

        public int Count { get; private set; }

        public IReadOnlyList<ImportRowError> Shown => shown;

        public IReadOnlyDictionary<string, int> ByKind => byKind;

        public void Add(int row, string kind, DataError reason)
        {
            Count++;
            byKind[kind] = byKind.GetValueOrDefault(kind) + 1;
            if (shown.Count < ImportReport.MaxRowsShown)
            {
                shown.Add(new ImportRowError(row, reason, kind));
            }
        }
    }
}
