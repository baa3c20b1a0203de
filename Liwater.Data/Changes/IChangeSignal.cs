namespace Liwater.Data.Changes;

/// <summary>
/// Raised in-process right after a write transaction commits. It carries no data on purpose: the listener reads the
/// change log by id, so a lost or doubled signal can never lose or invent a change.
/// </summary>
public interface IChangeSignal
{
    void Committed();
}

/// <summary>A signal nobody listens to (tools, tests of the data layer alone).</summary>
public sealed class NoChangeSignal : IChangeSignal
{
    public static readonly NoChangeSignal Instance = new();

    public void Committed()
    {
    }
}
