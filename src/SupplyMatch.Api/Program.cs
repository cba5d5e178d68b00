using System.Text.Json;
using System.Text.Json.Serialization;
using SupplyMatch.Api.Auth;
using SupplyMatch.Api.Endpoints;
using SupplyMatch.Api.Infrastructure;
using SupplyMatch.Api.Problems;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddOptions<SupplyMatchOptions>().BindConfiguration(SupplyMatchOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.ConfigureHttpJsonOptions(o =>
{
    // Enums by name only: a number (99, -1, or even 1) is not a grade, status or solver the API documents, and would be
    // stored as an undefined value that no lot can meet.
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
    o.SerializerOptions.Converters.Add(new IsoTimestamp.Converter());
    // A field the body does not have (a misspelt "partialAllow": false) is refused, not dropped: the line would be stored
    // without what its sender asked for, as an unknown query parameter would be ignored (see QueryParameterFilter).
    o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
    // A number sent as a string is a wrong type (400 malformed_request), not silently read.
    o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
});
builder.Services.AddSupplyMatchProblems();
builder.Services.AddSupplyMatchStorage(builder.Configuration);
builder.Services.AddSupplyMatchJobs(builder.Configuration);
builder.Services.AddSupplyMatchFeeds();
builder.Services.AddSupplyMatchAuth();
builder.Services.AddSupplyMatchSwagger();

var app = builder.Build();
app.UseSupplyMatchProblems();
app.UseMiddleware<ControlCharacterGuard>();
app.UseSupplyMatchWeb();
app.UseSwagger();
app.UseSwaggerUI(o => o.DocumentTitle = "SupplyMatch API");
app.UseAuthentication();
app.UseAuthorization();
app.UseMiddleware<IdempotencyMiddleware>();
app.MapSupplyMatchDashboard();
app.MapHealthEndpoints();
app.MapFeedSamples();
var api = app.MapGroup("/api/v1").RequireAuthorization().RefuseUnknownQueryParameters();
api.MapReferenceEndpoints();
api.MapDemandEndpoints();
api.MapDemandUploadEndpoints();
api.MapForecastEndpoints();
api.MapRoundEndpoints();
api.MapRoundResultEndpoints();
api.MapLogisticsEndpoints();
api.MapCompareEndpoints();
api.MapScheduleEndpoints();
api.MapPublishedEndpoints();
api.MapMyLogisticsEndpoints();
api.MapAdminEndpoints();
api.MapMeEndpoints();
api.MapFeedEndpoints();

if (await AdminCommand.TryRunAsync(app.Services, args, Console.Out, Console.Error) is { } exitCode)
{
    Environment.ExitCode = exitCode;
    return;
}

await app.Services.GetRequiredService<StartupTasks>().RunAsync(app.Lifetime.ApplicationStopping);
await app.RunAsync();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
