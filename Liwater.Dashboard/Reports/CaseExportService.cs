using System.Collections.Concurrent;
using System.Globalization;
using Liwater.Dashboard.Components.Pages.Cases;
using Liwater.Dashboard.Components.Pages.Reports;
using Liwater.Dashboard.Extensions;
using Liwater.Data.Cases;
using Liwater.Data.Database;
using Liwater.Data.Reports;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MiniExcelLibs;

namespace Liwater.Dashboard.Reports;

/// <summary>Where an export stands.</summary>
public enum ExportState
{
    Queued,
    Running,
    Done,
    Failed,
}

/// <summary>One case export: who asked, how far it got, and the file once it is written.</summary>
public sealed class CaseExport
{
    private long written;

    public Guid Id { get; } = Guid.NewGuid();

    public required long OwnerId { get; init; }

    public required int Total { get; init; }

    public required string FileName { get; init; }

    public required string FilePath { get; init; }

    public required long StartedAt { get; init; }

    public ExportState State { get; internal set; } = ExportState.Queued;

    public long Written => Interlocked.Read(ref written);

    internal void Count() => Interlocked.Increment(ref written);
}

/// <summary>
/// Writes the case list to .xlsx in the background: a bounded number at a time (<c>Liwater:Reports:MaxConcurrentExports</c>),
/// streaming rows from one read connection into MiniExcel's streaming writer, so memory stays flat whatever the size and
/// writers are never blocked (a WAL reader holds no lock). Finished files are kept for <c>ExportKeepHours</c>.
/// </summary>
public sealed class CaseExportService : IDisposable
{
    private readonly ConcurrentDictionary<Guid, CaseExport> exports = new();
    private readonly CaseQueries cases;
    private readonly CaseOptions caseOptions;
    private readonly TownClock clock;
    private readonly ReportOptions options;
    private readonly IStringLocalizer<ReportText> text;
    private readonly IStringLocalizer<CasesText> caseText;
    private readonly ILogger<CaseExportService> logger;
    private readonly SemaphoreSlim gate;
    private readonly CancellationToken stopping;
    private readonly string folder;

    public CaseExportService(
        CaseQueries cases, CaseOptions caseOptions, TownClock clock, ReportOptions options,
        IOptions<LiwaterOptions> paths, IStringLocalizer<ReportText> text, IStringLocalizer<CasesText> caseText,
        ILogger<CaseExportService> logger, IHostApplicationLifetime lifetime)
    {
        (this.cases, this.caseOptions, this.clock, this.options, this.text, this.caseText, this.logger) =
            (cases, caseOptions, clock, options, text, caseText, logger);
        gate = new SemaphoreSlim(options.MaxConcurrentExports);
        stopping = lifetime.ApplicationStopping;
        folder = paths.Value.ResolvePath(options.ExportFolder);
    }

    /// <summary>
    /// Starts exporting what <paramref name="filter"/> shows to <paramref name="user"/> (every page), or says why not in
    /// the user's language: a role that may not export, no matching case, or more than the configured maximum.
    /// </summary>
    public async Task<(CaseExport? Export, string? Message)> StartAsync(ActingUser user, CaseFilter filter, CancellationToken cancellationToken = default)
    {
        if (!ReportAccess.CanRead(user))
        {
            return (null, text["Export_Refused"]);
        }

        Purge();
        var total = await cases.CountAsync(user, filter, cancellationToken);
        if (total == 0)
        {
            return (null, text["Export_None"]);
        }

        if (total > options.MaxExportRows)
        {
            return (null, string.Format(CultureInfo.InvariantCulture, text["Export_TooMany"], total, options.MaxExportRows));
        }

        Directory.CreateDirectory(folder);
        var now = clock.NowMs;
        var export = new CaseExport
        {
            OwnerId = user.Id,
            Total = total,
            StartedAt = now,
            FileName = $"{text["Export_FileName"]}_{clock.ToLocal(now).ToString("yyyyMMdd_HHmm", CultureInfo.InvariantCulture)}.xlsx",
            FilePath = Path.Combine(folder, $"cases-{now}-{Guid.NewGuid():N}.xlsx"),
        };
        exports[export.Id] = export;
        var culture = CultureInfo.CurrentUICulture;
        _ = Task.Run(() => RunAsync(export, user, filter, culture), CancellationToken.None);
        return (export, null);
    }

    /// <summary>The export with that id if it belongs to <paramref name="userId"/>.</summary>
    public CaseExport? Find(Guid id, long userId) => exports.TryGetValue(id, out var e) && e.OwnerId == userId ? e : null;

    public void Dispose() => gate.Dispose();

    private async Task RunAsync(CaseExport export, ActingUser user, CaseFilter filter, CultureInfo culture)
    {
        var partial = export.FilePath + ".part";
        try
        {
            await gate.WaitAsync(stopping);
            try
            {
                export.State = ExportState.Running;
                // Headers and names in the language of the user who asked, on this pool thread too.
                CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
                await using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                {
                    await stream.SaveAsAsync(Rows(export, user, filter), sheetName: caseText["ListTitle"].Value, cancellationToken: stopping);
                }

                File.Move(partial, export.FilePath, overwrite: true);
                export.State = ExportState.Done;
            }
            finally
            {
                gate.Release();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            export.State = ExportState.Failed;
            TryDelete(partial);
            if (!stopping.IsCancellationRequested)
            {
                logger.LogError(e, "Case export {Id} failed after {Written} of {Total} rows", export.Id, export.Written, export.Total);
            }
        }
    }

    private IEnumerable<Dictionary<string, object?>> Rows(CaseExport export, ActingUser user, CaseFilter filter)
    {
        var headers = new[]
        {
            "Col_Code", "Col_Title", "Col_Community", "Col_Compound", "Col_Building", "Col_Category", "Col_Level", "Col_Status",
            "Col_Channel", "Col_Reporter", "Col_Phone", "Col_Unit", "Col_Paired", "Col_Rounds", "Col_Opened", "Col_Replied",
            "Col_Action", "Col_Result", "Col_Resolved", "Col_Closed", "Col_Due", "Col_Breaches",
        }.Select(k => text[k].Value).ToArray();
        foreach (var c in cases.ReadAll(user, filter, options.MaxExportRows))
        {
            stopping.ThrowIfCancellationRequested();
            object?[] values =
            [
                c.Code, c.Title, c.CommunityName, c.CompoundName, c.BuildingName, CaseDisplay.Name(caseOptions.EffectiveCategories, c.Category),
                caseText["Level_" + c.Level].Value, caseText["Status_" + c.Status].Value, CaseDisplay.Name(caseOptions.EffectiveSourceChannels, c.SourceChannel),
                c.ReporterName, CaseValidation.MaskPhone(c.ReporterPhone), c.AssignedUnitName, c.PairedUnit, c.ConsultationRounds,
                Time(c.OpenedAt), Time(c.RepliedAt), Time(c.ActionAt), Time(c.ResultAt), Time(c.ResolvedAt), Time(c.ClosedAt),
                Time(c.DueAt), c.BreachCount,
            ];
            var row = new Dictionary<string, object?>(headers.Length);
            for (var i = 0; i < headers.Length; i++)
            {
                row[headers[i]] = values[i];
            }

            export.Count();
            yield return row;
        }
    }

    /// <summary>Local time of the town, as the pages show it (text, so every spreadsheet shows the same).</summary>
    private string? Time(long? ms) => ms is { } v ? clock.ToLocal(v).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : null;

    private void Purge()
    {
        var cutoff = clock.NowMs - (options.ExportKeepHours * 3_600_000L);
        foreach (var (id, export) in exports)
        {
            if (export.StartedAt < cutoff && export.State is ExportState.Done or ExportState.Failed && exports.TryRemove(id, out _))
            {
                TryDelete(export.FilePath);
            }
        }
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException e)
        {
            logger.LogWarning(e, "Could not delete the export file {Path}", path);
        }
    }
}
