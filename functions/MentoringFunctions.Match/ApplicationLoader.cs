using MentoringFunctions.Core.Applications;

namespace MentoringFunctions.Match;

/// <summary>Reads and validates the application CSV; every problem names its line and column.</summary>
internal static class ApplicationLoader
{
    public static (IReadOnlyList<Application> Applications, IReadOnlyList<string> Errors) Load(TextReader reader)
    {
        var file = ApplicationCsv.Read(reader);
        if (!file.IsValid) return ([], [file.Error!]);

        var apps = new List<Application>();
        var errors = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in file.Rows)
        {
            var id = row.Input.Id ?? "";
            if (id.Length == 0) { errors.Add(At(row.Line, Fields.Id, "the id is empty")); continue; }
            if (seen.TryGetValue(id, out var first)) { errors.Add(At(row.Line, Fields.Id, $"id '{id}' is already used on line {first}")); continue; }
            seen[id] = row.Line;
            var validated = ApplicationValidator.Validate(row.Input, new ApplicationRules(), id);
            if (validated.IsValid) { apps.Add(validated.Value!); continue; }
            foreach (var (field, messages) in validated.Errors.OrderBy(e => Column(e.Key)))
                foreach (var message in messages) errors.Add(At(row.Line, field, message));
        }
        return (apps, errors);
    }

    private static int Column(string field) => Array.IndexOf(ApplicationCsv.Header, field) + 1;

    private static string At(int line, string field, string message) =>
        Column(field) > 0 ? $"line {line}, column {Column(field)} ({field}): {message}" : $"line {line} ({field}): {message}";
}
