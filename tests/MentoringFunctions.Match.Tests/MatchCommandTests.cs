using System.Text.Json;

namespace MentoringFunctions.Match.Tests;

public class MatchCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = MatchCommand.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Writes_pairs_and_report()
    {
        using var files = new Files();
        var (code, stdout, _) = Run("--input", files.Write("in.csv", Files.Cohort), "--output", files.Path("out.csv"), "--report", files.Path("report.json"));

        Assert.Equal(0, code);
        Assert.Contains("proven optimal", stdout);
        var lines = File.ReadAllLines(files.Path("out.csv"));
        Assert.Equal("mentor_id,mentee_id,score,reasons", lines[0]);
        Assert.Equal(["b1,e1", "m1,e2", "m1,e3"], lines.Skip(1).Select(l => string.Join(",", l.Split(',').Take(2))));
        using var report = JsonDocument.Parse(File.ReadAllText(files.Path("report.json")));
        var root = report.RootElement;
        Assert.True(root.GetProperty("optimality").GetProperty("proven").GetBoolean());
        Assert.Equal(["b1", "e4"], root.GetProperty("unmatched").EnumerateArray().Select(u => u.GetProperty("menteeId").GetString()));
        Assert.Equal("b1", root.GetProperty("both")[0].GetProperty("id").GetString());
        Assert.Equal(5, root.GetProperty("supplyDemand").GetProperty("byExperience").GetArrayLength());
        Assert.True(root.GetProperty("timings").GetProperty("matchMs").GetInt64() >= 0);
        Assert.Empty(Directory.GetFiles(files.Dir, "*.tmp"));
    }

    [Fact]
    public void Malformed_row_names_line_and_column_and_writes_nothing()
    {
        using var files = new Files();
        var csv = Files.Cohort.Replace("e2,mentee,Eve,eve@e.org,org b ,2,", "e2,mentee,Eve,eve@e.org,org b ,two,");
        var (code, _, stderr) = Run("--input", files.Write("in.csv", csv), "--output", files.Path("out.csv"), "--report", files.Path("r.json"));

        Assert.Equal(1, code);
        Assert.Contains("line 6, column 6 (years_in_sector)", stderr);
        Assert.False(File.Exists(files.Path("out.csv")));
        Assert.False(File.Exists(files.Path("r.json")));
    }

    [Fact]
    public void Bad_header_and_duplicate_ids_are_reported()
    {
        using var files = new Files();
        var (code, _, stderr) = Run("--input", files.Write("in.csv", "id,role\n"), "--output", files.Path("out.csv"));
        Assert.Equal(1, code);
        Assert.Contains("line 1, column 3", stderr);

        var dup = Files.Cohort + "m1,mentee,Zed,zed@z.org,,1,Wales,online,,heat,,,\n";
        (code, _, stderr) = Run("--input", files.Write("dup.csv", dup), "--output", files.Path("out.csv"));
        Assert.Equal(1, code);
        Assert.Contains("line 9, column 1 (id): id 'm1' is already used on line 2", stderr);
        Assert.False(File.Exists(files.Path("out.csv")));
    }

    [Fact]
    public void Settings_file_is_applied_and_its_errors_are_reported()
    {
        using var files = new Files();
        var input = files.Write("in.csv", Files.Cohort);
        var settings = files.Write("s.json", """{ "bothPriority": "equal", "locks": [ { "mentor": "m1", "mentee": "b1" } ] }""");
        var (code, _, _) = Run("--input", input, "--output", files.Path("out.csv"), "--settings", settings);
        Assert.Equal(0, code);
        Assert.Contains(File.ReadAllLines(files.Path("out.csv")), l => l.StartsWith("m1,b1,", StringComparison.Ordinal));

        var typo = files.Write("typo.json", """{ "rules": { "minYearGap": 3 } }""");
        (code, _, var stderr) = Run("--input", input, "--output", files.Path("x.csv"), "--settings", typo);
        Assert.Equal(1, code);
        Assert.Contains("minYearGap", stderr);

        var badLock = files.Write("lock.json", """{ "locks": [ { "mentor": "m2", "mentee": "e1" }, { "mentor": "nobody", "mentee": "e1" } ] }""");
        (code, _, stderr) = Run("--input", input, "--output", files.Path("x.csv"), "--settings", badLock);
        Assert.Equal(1, code);
        Assert.Contains("'nobody' is not the id or e-mail", stderr);
        Assert.False(File.Exists(files.Path("x.csv")));
    }

    [Theory]
    [InlineData("--input")]
    [InlineData("--output", "x.csv")]
    [InlineData("--input", "a.csv", "--output", "b.csv", "--colour", "red")]
    public void Usage_errors_exit_2(params string[] args) => Assert.Equal(2, Run(args).Code);
}
