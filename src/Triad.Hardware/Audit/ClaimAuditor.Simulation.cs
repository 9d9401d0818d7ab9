using System.Text.Json;
using Triad.Hardware.Catalog;

namespace Triad.Hardware.Audit;

public static partial class ClaimAuditor
{
    /// <summary>
    /// A claim checked by simulation: <c>simulation</c> names it, <c>settings</c> gives its numbers (epochs, seeds,
    /// sizes), and each of <c>rows</c> picks one computed <c>value</c> and how it is judged: against <c>claimed</c>
    /// (ratio, <c>tolerance</c>, <c>better</c>, as every other method), against a bound <c>atLeast</c> or
    /// <c>atMost</c> stated with its <c>criterion</c>, or, where the claim cannot be settled by the figure,
    /// <c>unverifiable</c> with the reason. The figures come from <paramref name="evidence"/> at audit time; without a
    /// source that can run the simulation, the rows say so and compute nothing.
    /// </summary>
    private static IEnumerable<AuditRow> Simulation(string id, string text, JsonFields c, IClaimEvidence? evidence, List<string> notes)
    {
        string simulation = c.RequireString("simulation");
        var settings = new Dictionary<string, double>(StringComparer.Ordinal);
        if (c.OptionalObject("settings") is { } s)
        {
            foreach (string key in s.Keys().ToList())
            {
                settings[key] = s.RequireNumber(key);
            }
            s.RejectUnknown();
        }
        JsonElement array = c.Require("rows");
        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            throw c.Error(c.Name("rows"), "must be a non-empty array of the values to compare");
        }
        var rows = new List<JsonFields>();
        int i = 0;
        foreach (JsonElement element in array.EnumerateArray())
        {
            rows.Add(new JsonFields(c.File, c.Name($"rows[{i++}]"), element));
        }
        // Every row's schema is checked before the simulation runs (which may train models for a minute).
        foreach (JsonFields row in rows)
        {
            row.RequireString("value");
            bool bound = row.OptionalNumber("atLeast") is not null | row.OptionalNumber("atMost") is not null;
            bool claimedGiven = row.OptionalNumber("claimed") is not null;
            bool criterionGiven = row.OptionalString("criterion") is not null;
            bool unverifiableGiven = row.OptionalString("unverifiable") is not null;
            row.OptionalString("note");
            row.Optional("tolerance");
            row.Optional("better");
            row.RejectUnknown();
            if (!unverifiableGiven && bound && !criterionGiven)
            {
                throw row.Error(row.Name("criterion"), "a bound (atLeast or atMost) needs the criterion it stands for");
            }
            if (!unverifiableGiven && !bound && !claimedGiven)
            {
                throw row.Error(row.Name("value"), "needs 'claimed', a bound ('atLeast' or 'atMost' with 'criterion') or 'unverifiable'");
            }
        }
        if (evidence is not null && !evidence.CanRun(simulation))
        {
            throw c.Error(c.Name("simulation"), $"'{simulation}' is not a simulation this audit can run");
        }
        if (evidence is null)
        {
            foreach (JsonFields row in rows)
            {
                yield return new AuditRow(id, text, row.RequireString("value"), "", row.OptionalNumber("claimed"), null, null,
                    $"not run: simulation '{simulation}' needs the photonics, quantum and learning engines, which `triad audit` supplies",
                    notes);
            }
            yield break;
        }
        ClaimEvidence result = evidence.Run(simulation, settings);
        foreach (JsonFields row in rows)
        {
            EvidenceValue value = result.Get(row.RequireString("value"));
            double? claimed = row.OptionalNumber("claimed");
            double? atLeast = row.OptionalNumber("atLeast"), atMost = row.OptionalNumber("atMost");
            string? unverifiable = row.OptionalString("unverifiable");
            string? criterion = row.OptionalString("criterion");
            string? note = row.OptionalString("note");
            string verdict;
            if (unverifiable is not null)
            {
                verdict = $"unverifiable: {unverifiable}";
            }
            else if (atLeast is not null || atMost is not null)
            {
                if (criterion is null)
                {
                    throw row.Error(row.Name("criterion"), "a bound (atLeast or atMost) needs the criterion it stands for");
                }
                bool meets = (atLeast is null || value.Value >= atLeast) && (atMost is null || value.Value <= atMost);
                string bound = atLeast is { } lo && atMost is { } hi ? $"in [{F(lo)}, {F(hi)}]" : atLeast is { } l ? $"≥ {F(l)}" : $"≤ {F(atMost!.Value)}";
                string shown = value.Unit switch
                {
                    "" => F(value.Value),
                    "×" or "%" => $"{F(value.Value)}{value.Unit}",
                    _ => $"{F(value.Value)} {value.Unit}",
                };
                verdict = $"{(meets ? "consistent" : "inconsistent")} ({criterion}: {shown} {(meets ? "is" : "is not")} {bound})";
            }
            else if (claimed is { } cl && cl > 0 && !(value.Value > 0))
            {
                // A ratio to zero or a negative figure means nothing: the simulation found none of the claimed effect.
                verdict = $"inconsistent (the simulation finds {F(value.Value)} {value.Unit} where {F(cl)} is claimed)";
            }
            else if (claimed is { } cl2)
            {
                verdict = Verdict(cl2, value.Value, row, internalCheck: false);
            }
            else
            {
                throw row.Error(row.Name("value"), "needs 'claimed', a bound ('atLeast' or 'atMost' with 'criterion') or 'unverifiable'");
            }
            row.Optional("tolerance");
            row.Optional("better");
            row.RejectUnknown();
            List<string> assumptions = [.. result.Assumptions, .. notes];
            if (note is not null)
            {
                assumptions.Add(note);
            }
            yield return new AuditRow(id, text, value.Quantity, value.Unit, claimed, value.Value, claimed / value.Value, verdict, assumptions);
        }
    }
}
