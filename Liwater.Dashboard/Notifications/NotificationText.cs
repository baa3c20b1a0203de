namespace Liwater.Dashboard.Notifications;

/// <summary>Marker for the notification texts (Resources/Notifications/NotificationText.tsv).</summary>
public sealed class NotificationText;
