using Microsoft.Extensions.Options;

namespace Liwater.Dashboard.Extensions;

/// <summary>
/// One way to bind and check every settings class: an <see cref="IValidateOptions{TOptions}"/> whose rules return
/// one message per bad key, naming it in full (<c>Liwater:Jobs:WorkerCount</c>), checked at start-up. The host runs
/// every validator before starting; <see cref="Describe"/> turns all their failures into one message, so an operator
/// fixes every key in one go (Program.cs prints it and exits with 1).
/// </summary>
public static class OptionsValidation
{
    /// <summary>Binds <typeparamref name="T"/> to <paramref name="section"/> and validates it on start with <paramref name="rules"/>.</summary>
    /// <param name="rules">Given the options and the section name, returns a message per problem, each naming the full key.</param>
    public static OptionsBuilder<T> AddValidatedOptions<T>(
        this IServiceCollection services, IConfiguration configuration, string section, Func<T, string, IEnumerable<string>> rules)
        where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(new KeyedOptionsValidator<T>(section, rules));
        return services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
    }

    /// <summary>
    /// Like <see cref="AddValidatedOptions{T}(IServiceCollection, IConfiguration, string, Func{T, string, IEnumerable{string}})"/>
    /// for rules that need services (the environment, the whole configuration).
    /// </summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(
        this IServiceCollection services, IConfiguration configuration, string section, Func<IServiceProvider, T, string, IEnumerable<string>> rules)
        where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(sp => new KeyedOptionsValidator<T>(section, (o, s) => rules(sp, o, s)));
        return services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
    }

    /// <summary>
    /// Runs every settings validator registered with ValidateOnStart; returns all their failures in one message, or
    /// null when the settings are fine.
    /// </summary>
    public static string? ValidateAll(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return null;
        }
        catch (Exception e) when (Describe(e) is { } failures)
        {
            return failures;
        }
    }

    /// <summary>Every failure of the options validators in <paramref name="exception"/>, one per line; null if it is not theirs.</summary>
    public static string? Describe(Exception exception)
    {
        var failures = exception switch
        {
            OptionsValidationException one => one.Failures,
            AggregateException many when many.Flatten().InnerExceptions.All(e => e is OptionsValidationException) =>
                many.Flatten().InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures),
            _ => null,
        };
        return failures is null ? null : string.Join(Environment.NewLine, failures.Distinct(StringComparer.Ordinal));
    }

    /// <summary>A rule: <paramref name="value"/> at least <paramref name="min"/>, else a message naming the key.</summary>
    public static IEnumerable<string> AtLeast(string section, string key, double value, double min)
    {
        if (double.IsNaN(value) || value < min)
        {
            yield return $"{section}:{key} is {value}; it must be at least {min}.";
        }
    }

    /// <summary>A rule: <paramref name="value"/> above 0, else a message naming the key.</summary>
    public static IEnumerable<string> Positive(string section, string key, double value)
    {
        if (double.IsNaN(value) || value <= 0)
        {
            yield return $"{section}:{key} is {value}; it must be above 0.";
        }
    }

    private sealed class KeyedOptionsValidator<T>(string section, Func<T, string, IEnumerable<string>> rules) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var failures = rules(options, section).ToList();
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
