using System.Reflection;
using System.Reflection.Emit;
using Liwater.Data.Accounts;
using Liwater.Data.Database;

namespace Liwater.Dashboard.Tests.Data.Accounts;

/// <summary>
/// Every write made on a person's behalf re-checks the account (<see cref="AccountCheck.WriteAsAsync{T}"/>, decision
/// 0100). This reads the compiled code of the data layer and the app: every method that calls <see cref="Db.WriteAsync{T}"/>
/// directly — bypassing the re-check — must be one of the writes below, which no person makes (jobs, seeding, sign-in
/// itself, refusal audits). A new command that writes with <c>db.WriteAsync</c> fails here until it uses
/// <c>db.WriteAsAsync(actor, …)</c> or is added with its reason.
/// </summary>
public sealed class AccountCheckCoverageTests
{
    private static readonly Dictionary<string, string> SystemWrites = new()
    {
        ["AccountCheck.WriteAsAsync"] = "the re-check itself",
        ["Audit.RefusedAsync"] = "the trace of a refused attempt (the refused write itself never runs)",
        ["AutoEscalation.RunAsync"] = "the auto-escalation job",
        ["CaseCommands.RecordBreachesAsync"] = "the deadline watchdog job",
        ["RatingCommands.PublishAsync"] = "the ratings job re-ranking a published period",
        ["ReportCommands.PublishAsync"] = "the monthly report job",
        ["SnapshotCommands.*"] = "the statistics snapshot job",
        ["AggregateCheck.CheckAndRepairAsync"] = "the aggregates recount check (perf, decision 0160)",
        ["DeadlineWarnings.RecordDueSoonAsync"] = "the deadline watchdog job's due-soon warnings",
        ["NotificationReader.RunAsync"] = "the notification reader following the change log",
        ["NotificationCommands.ClaimAsync"] = "the delivery job claiming its row",
        ["NotificationCommands.SentAsync"] = "the delivery job recording a sent message",
        ["NotificationCommands.FailedAsync"] = "the delivery job recording a failed attempt",
        ["NotificationCommands.WriteDigestsAsync"] = "the daily digest job",
        ["DemoDataLoader.*"] = "loading the demo data into an empty database",
        ["UserStore.SignInAsync"] = "sign-in: nobody is signed in yet; the account is re-read inside the write",
        ["SignInAttemptLog.*"] = "the sign-in attempt log",
        ["UserStore.EnsureAsync"] = "seeding accounts at start-up",
        ["DemoAccounts.*"] = "disabling demo accounts at start-up",
        ["DatabaseXmlRepository.*"] = "the Data Protection key ring",
    };

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    [Fact]
    public void DirectWrites_DataAndApp_OnlyWritesNoPersonMakes()
    {
        var callers = WriteCallers(typeof(Db).Assembly).Concat(WriteCallers(typeof(Program).Assembly)).Distinct().Order(StringComparer.Ordinal).ToList();

        var bypassing = callers.Where(c => !SystemWrites.ContainsKey(c) && !SystemWrites.ContainsKey(c[..c.IndexOf('.', StringComparison.Ordinal)] + ".*")).ToList();

        // The scan must see the writes it allows, or it reads nothing at all.
        Assert.Contains("AccountCheck.WriteAsAsync", callers);
        Assert.Contains("CaseCommands.RecordBreachesAsync", callers);
        Assert.True(
            bypassing.Count == 0,
            "These write without re-checking the acting account; use db.WriteAsAsync(actor, …): " + string.Join(", ", bypassing));
    }

    /// <summary>"Type.Method" of every method in <paramref name="assembly"/> whose body (or one of its lambdas or async
    /// state machines) calls <see cref="Db.WriteAsync{T}"/> or its non-generic overload.</summary>
    private static IEnumerable<string> WriteCallers(Assembly assembly)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in assembly.GetTypes().Where(t => t != typeof(Db)))
        {
            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                if (Calls(method).Any(m => m.DeclaringType == typeof(Db) && m.Name == nameof(Db.WriteAsync)))
                {
                    yield return Origin(method);
                }
            }
        }
    }

    /// <summary>The source method a compiled method came from: lambdas (<c>&lt;Name&gt;b__0</c>), local functions and
    /// async state machines (<c>&lt;Name&gt;d__5</c>) carry their enclosing method's name.</summary>
    private static string Origin(MethodBase method)
    {
        var type = method.DeclaringType!;
        var name = Generated(method.Name) ?? method.Name;
        while (type.Name.StartsWith('<') || type.Name.Contains("<>", StringComparison.Ordinal))
        {
            name = Generated(type.Name) is { Length: > 0 } fromType && method.Name == "MoveNext" ? fromType : name;
            type = type.DeclaringType!;
        }

        return type.Name + "." + name;
    }

    private static string? Generated(string name)
    {
        var trimmed = name.TrimStart('<');
        var end = trimmed.IndexOf('>', StringComparison.Ordinal);
        return name.StartsWith('<') && end > 0 ? trimmed[..end] : null;
    }

    /// <summary>The methods called (or whose address is taken) in <paramref name="method"/>'s IL.</summary>
    private static IEnumerable<MethodBase> Calls(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        for (var i = 0; i < il.Length;)
        {
            short value = il[i++];
            if (value == 0xFE)
            {
                value = unchecked((short)(0xFE00 | il[i++]));
            }

            var op = OpCodesByValue[value];
            if (op.OperandType == OperandType.InlineMethod)
            {
                MethodBase? called = null;
                try
                {
                    called = method.Module.ResolveMethod(
                        BitConverter.ToInt32(il, i),
                        method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null,
                        method.IsGenericMethod ? method.GetGenericArguments() : null);
                }
                catch (ArgumentException)
                {
                    // A token that does not resolve in this context (a generic instantiation): not a call to Db.
                }

                if (called is not null)
                {
                    yield return called;
                }
            }

            i += op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, i)),
                _ => 4,
            };
        }
    }
}
