using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace Triad.Benchmarks;

/// <summary>
/// Runs every <c>[Benchmark]</c> method in an assembly once, without BenchmarkDotNet, so a benchmark that no
/// longer runs fails a quick check instead of a long benchmark session. Each class gets its smallest
/// <c>[Params]</c> values, its <c>[GlobalSetup]</c> and <c>[GlobalCleanup]</c>, and <c>[IterationSetup]</c> and
/// <c>[IterationCleanup]</c> around each call. Other parameter sources are rejected rather than skipped.
/// </summary>
public static class SmokeRunner
{
    /// <summary>Runs the benchmarks, writes one line per method, and returns the number that failed.</summary>
    public static int Run(Assembly assembly, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(output);
        int ran = 0, failed = 0;
        IEnumerable<Type> types = assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && BenchmarkMethods(t).Any())
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        foreach (Type type in types)
        {
            try
            {
                RunClass(type, output, ref ran, ref failed);
            }
            catch (Exception ex) when (ex is TargetInvocationException or InvalidOperationException or MissingMethodException)
            {
                failed++;
                output.WriteLine($"FAILED {type.Name}: {(ex.InnerException ?? ex).Message}");
            }
        }
        output.WriteLine($"smoke: {ran} benchmark methods ran, {failed} failed");
        return ran == 0 ? 1 : failed;
    }

    private static void RunClass(Type type, TextWriter output, ref int ran, ref int failed)
    {
        object instance = Activator.CreateInstance(type)
            ?? throw new InvalidOperationException($"cannot create {type.Name}");
        string parameters = SetSmallestParams(type, instance);
        MethodInfo[] methods = BenchmarkMethods(type).ToArray();
        Invoke<GlobalSetupAttribute>(type, instance, null);
        try
        {
            foreach (MethodInfo method in methods)
            {
                Invoke<IterationSetupAttribute>(type, instance, method.Name);
                var clock = Stopwatch.StartNew();
                try
                {
                    method.Invoke(instance, Arguments(method));
                    ran++;
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"ran {type.Name}.{method.Name}({parameters}) in {clock.Elapsed.TotalMilliseconds:F1} ms"));
                }
                catch (TargetInvocationException ex)
                {
                    failed++;
                    output.WriteLine($"FAILED {type.Name}.{method.Name}({parameters}): {ex.InnerException?.Message}");
                }
                Invoke<IterationCleanupAttribute>(type, instance, method.Name);
            }
        }
        finally
        {
            Invoke<GlobalCleanupAttribute>(type, instance, null);
            (instance as IDisposable)?.Dispose();
        }
    }

    private static IEnumerable<MethodInfo> BenchmarkMethods(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null)
            .OrderBy(m => m.Name, StringComparer.Ordinal);

    // Sets each [Params] member to its smallest value; returns "N=256, …" for the report.
    private static string SetSmallestParams(Type type, object instance)
    {
        var parts = new List<string>();
        foreach (MemberInfo member in type.GetMembers(BindingFlags.Public | BindingFlags.Instance))
        {
            if (member.GetCustomAttribute<ParamsSourceAttribute>() is not null
                || member.GetCustomAttribute<ParamsAllValuesAttribute>() is not null)
            {
                throw new InvalidOperationException($"{type.Name}.{member.Name}: smoke mode supports only [Params]");
            }
            if (member.GetCustomAttribute<ParamsAttribute>() is not { } attribute)
            {
                continue;
            }
            object? smallest = attribute.Values.OrderBy(v => v).FirstOrDefault();
            switch (member)
            {
                case PropertyInfo property:
                    property.SetValue(instance, smallest);
                    break;
                case FieldInfo field:
                    field.SetValue(instance, smallest);
                    break;
                default:
                    continue;
            }
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{member.Name}={smallest}"));
        }
        return string.Join(", ", parts);
    }

    private static object?[]? Arguments(MethodInfo method)
    {
        if (method.GetParameters().Length == 0)
        {
            return null;
        }
        return method.GetCustomAttributes<ArgumentsAttribute>().FirstOrDefault()?.Values
            ?? throw new InvalidOperationException($"{method.Name} takes parameters but has no [Arguments]");
    }

    // Runs the setup or cleanup methods of the given kind that apply to the benchmark method (all when null).
    private static void Invoke<TAttribute>(Type type, object instance, string? benchmarkName)
        where TAttribute : TargetedAttribute
    {
        foreach (MethodInfo method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance))
        {
            if (method.GetCustomAttribute<TAttribute>() is not { } attribute)
            {
                continue;
            }
            string[] targets = attribute.Targets ?? [];
            if (benchmarkName is null || targets.Length == 0 || targets.Contains(benchmarkName))
            {
                method.Invoke(instance, null);
            }
        }
    }
}
