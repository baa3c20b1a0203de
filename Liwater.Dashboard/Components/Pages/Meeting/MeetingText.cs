namespace Liwater.Dashboard.Components.Pages.Meeting;

/// <summary>Marker for the joint-meeting texts (Resources/Components/Pages/Meeting/MeetingText.*.resx).</summary>
public sealed class MeetingText;
