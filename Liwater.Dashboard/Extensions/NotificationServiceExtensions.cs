using Liwater.Dashboard.Notifications;
using Liwater.Data.Notifications;

namespace Liwater.Dashboard.Extensions;

/// <summary>Alerts: the notification reader, the bell's data, the outbound channels and their jobs (Notifications/).</summary>
public static class NotificationServiceExtensions
{
    public static IServiceCollection AddLiwaterNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<NotificationOptions>(configuration, NotificationOptions.Section, (o, section) => o.Validate(section));
        services.AddSingleton<NotificationReader>();
        services.AddSingleton<NotificationQueries>();
        services.AddSingleton<NotificationCommands>();
        services.AddSingleton<DeadlineWarnings>();
        services.AddSingleton<NotificationMessages>();
        services.AddSingleton<EmailSender>();
        services.AddHttpClient<WebhookSender>();
        if (configuration.GetValue(NotificationOptions.Section + ":" + nameof(NotificationOptions.Enabled), true))
        {
            services.AddHostedService<NotificationReaderService>();
        }

        return services;
    }
}
