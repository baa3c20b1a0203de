using System.Text;
using Dapper;
using Hangfire;
using Liwater.Dashboard.Auth;
using Liwater.Dashboard.Jobs;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Liwater.Data.Database;
using Liwater.Data.Notifications;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Liwater.Dashboard.Tests.Notifications;

/// <summary>
/// The daily digest driven through Hangfire on the real app: the recurring job registered by the app is triggered
/// (not the method called), runs on Hangfire's server, writes one digest per user who chose it and enqueues its
/// e-mail, which reaches a local SMTP sink; triggered again the same day, it sends nothing new.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class NotificationDigestJobTests
{
    private const string Password = "test-password-1";

    [Fact]
    public async Task DigestJob_TriggeredTwiceThroughHangfire_OneDigestPerChoosingUserAndNothingNewTheSecondTime()
    {
        await using var smtp = new SmtpSink();
        await using var app = new LiwaterAppFactory();
        app.Settings["Liwater:Jobs:PollIntervalSeconds"] = "1";
        app.Settings["Liwater:Notifications:PollSeconds"] = "1";
        app.Settings["Liwater:Notifications:Email:Enabled"] = "true";
        app.Settings["Liwater:Notifications:Email:Host"] = "127.0.0.1";
        app.Settings["Liwater:Notifications:Email:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        app.Settings["Liwater:Notifications:Email:Security"] = "None";
        app.Settings["Liwater:Notifications:Email:From"] = "liwater@example.cn";
        _ = app.BaseAddress;
        var db = app.Services.GetRequiredService<Db>();
        var compound = await db.ReadAsync(c => c.QueryFirstAsync<(long Id, long CommunityId)>("SELECT id, community_id FROM compounds ORDER BY id LIMIT 1"));
        var store = app.Services.GetRequiredService<UserStore>();
        await store.EnsureAsync(new UserInput { Username = "d-steward", DisplayName = "管家丙", Role = Roles.PropertySteward, Password = Password });
        await store.EnsureAsync(new UserInput { Username = "d-staff", DisplayName = "社工丙", Role = Roles.CommunityStaff, CommunityId = compound.CommunityId, Password = Password });
        await store.EnsureAsync(new UserInput { Username = "d-other", DisplayName = "社工丁", Role = Roles.CommunityStaff, CommunityId = compound.CommunityId, Password = Password });
        var ids = (await db.ReadAsync(c => c.QueryAsync<(string, long)>("SELECT username, id FROM users WHERE substr(username, 1, 2) = 'd-'"))).ToDictionary(x => x.Item1, x => x.Item2);
        Assert.Empty(await store.SetCompoundsAsync(ActingUser.System, ids["d-steward"], [compound.Id]));
        var notifications = app.Services.GetRequiredService<NotificationCommands>();
        var addresses = new Dictionary<string, string> { ["d-steward"] = "steward@example.cn", ["d-staff"] = "staff@example.cn", ["d-other"] = "other@example.cn" };
        foreach (var (username, address) in addresses)
        {
            // d-other wants e-mails one by one, not a digest.
            Assert.Empty(await notifications.SavePreferencesAsync((await store.FindAsync(ids[username]))!.ToActingUser(), new NotificationPreferences
            {
                Email = address,
                Digest = username != "d-other",
                Choices = new Dictionary<string, bool> { [NotificationPreferences.Key(NotificationKinds.CaseOpened, NotificationChannels.Email)] = true },
            }));
        }

        var created = await app.Services.GetRequiredService<CaseCommands>().CreateAsync(ActingUser.System, new NewCase
        {
            CompoundId = compound.Id, Category = "property_service", Title = "摘要测试-水管漏水", Description = "5栋水管漏水。",
            SourceChannel = "hotline", Level = CaseLevels.Compound,
        });
        Assert.True(created.Succeeded);
        var caseId = created.CaseId!.Value;
        foreach (var username in addresses.Keys)
        {
            await WaitAsync(async () => await db.ReadAsync(c => c.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM notifications WHERE user_id = @id AND case_id = @caseId", new { id = ids[username], caseId })) == 1, $"{username}'s notification");
        }

        // The one-by-one e-mail of the user without a digest arrives on its own; the digest users get none yet.
        await WaitAsync(() => Task.FromResult(smtp.Messages.Count == 1), "d-other's single e-mail");
        Assert.Equal(["other@example.cn"], smtp.Messages.First().To);

        var first = TriggerAndWait(app);
        await WaitAsync(() => Task.FromResult(smtp.Messages.Count == 3), "two digests");

        var digests = smtp.Messages.Skip(1).ToList();
        Assert.Equal(["staff@example.cn", "steward@example.cn"], digests.SelectMany(m => m.To).Order());
        var code = await db.ReadAsync(c => c.ExecuteScalarAsync<string>("SELECT code FROM cases WHERE id = @caseId", new { caseId }));
        foreach (var (_, data) in digests)
        {
            var mail = await MimeMessage.LoadAsync(new MemoryStream(Encoding.UTF8.GetBytes(data)));
            Assert.StartsWith("【里水镇】", mail.Subject, StringComparison.Ordinal);
            Assert.Contains("通知摘要", mail.Subject, StringComparison.Ordinal);
            Assert.Contains($"{code} 摘要测试-水管漏水", mail.TextBody, StringComparison.Ordinal);
        }

        const string Rows = "SELECT COUNT(*) FROM notification_deliveries WHERE kind = 'digest'";
        Assert.Equal(2, await db.ReadAsync(c => c.ExecuteScalarAsync<long>(Rows)));
        await WaitAsync(async () => await db.ReadAsync(c => c.ExecuteScalarAsync<long>(Rows + " AND status = 'sent'")) == 2, "digests marked sent");

        // The same day again: the job runs and succeeds, and writes and sends nothing.
        var second = TriggerAndWait(app);
        Assert.NotEqual(first, second);
        await Task.Delay(TimeSpan.FromSeconds(2)); // time for any (wrong) send job to run
        Assert.Equal(2, await db.ReadAsync(c => c.ExecuteScalarAsync<long>(Rows)));
        Assert.Equal(3, smtp.Messages.Count);
    }

    // Triggers the app's recurring digest job through Hangfire and waits until Hangfire's server has run it.
    private static string TriggerAndWait(LiwaterAppFactory app)
    {
        app.WaitForJobs();
        var manager = app.Services.GetRequiredService<IRecurringJobManagerV2>();
        var jobId = manager.TriggerJob(RecurringJobs.NotificationDigest);
        Assert.False(string.IsNullOrEmpty(jobId), "the digest job is registered");
        var storage = app.Services.GetRequiredService<JobStorage>();
        var until = DateTime.UtcNow.AddSeconds(30);
        string? state;
        while ((state = storage.GetMonitoringApi().JobDetails(jobId)?.History.FirstOrDefault()?.StateName) != "Succeeded")
        {
            Assert.True(DateTime.UtcNow < until, $"digest job {jobId} is {state}");
            Thread.Sleep(100);
        }

        return jobId;
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, $"Timed out waiting for: {what}");
            await Task.Delay(100);
        }
    }
}
