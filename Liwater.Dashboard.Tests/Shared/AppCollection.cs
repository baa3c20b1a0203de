namespace Liwater.Dashboard.Tests.Shared;

/// <summary>
/// Tests that start the real app host. Hangfire keeps global state (JobStorage.Current), so these run one at a time
/// and never in parallel with each other.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AppCollection
{
    public const string Name = "app";
}
