namespace MentoringFunctions.Match.Tests;

/// <summary>A scratch directory per test, removed afterwards.</summary>
public sealed class Files : IDisposable
{
    public const string Header = "id,role,name,email,organisation,years_in_sector,region,meeting,offers,seeks,capacity,avoid,notes";

    public const string Cohort = Header + """

        m1,mentor,Ann,ann@a.org,Org A,18,North West,either,finance;policy;procurement,,2,,
        m2,mentor,Bob,bob@b.org,Org B,9,Wales,online,heat;legal,,1,,
        b1,both,Cat,cat@c.org,,12,North West,in-person,policy,finance;legal,1,,
        e1,mentee,Dan,dan@d.org,Org A,3,North West,either,,finance;policy,,,
        e2,mentee,Eve,eve@e.org,org b ,2,Wales,online,,heat,,,
        e3,mentee,Fay,fay@f.org,Org C,14,London,either,,policy,,,
        e4,mentee,Gus,gus@g.org,Org C,1,Wales,in-person,,legal,,ann@a.org,

        """;

    public string Dir { get; } = Directory.CreateTempSubdirectory("match-tests-").FullName;

    public string Path(string name) => System.IO.Path.Combine(Dir, name);

    public string Write(string name, string text)
    {
        File.WriteAllText(Path(name), text);
        return Path(name);
    }

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}
