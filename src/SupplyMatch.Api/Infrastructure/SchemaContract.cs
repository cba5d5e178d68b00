using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using SupplyMatch.Api.Problems;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace SupplyMatch.Api.Infrastructure;

/// <summary>
/// Marks as required every property of an answer that the service always sends: one that is not nullable and not left out
/// of the JSON when empty. A client generated from the document then knows which fields it can rely on.
/// </summary>
internal sealed class RequiredMembersFilter : ISchemaFilter
{
    private static readonly NullabilityInfoContext Nullability = new();

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema target || target.Properties is not { Count: > 0 } properties || context.Type.IsEnum
            || context.Type.Namespace?.StartsWith("Microsoft.", StringComparison.Ordinal) == true)
        {
            return;
        }

        foreach (var member in context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = member.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(member.Name);
            if (properties.ContainsKey(name) && AlwaysSent(member))
            {
                target.Required ??= new HashSet<string>(StringComparer.Ordinal);
                target.Required.Add(name);
            }
        }
    }

    private static bool AlwaysSent(PropertyInfo member)
    {
        if (member.GetCustomAttribute<JsonIgnoreAttribute>() is { Condition: not JsonIgnoreCondition.Never })
        {
            return false;
        }

        return member.PropertyType.IsValueType
            ? Nullable.GetUnderlyingType(member.PropertyType) is null
            : Nullability.Create(member).ReadState == NullabilityState.NotNull;
    }
}

/// <summary>
/// Marks as required a query parameter that its handler requires (<see cref="System.ComponentModel.DataAnnotations.RequiredAttribute"/>
/// on a parameter the handler takes as nullable, to report its absence as validation_failed with rule required).
/// </summary>
internal sealed class RequiredParametersFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var description in context.ApiDescription.ParameterDescriptions)
        {
            if (description.ParameterDescriptor is Microsoft.AspNetCore.Mvc.Infrastructure.IParameterInfoParameterDescriptor { ParameterInfo: { } info }
                && info.GetCustomAttribute<System.ComponentModel.DataAnnotations.RequiredAttribute>() is not null
                && operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == description.Name) is { } parameter)
            {
                parameter.Required = true;
            }
        }
    }
}

/// <summary>A CSV answer is text: its schema is a string, whatever the JSON form of the same answer is.</summary>
internal sealed class CsvResponsesFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var response in operation.Responses?.Values.AsEnumerable() ?? [])
        {
            if (response.Content?.TryGetValue("text/csv", out var csv) == true && csv is OpenApiMediaType media)
            {
                media.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "CSV, UTF-8, header row first (data/README.md)." };
            }
        }
    }
}

/// <summary>
/// Holds the document to what the service sends: problem details carry their stable <c>code</c> (and a 400 its
/// <c>errors</c> and <c>violations</c>), and a schema that a request body refers to requires nothing of itself: the required
/// members of <see cref="RequiredMembersFilter"/> describe answers, and what a body requires differs between operations that
/// share its type (a PUT takes the key from the route), so each operation lists it on its body (<c>RequiredMembers</c>).
/// </summary>
internal sealed class ProblemAndRequestSchemasFilter : IDocumentFilter
{
    private const string Problem = "Microsoft.AspNetCore.Mvc.ProblemDetails";
    private const string ValidationProblem = "Microsoft.AspNetCore.Http.HttpValidationProblemDetails";

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var schemas = document.Components?.Schemas;
        if (schemas is null)
        {
            return;
        }

        foreach (var name in RequestSchemas(document, schemas))
        {
            if (schemas[name] is OpenApiSchema request)
            {
                request.Required?.Clear();
            }
        }

        var violation = context.SchemaGenerator.GenerateSchema(typeof(Violation), context.SchemaRepository);
        foreach (var name in new[] { Problem, ValidationProblem })
        {
            if (schemas.TryGetValue(name, out var found) && found is OpenApiSchema problem)
            {
                DescribeProblem(problem, name == ValidationProblem ? violation : null);
            }
        }
    }

    private static void DescribeProblem(OpenApiSchema problem, IOpenApiSchema? violation)
    {
        problem.Description = "RFC 7807 problem details. Besides the members listed, a problem may carry further members that its code "
            + "describes (for example lots of round_inputs_changed).";
        problem.Properties ??= new Dictionary<string, IOpenApiSchema>();
        problem.Properties["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status." };
        problem.Properties["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A short summary of the kind of problem." };
        problem.Properties["code"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "The problem's stable code (snake_case), e.g. validation_failed, malformed_request, not_found, unauthenticated, "
                + "forbidden, unsupported_media_type, idempotency_key_reused, round_not_solved.",
        };
        problem.Properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's trace id, for the service's logs." };
        problem.Required = new HashSet<string>(StringComparer.Ordinal) { "status", "title", "code" };
        if (violation is not null)
        {
            problem.Properties["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Messages by field (a camelCase JSON path, a query parameter, or $ for the whole body), each 'rule: message'.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            };
            problem.Properties["violations"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Description = "With validation_failed: every broken rule, naming the field, the rule and the message (and messageZh where the service has it).",
                Items = violation,
            };
        }
    }

    /// <summary>The component schemas a request body refers to, directly or through other schemas.</summary>
    private static HashSet<string> RequestSchemas(OpenApiDocument document, IDictionary<string, IOpenApiSchema> schemas)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<IOpenApiSchema>();
        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
        {
            foreach (var media in operation.RequestBody?.Content?.Values ?? [])
            {
                if (media.Schema is { } schema)
                {
                    pending.Push(schema);
                }
            }
        }

        while (pending.TryPop(out var schema))
        {
            if (schema is OpenApiSchemaReference reference)
            {
                if (reference.Reference.Id is { } id && found.Add(id) && schemas.TryGetValue(id, out var target))
                {
                    pending.Push(target);
                }

                continue;
            }

            foreach (var inner in (schema.AllOf ?? []).Concat(schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.Properties?.Values ?? []))
            {
                pending.Push(inner);
            }

            if (schema.Items is { } items)
            {
                pending.Push(items);
            }

            if (schema.AdditionalProperties is { } additional)
            {
                pending.Push(additional);
            }
        }

        return found;
    }
}
