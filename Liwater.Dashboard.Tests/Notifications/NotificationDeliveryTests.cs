using System.Text;
using System.Text.Json;
using Dapper;
using Liwater.Dashboard.Auth;
using Liwater.Dashboard.Notifications;
using Liwater.Dashboard.Tests.Shared;
using Liwater.Data.Cases;
using Liwater.Data.Database;
using Liwater.Data.Notifications;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Liwater.Dashboard.Tests.Notifications;

/// <summary>
/// The outbound channels end to end on the real app with Hangfire: a case written through the case command reaches a
/// steward by e-mail (a local SMTP sink) and by webhook (a local Kestrel receiver), each after one failed attempt; the
/// content and the signature are checked; a restart whose reader re-reads the same changes sends nothing twice.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class NotificationDeliveryTests(ITestOutputHelper output)
{
    private const string Secret = "test-webhook-secret-0123456789";
    private const string Password = "test-password-1";

    [Fact]
    public async Task Deliveries_FirstAttemptsFail_RetriedSignedAndNeverSentTwiceAfterARestart()
    {
        await using var smtp = new SmtpSink();
        await using var hook = await WebhookReceiver.StartAsync();
        smtp.FailNext(1);
        hook.FailNext(1);
        var folder = Path.Combine(Path.GetTempPath(), "liwater-tests", Guid.NewGuid().ToString("N"));

        long caseId;
        string code;
        await using (var app = Create(folder, smtp, hook))
        {
            _ = app.BaseAddress;
            var db = app.Services.GetRequiredService<Db>();
            var (steward, staff, compound) = await AccountsAsync(app, db);
            var commands = app.Services.GetRequiredService<NotificationCommands>();
            Assert.Empty(await commands.SavePreferencesAsync(steward, new NotificationPreferences
            {
                Email = "steward@example.cn",
                Choices = new Dictionary<string, bool>
                {
                    [NotificationPreferences.Key(NotificationKinds.CaseOpened, NotificationChannels.Email)] = true,
                    [NotificationPreferences.Key(NotificationKinds.CaseOpened, NotificationChannels.Webhook)] = true,
                },
            }));

            var created = await app.Services.GetRequiredService<CaseCommands>().CreateAsync(staff, new NewCase
            {
                CompoundId = compound, Category = "property_service", Title = "电梯停运-通知测试", Description = "3栋电梯停运。",
                SourceChannel = "hotline", Level = CaseLevels.Compound,
            });
            Assert.True(created.Succeeded);
            caseId = created.CaseId!.Value;
            code = await db.ReadAsync(c => c.ExecuteScalarAsync<string>("SELECT code FROM cases WHERE id = @caseId", new { caseId })) ?? "";

            try
            {
                await WaitAsync(() => smtp.Messages.Count == 1 && hook.Calls.Count(c => c.Status == 200) == 1, TimeSpan.FromSeconds(45), "one e-mail and one webhook call accepted");
            }
            finally
            {
                // What the outbox says, for a failure's diagnosis.
                foreach (var row in await db.ReadAsync(c => c.QueryAsync<(long Id, string Channel, string Status, long Attempts, long Next, string? Error)>(
                    "SELECT id, channel, status, attempts, next_attempt_at, last_error FROM notification_deliveries ORDER BY id")))
                {
                    output.WriteLine($"delivery {row}; smtp sessions {smtp.Sessions}, messages {smtp.Messages.Count}; webhook calls {hook.Calls.Count}");
                }
            }

            await WaitAsync(async () => await db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM notification_deliveries WHERE status = 'sent'")) == 2, TimeSpan.FromSeconds(10), "both deliveries marked sent");
            var attempts = await db.ReadAsync(c => c.QueryAsync<(string Channel, long Attempts, string? LastError)>("SELECT channel, attempts, last_error FROM notification_deliveries ORDER BY channel"));
            Assert.Equal([("email", 2L, (string?)null), ("webhook", 2L, null)], attempts);
        }

        // The e-mail: to the steward's address, the kind, the case code and title, in Chinese.
        var (to, data) = Assert.Single(smtp.Messages);
        Assert.Equal(["steward@example.cn"], to);
        var mail = await MimeMessage.LoadAsync(new MemoryStream(Encoding.UTF8.GetBytes(data)));
        Assert.Equal($"【里水镇】新案件：{code} 电梯停运-通知测试", mail.Subject);
        Assert.Contains($"新案件：{code} 电梯停运-通知测试", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"https://liwater.example.cn/cases/{caseId}", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(2, smtp.Sessions); // the refused attempt, then the accepted one

        // The webhook: a failed call (500), then the same delivery again, signed over timestamp and body.
        var calls = hook.Calls.ToList();
        Assert.Equal([500, 200], calls.Select(c => c.Status));
        Assert.Equal(calls[0].Headers[WebhookSender.DeliveryHeader], calls[1].Headers[WebhookSender.DeliveryHeader]);
        var (_, headers, body) = calls[1];
        Assert.Equal(WebhookSender.Sign(Secret, headers[WebhookSender.TimestampHeader], body), headers[WebhookSender.SignatureHeader]);
        Assert.NotEqual(WebhookSender.Sign("another-secret-0123456789", headers[WebhookSender.TimestampHeader], body), headers[WebhookSender.SignatureHeader]);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("case_opened", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal("n-steward", json.RootElement.GetProperty("recipient").GetProperty("username").GetString());
        Assert.Equal(caseId, json.RootElement.GetProperty("case").GetProperty("id").GetInt64());
        Assert.Equal("text", json.RootElement.GetProperty("msgtype").GetString());
        Assert.StartsWith($"新案件：{code}", json.RootElement.GetProperty("text").GetProperty("content").GetString(), StringComparison.Ordinal);
        output.WriteLine(body);

        // Restart on the same data; the reader's cursor is put back as if the node had crashed before moving it.
        await using (var again = Create(folder, smtp, hook))
        {
            _ = again.BaseAddress;
            var db = again.Services.GetRequiredService<Db>();
            await db.WriteAsync((c, t) => c.ExecuteAsync(
                "UPDATE notification_cursor SET last_change_id = (SELECT MIN(change_id) FROM notifications) - 1", transaction: t));
            var reader = again.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<NotificationReaderService>().Single();
            var passes = reader.Passes;
            await WaitAsync(() => reader.Passes >= passes + 2, TimeSpan.FromSeconds(15), "two reader passes after the rewind");
            await Task.Delay(TimeSpan.FromSeconds(3)); // time for any (wrong) delivery job to run
            Assert.Equal(2, await db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM notification_deliveries")));
        }

        Assert.Single(smtp.Messages);
        Assert.Single(hook.Calls, c => c.Status == 200);
    }

    private static LiwaterAppFactory Create(string folder, SmtpSink smtp, WebhookReceiver hook)
    {
        var app = new LiwaterAppFactory(folder);
        app.Settings["Liwater:Jobs:PollIntervalSeconds"] = "1";
        app.Settings["Liwater:Notifications:PollSeconds"] = "1";
        app.Settings["Liwater:Notifications:RetryBaseSeconds"] = "1";
        app.Settings["Liwater:Notifications:MaxAttempts"] = "3";
        app.Settings["Liwater:Notifications:PublicBaseUrl"] = "https://liwater.example.cn";
        app.Settings["Liwater:Notifications:Email:Enabled"] = "true";
        app.Settings["Liwater:Notifications:Email:Host"] = "127.0.0.1";
        app.Settings["Liwater:Notifications:Email:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        app.Settings["Liwater:Notifications:Email:Security"] = "None";
        app.Settings["Liwater:Notifications:Email:From"] = "liwater@example.cn";
        app.Settings["Liwater:Notifications:Webhook:Enabled"] = "true";
        app.Settings["Liwater:Notifications:Webhook:Url"] = hook.Url.ToString();
        app.Settings["Liwater:Notifications:Webhook:Secret"] = Secret;
        return app;
    }

    private static async Task<(ActingUser Steward, ActingUser Staff, long Compound)> AccountsAsync(LiwaterAppFactory app, Db db)
    {
        var compound = await db.ReadAsync(c => c.QueryFirstAsync<(long Id, long CommunityId)>("SELECT id, community_id FROM compounds ORDER BY id LIMIT 1"));
        var store = app.Services.GetRequiredService<UserStore>();
        await store.EnsureAsync(new UserInput { Username = "n-steward", DisplayName = "管家乙", Role = Roles.PropertySteward, Password = Password });
        await store.EnsureAsync(new UserInput { Username = "n-staff", DisplayName = "社工乙", Role = Roles.CommunityStaff, CommunityId = compound.CommunityId, Password = Password });
        var stewardId = await db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT id FROM users WHERE username = 'n-steward'"));
        var staffId = await db.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT id FROM users WHERE username = 'n-staff'"));
        Assert.Empty(await store.SetCompoundsAsync(new ActingUser { Username = "test", Role = Roles.TownOffice }, stewardId, [compound.Id]));
        return ((await store.FindAsync(stewardId))!.ToActingUser(), (await store.FindAsync(staffId))!.ToActingUser(), compound.Id);
    }

    private static Task WaitAsync(Func<bool> condition, TimeSpan timeout, string what) => WaitAsync(() => Task.FromResult(condition()), timeout, what);

    private static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var until = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, $"Timed out waiting for: {what}");
            await Task.Delay(100);
        }
    }
}
