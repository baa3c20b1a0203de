using Microsoft.JSInterop;

namespace Liwater.Dashboard.Components.Pages.BigScreen;

/// <summary>
/// The wall's heartbeat (decision 0111): Screen.razor.js calls <see cref="Beat"/> over the circuit every
/// <see cref="BeatMilliseconds"/> and shows the stale banner when no answer came back for
/// <see cref="StaleMilliseconds"/>, so a link that silently holds packets is noticed within 10 s, by the screen itself.
/// </summary>
public static class ScreenHeartbeat
{
    /// <summary>How often the page asks for a beat.</summary>
    public const int BeatMilliseconds = 2000;

    /// <summary>How long without a beat before the banner shows: three to four lost beats, well under 10 s.</summary>
    public const int StaleMilliseconds = 7000;

    /// <summary>Answers the page's beat; reaching here proves the circuit carries messages both ways.</summary>
    [JSInvokable("ScreenHeartbeat")]
    public static bool Beat() => true;
}
