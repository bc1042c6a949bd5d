using MentoringFunctions.Admin;
using MentoringFunctions.Applications;
using MentoringFunctions.Cohorts;
using MentoringFunctions.Email;
using MentoringFunctions.Hosting;
using MentoringFunctions.Matching;
using MentoringFunctions.Pages;
using MentoringFunctions.Rhythm;
using MentoringFunctions.Storage;

var builder = WebApplication.CreateBuilder(args);
builder.AddFunctionsHost().AddAdmin().AddEmail();
builder.Services.AddStorage().AddApplications().AddMatchRuns(builder.Configuration).AddRhythm(builder.Configuration);

var app = builder.Build();
await app.StartLocalStorageAsync();
await app.Services.InitializeStorageAsync();
app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapFunctionInvocations();
app.MapFormPages();
app.MapApplications();
app.MapCohorts();
app.MapApplicationAdmin();
app.MapMatchRuns();
app.MapMatchRunPages();
app.MapRhythm();
app.MapAdminPages();
app.Run();

public partial class Program;
