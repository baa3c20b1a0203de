using Liwater.Data.Cases;

namespace Liwater.Dashboard.Jobs;

/// <summary>Settings under <c>Liwater:Jobs</c>: Hangfire's storage and the behaviour of the recurring jobs.</summary>
public sealed class JobsOptions
{
    public const string Section = "Liwater:Jobs";

    /// <summary>Gets or sets whether Hangfire (storage, server, dashboard, recurring jobs) runs. Defaults to true;
    /// tests and tools turn it off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the SQLite file of Hangfire's storage, separate from the main database. Defaults to data/liwater-jobs.db.</summary>
    public string StoragePath { get; set; } = "data/liwater-jobs.db";

    /// <summary>Gets or sets how often the server looks for queued and scheduled jobs, in seconds. Defaults to 5.</summary>
    public int PollIntervalSeconds { get; set; } = 5;

    /// <summary>Gets or sets the number of Hangfire workers. Defaults to 2 (SQLite has one writer anyway).</summary>
    public int WorkerCount { get; set; } = 2;

    /// <summary>Gets or sets the quiet time after a change before the debounced snapshot is queued, in milliseconds. Defaults to 2000.</summary>
    public int SnapshotDebounceMilliseconds { get; set; } = 2000;

    /// <summary>Gets or sets the longest a burst of changes may delay the debounced snapshot, in milliseconds. Defaults to 10000.</summary>
    public int SnapshotMaxDelayMilliseconds { get; set; } = 10000;

    /// <summary>Gets or sets how many days minute-by-minute snapshots are kept before thinning to one per hour. Defaults to 7.</summary>
    public int SnapshotKeepMinuteDays { get; set; } = 7;

    /// <summary>Gets the automatic escalation rules applied by the deadline watchdog (empty: none).</summary>
    public List<AutoEscalationRule> AutoEscalation { get; } = [];

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (PollIntervalSeconds < 1)
        {
            errors.Add($"{Section}:PollIntervalSeconds is {PollIntervalSeconds}; it must be at least 1.");
        }

        if (WorkerCount < 1)
        {
            errors.Add($"{Section}:WorkerCount is {WorkerCount}; it must be at least 1.");
        }

        if (SnapshotDebounceMilliseconds < 0 || SnapshotMaxDelayMilliseconds < SnapshotDebounceMilliseconds)
        {
            errors.Add($"{Section}:SnapshotMaxDelayMilliseconds must be at least {Section}:SnapshotDebounceMilliseconds (both ≥ 0).");
        }

        if (SnapshotKeepMinuteDays < 1)
        {
            errors.Add($"{Section}:SnapshotKeepMinuteDays must be at least 1.");
        }

        for (var i = 0; i < AutoEscalation.Count; i++)
        {
            errors.AddRange(AutoEscalation[i].Validate($"{Section}:AutoEscalation:{i}"));
        }

        return errors;
    }
}

/// <summary>Settings under <c>Liwater:Backup</c>.</summary>
public sealed class BackupOptions
{
    public const string Section = "Liwater:Backup";

    /// <summary>Gets or sets the folder of the nightly backups. Defaults to data/backups.</summary>
    public string Folder { get; set; } = "data/backups";

    /// <summary>Gets or sets how many days of backups are kept. Defaults to 14.</summary>
    public int KeepDays { get; set; } = 14;
}
