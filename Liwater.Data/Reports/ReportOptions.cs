using Liwater.Data.Ratings;

namespace Liwater.Data.Reports;

/// <summary>
/// Settings under <c>Liwater:Reports</c>: which case-event kinds count as a resident's satisfaction, dissatisfaction
/// and a reopening, the background export, the scheduled monthly report and the service record's computed item.
/// </summary>
public sealed class ReportOptions
{
    public const string Section = "Liwater:Reports";

    /// <summary>Gets or sets the event kinds that are a resident's "satisfied". Empty means <c>confirmed_satisfied</c>
    /// (a resident channel adds its own kinds here).</summary>
    public List<string> SatisfiedEventKinds { get; set; } = [];

    /// <summary>Gets or sets the event kinds that are a resident's "not satisfied". Empty means <c>confirmed_unsatisfied</c>.</summary>
    public List<string> UnsatisfiedEventKinds { get; set; } = [];

    /// <summary>Gets or sets the event kinds that reopen a resolved case. Empty means <c>confirmed_unsatisfied</c>.</summary>
    public List<string> ReopenEventKinds { get; set; } = [];

    /// <summary>Gets or sets the folder of finished case exports. Defaults to data/exports.</summary>
    public string ExportFolder { get; set; } = "data/exports";

    /// <summary>Gets or sets how long a finished export stays downloadable, in hours. Defaults to 24.</summary>
    public int ExportKeepHours { get; set; } = 24;

    /// <summary>Gets or sets how many exports run at once; more wait in line. Defaults to 1 (the machine has few cores).</summary>
    public int MaxConcurrentExports { get; set; } = 1;

    /// <summary>Gets or sets the most rows one export writes. Defaults to 2,000,000 (beyond city scale).</summary>
    public int MaxExportRows { get; set; } = 2_000_000;

    /// <summary>Gets or sets the cron of the scheduled monthly report (town time zone). Defaults to 06:00 on the 1st.</summary>
    public string MonthlyReportCron { get; set; } = "0 6 1 * *";

    /// <summary>Gets or sets whether one checklist item of the property assessment is computed from the service record
    /// instead of being scored by the assessors. Defaults to false (the source's scoring is by assessors).</summary>
    public bool ComputeServiceChecklistItem { get; set; }

    /// <summary>Gets or sets which checklist item is computed when <see cref="ComputeServiceChecklistItem"/> is on.
    /// Defaults to <c>service</c> (customer service and complaint handling).</summary>
    public string ServiceChecklistItem { get; set; } = "service";

    public IReadOnlyList<string> EffectiveSatisfiedKinds => SatisfiedEventKinds.Count > 0 ? SatisfiedEventKinds : ["confirmed_satisfied"];

    public IReadOnlyList<string> EffectiveUnsatisfiedKinds => UnsatisfiedEventKinds.Count > 0 ? UnsatisfiedEventKinds : ["confirmed_unsatisfied"];

    public IReadOnlyList<string> EffectiveReopenKinds => ReopenEventKinds.Count > 0 ? ReopenEventKinds : ["confirmed_unsatisfied"];

    /// <summary>Lists what is inconsistent, naming the keys; <paramref name="checklist"/> is the assessment checklist in
    /// force (<see cref="RatingOptions.EffectiveChecklist"/>), which the computed item must belong to.</summary>
    public IReadOnlyList<string> Validate(IReadOnlyList<ChecklistItem>? checklist = null)
    {
        var errors = new List<string>();
        if (ComputeServiceChecklistItem)
        {
            var codes = (checklist ?? RatingOptions.DefaultChecklist).Select(i => i.Code).ToList();
            if (!codes.Contains(ServiceChecklistItem, StringComparer.Ordinal))
            {
                errors.Add(
                    $"{Section}:ServiceChecklistItem is '{ServiceChecklistItem}'; with {Section}:ComputeServiceChecklistItem on it must be the code of an item of " +
                    $"Liwater:Ratings:Checklist ({string.Join(", ", codes)}).");
            }
        }

        if (ExportKeepHours < 1)
        {
            errors.Add($"{Section}:ExportKeepHours is {ExportKeepHours}; it must be at least 1.");
        }

        if (MaxConcurrentExports < 1)
        {
            errors.Add($"{Section}:MaxConcurrentExports is {MaxConcurrentExports}; it must be at least 1.");
        }

        if (MaxExportRows < 1)
        {
            errors.Add($"{Section}:MaxExportRows is {MaxExportRows}; it must be at least 1.");
        }

        if (string.IsNullOrWhiteSpace(MonthlyReportCron))
        {
            errors.Add($"{Section}:MonthlyReportCron is empty; give a cron expression such as \"0 6 1 * *\".");
        }

        return errors;
    }
}
