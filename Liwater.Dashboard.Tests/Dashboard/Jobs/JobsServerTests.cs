using Hangfire;
using Hangfire.Common;
using Liwater.Dashboard.Jobs;
using Liwater.Dashboard.Notifications;
using Liwater.Data.Database;
using Liwater.Data.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Tests.Dashboard.Jobs;

/// <summary>
/// The jobs server starts once the app answers, not before (decision 0127). A failure to start stops the app with exit
/// code 1, and an app stopped before it answered never starts Hangfire.
/// </summary>
public sealed class JobsServerTests
{
    [Fact]
    public async Task StartAsync_BeforeTheAppAnswers_StartsNothingThenRegistersAndStartsOnceItDoes()
    {
        var (server, hangfire, lifetime, manager) = Build();

        await server.StartAsync(TestContext.Current.CancellationToken);
        await Task.Delay(100, TestContext.Current.CancellationToken);
        // Not even created: creating Hangfire's service opens the job storage.
        Assert.Equal(0, hangfire.Created);
        Assert.Equal(0, hangfire.Starts);
        Assert.Empty(manager.Ids);

        lifetime.FireStarted();
        await server.Started.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal((1, 1), (hangfire.Created, hangfire.Starts));
        Assert.Equal(8, manager.Ids.Count);
        Assert.Contains(RecurringJobs.DeadlineWatchdog, manager.Ids);
        await server.StopAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, hangfire.Stops);
    }

    [Fact]
    public async Task Start_HangfireFails_StopsTheAppWithExitCodeOne()
    {
        var (server, hangfire, lifetime, _) = Build();
        hangfire.Failure = new InvalidOperationException("storage is read-only");
        var exitCode = Environment.ExitCode;
        try
        {
            await server.StartAsync(TestContext.Current.CancellationToken);
            lifetime.FireStarted();

            var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => server.Started.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
            Assert.Equal("storage is read-only", failure.Message);
            Assert.True(lifetime.StopRequested);
            Assert.Equal(1, Environment.ExitCode);
        }
        finally
        {
            Environment.ExitCode = exitCode;
        }
    }

    [Fact]
    public async Task StopAsync_BeforeTheAppAnswered_NeverStartsHangfire()
    {
        var (server, hangfire, lifetime, manager) = Build();
        await server.StartAsync(TestContext.Current.CancellationToken);

        await server.StopAsync(TestContext.Current.CancellationToken);
        lifetime.FireStarted();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => server.Started.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));

        Assert.Equal((0, 0, 0), (hangfire.Created, hangfire.Starts, hangfire.Stops));
        Assert.Empty(manager.Ids);
    }

    private static (JobsServer Server, FakeHangfire Hangfire, FakeLifetime Lifetime, RecordingManager Manager) Build()
    {
        var hangfire = new FakeHangfire();
        var lifetime = new FakeLifetime();
        var manager = new RecordingManager();
        var services = new ServiceCollection()
            .AddSingleton<IRecurringJobManager>(manager)
            .AddSingleton(new TownClock(TimeProvider.System, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")))
            .AddSingleton(new ReportOptions())
            .AddSingleton(Options.Create(new NotificationOptions()))
            .BuildServiceProvider();
        return (new JobsServer(() => hangfire.Create(), services, lifetime, NullLogger<JobsServer>.Instance), hangfire, lifetime, manager);
    }

    private sealed class FakeHangfire : IHostedService
    {
        public int Created { get; private set; }

        public int Starts { get; private set; }

        public int Stops { get; private set; }

        public Exception? Failure { get; set; }

        /// <summary>What the server's factory calls: counts the creations, returns this one.</summary>
        public FakeHangfire Create()
        {
            Created++;
            return this;
        }

        public Task StartAsync(CancellationToken cancellationToken)
        {
            Starts++;
            return Failure is null ? Task.CompletedTask : Task.FromException(Failure);
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            Stops++;
            return Task.CompletedTask;
        }
    }

    private sealed class FakeLifetime : IHostApplicationLifetime
    {
        private readonly CancellationTokenSource started = new();

        public CancellationToken ApplicationStarted => started.Token;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public bool StopRequested { get; private set; }

        public void FireStarted() => started.Cancel();

        public void StopApplication() => StopRequested = true;
    }

    private sealed class RecordingManager : IRecurringJobManager
    {
        public List<string> Ids { get; } = [];

        public void AddOrUpdate(string recurringJobId, Job job, string cronExpression, RecurringJobOptions options) => Ids.Add(recurringJobId);

        public void Trigger(string recurringJobId) => throw new NotSupportedException();

        public void RemoveIfExists(string recurringJobId) => throw new NotSupportedException();
    }
}
