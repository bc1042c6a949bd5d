using System.Globalization;

namespace MentoringFunctions.Core.Applications;

/// <summary>One field a proposed change alters, in words: "Region: Wales → North West".</summary>
public sealed record ChangedField(string Field, string Label, string Old, string New);

/// <summary>What applying again would change, field by field, for the owner to read before confirming.</summary>
public static class ApplicationChange
{
    /// <summary>
    /// The fields <paramref name="proposed"/> changes in <paramref name="current"/>. The e-mail address is the
    /// application's key, so it never differs; the id is the stored one, so it is not compared.
    /// </summary>
    public static IReadOnlyList<ChangedField> Between(Application current, Application proposed)
    {
        var changes = new List<ChangedField>();
        void Compare(string field, string label, string old, string @new)
        {
            if (!string.Equals(old, @new, StringComparison.Ordinal))
                changes.Add(new(field, label, Words(old), Words(@new)));
        }
        Compare(Fields.Role, "Role", current.Role.ToText(), proposed.Role.ToText());
        Compare(Fields.Name, "Name", current.Name, proposed.Name);
        Compare(Fields.Organisation, "Organisation", current.Organisation, proposed.Organisation);
        Compare(Fields.YearsInSector, "Years in the sector", N(current.YearsInSector), N(proposed.YearsInSector));
        Compare(Fields.Region, "Region", current.Region, proposed.Region);
        Compare(Fields.Meeting, "Meeting", current.Meeting.ToText(), proposed.Meeting.ToText());
        Compare(Fields.Offers, "Topics offered", List(current.Offers), List(proposed.Offers));
        Compare(Fields.Seeks, "Topics sought", List(current.Seeks), List(proposed.Seeks));
        Compare(Fields.Capacity, "Mentees you can take", N(current.Capacity), N(proposed.Capacity));
        Compare(Fields.Avoid, "People or organisations to avoid", List(current.Avoid), List(proposed.Avoid));
        Compare(Fields.Notes, "Notes", current.Notes, proposed.Notes);
        return changes;
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string List(IReadOnlyList<string> items) => string.Join(", ", items);

    // An empty value reads as a word, so "Notes: (none) → …" says what happens.
    private static string Words(string value) => value.Length == 0 ? "(none)" : value;
}
