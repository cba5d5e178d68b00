using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using SupplyMatch.Api.Auth;
using SupplyMatch.Api.Endpoints;
using SupplyMatch.Api.Jobs;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace SupplyMatch.Api.Infrastructure;

public static class SwaggerSetup
{
    public static IServiceCollection AddSupplyMatchSwagger(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "SupplyMatch API",
                Version = "v1",
                Description = "Matches Greater Bay Area vegetable-basket demand with harvest supply from western partner provinces. "
                    + "Money in CNY (decimal), dates are China Standard Time calendar days (yyyy-MM-dd), timestamps UTC. "
                    + "Every error is RFC 7807 problem details with a stable 'code'.",
            });
            o.AddSecurityDefinition(ApiKeyAuthenticationHandler.SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticator.Header,
                Description = "API key issued by an admin (or a demo key printed at start). Also accepted: 'Authorization: ApiKey KEY'.",
            });
            o.AddSecurityRequirement(doc => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, doc)] = [],
            });
            // The doc comments of the API's and the engine's types describe their fields in the schemas.
            foreach (var assembly in new[] { typeof(SwaggerSetup).Assembly, typeof(Core.Matching.MatchingSettings).Assembly })
            {
                var path = Path.Combine(AppContext.BaseDirectory, assembly.GetName().Name + ".xml");
                if (File.Exists(path))
                {
                    o.IncludeXmlComments(path);
                }
            }

            o.OperationFilter<ExamplesFilter>();
            o.SupportNonNullableReferenceTypes();
            // A nullable enum or object is an allOf of its schema marked nullable (a bare $ref cannot say that it may be null).
            o.UseAllOfToExtendReferenceSchemas();
            // Money is decimal CNY, sent exactly as stored (3.05, 4800.00): a client reading it as a binary double would round it.
            o.MapType<decimal>(() => new OpenApiSchema { Type = JsonSchemaType.Number, Format = "decimal" });
            o.MapType<decimal?>(() => new OpenApiSchema { Type = JsonSchemaType.Number | JsonSchemaType.Null, Format = "decimal" });
            o.SchemaFilter<RequiredMembersFilter>();
            o.OperationFilter<RequiredParametersFilter>();
            o.OperationFilter<CsvResponsesFilter>();
            o.DocumentFilter<ProblemAndRequestSchemasFilter>();
            o.CustomSchemaIds(t => t.FullName!.Replace("SupplyMatch.", "", StringComparison.Ordinal).Replace('+', '.').Replace('`', '_')
                .Replace("[", "_", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal).Replace(",", "_", StringComparison.Ordinal)
                .Split(' ')[0]);
        });
        return services;
    }

    /// <summary>Request and response examples from endpoint metadata, serialised with the API's JSON options; documents Idempotency-Key.</summary>
    private sealed class ExamplesFilter(IOptions<JsonOptions> json, TimeProvider clock) : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
            foreach (var example in metadata.OfType<RequestExample>())
            {
                if (operation.RequestBody?.Content is { } content && content.TryGetValue("application/json", out var found) && found is OpenApiMediaType media)
                {
                    media.Example = JsonNode.Parse(JsonSerializer.Serialize(example.Build(Cst.Today(clock)), json.Value.SerializerOptions));
                }
            }

            foreach (var required in metadata.OfType<RequiredMembers>())
            {
                if (operation.RequestBody?.Content is { } content && content.TryGetValue("application/json", out var found) && found is OpenApiMediaType media)
                {
                    var body = media.Schema as OpenApiSchema ?? new OpenApiSchema { AllOf = [media.Schema!] };
                    body.Required = new HashSet<string>(required.Names, StringComparer.Ordinal);
                    media.Schema = body;
                }
            }

            // A JSON body sent as another media type (or with none) is refused with 415 unsupported_media_type.
            if (operation.RequestBody?.Content is { } json415 && json415.ContainsKey("application/json") && operation.Responses is { } responses
                && !responses.ContainsKey("415"))
            {
                responses["415"] = new OpenApiResponse
                {
                    Description = "Unsupported Media Type: the body must be sent as application/json.",
                    Content = new Dictionary<string, IOpenApiMediaType>
                    {
                        ["application/problem+json"] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), context.SchemaRepository) },
                    },
                };
            }

            if (string.Equals(context.ApiDescription.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase))
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = IdempotencyMiddleware.Header,
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "Optional. A retried request with the same key and body returns the first response and creates nothing again; "
                        + "the same key with another body gives 422 idempotency_key_reused, and while the first request with it still runs, 409 "
                        + "idempotency_in_progress.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
                if (context.ApiDescription.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true && operation.Responses is { } answers)
                {
                    foreach (var (status, description) in new[] { ("409", "Conflict"), ("422", "Unprocessable Content") })
                    {
                        answers.TryAdd(status, new OpenApiResponse
                        {
                            Description = description,
                            Content = new Dictionary<string, IOpenApiMediaType>
                            {
                                ["application/problem+json"] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), context.SchemaRepository) },
                            },
                        });
                    }
                }
            }
        }
    }
}
