using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SupplyMatch.Api.Tests.Infrastructure;

/// <summary>
/// The service's OpenAPI 3.0 document, and a checker of real answers against it: status documented for the operation, media
/// type documented, and the JSON body valid against the documented schema (types, nullability, required members, members
/// the schema does not name, enum names, formats date / date-time with offset / uuid).
/// </summary>
public sealed partial class OpenApiSchema(JsonElement document)
{
    public JsonElement Document { get; } = document;

    private JsonElement Schemas => Document.GetProperty("components").GetProperty("schemas");

    /// <summary>Every operation: its path template, method (lower case) and operation object.</summary>
    public IEnumerable<(string Path, string Method, JsonElement Operation)> Operations() =>
        Document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (p.Name, o.Name, o.Value)));

    public JsonElement Operation(string path, string method) => Document.GetProperty("paths").GetProperty(path).GetProperty(method);

    /// <summary>What is wrong with an answer of an operation, by the document; empty when it conforms.</summary>
    public async Task<IReadOnlyList<string>> CheckAsync(string path, string method, HttpResponseMessage response)
    {
        var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        var text = await response.Content.ReadAsStringAsync();
        var where = $"{method.ToUpperInvariant()} {response.RequestMessage?.RequestUri?.PathAndQuery} ({path}) -> {status}";
        if (!Operation(path, method).GetProperty("responses").TryGetProperty(status, out var documented))
        {
            return [$"{where}: status {status} is not documented ({Trim(text)})"];
        }

        if (!documented.TryGetProperty("content", out var content))
        {
            return text.Length == 0 ? [] : [$"{where}: sends a body ({response.Content.Headers.ContentType}) but documents none"];
        }

        var media = response.Content.Headers.ContentType?.MediaType ?? "";
        if (!content.TryGetProperty(media, out var mediaType))
        {
            return [$"{where}: media type '{media}' is not documented ({string.Join(", ", content.EnumerateObject().Select(c => c.Name))})"];
        }

        if (!mediaType.TryGetProperty("schema", out var schema))
        {
            return [$"{where}: no schema documented for {media}"];
        }

        if (!media.EndsWith("json", StringComparison.Ordinal))
        {
            return [];
        }

        var errors = new List<string>();
        Validate(schema, JsonDocument.Parse(text).RootElement, "$", errors);
        return errors.Take(20).Select(e => $"{where}: {e}").ToList();
    }

    /// <summary>The documented schema of an answer (its $ref resolved; an array's items), or undefined when none is documented.</summary>
    public JsonElement ResponseSchema(string path, string method, int status, string media)
    {
        if (!Operation(path, method).GetProperty("responses").TryGetProperty(status.ToString(CultureInfo.InvariantCulture), out var response)
            || !response.TryGetProperty("content", out var content) || !content.TryGetProperty(media, out var mediaType)
            || !mediaType.TryGetProperty("schema", out var schema))
        {
            return default;
        }

        var resolved = Resolve(schema);
        return resolved.TryGetProperty("type", out var type) && type.GetString() == "array" ? Resolve(resolved.GetProperty("items")) : resolved;
    }

    /// <summary>The members the JSON request body of an operation is documented to require (its own schema's and the one it refers to).</summary>
    public IReadOnlySet<string> RequiredRequestMembers(string path, string method)
    {
        var schema = Operation(path, method).GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        var required = Members(schema, "required").ToHashSet(StringComparer.Ordinal);
        foreach (var part in schema.TryGetProperty("allOf", out var all) ? all.EnumerateArray().Append(schema) : [schema])
        {
            required.UnionWith(Members(Resolve(part), "required"));
        }

        return required;
    }

    /// <summary>The members a resolved object schema names.</summary>
    public static IReadOnlySet<string> Members(JsonElement schema, string list = "properties") =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty(list, out var members)
            ? (members.ValueKind == JsonValueKind.Array ? members.EnumerateArray().Select(m => m.GetString()!) : members.EnumerateObject().Select(m => m.Name))
                .ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>();

    /// <summary>Validates a JSON value against a schema of the document, adding what does not conform.</summary>
    public void Validate(JsonElement schema, JsonElement value, string at, List<string> errors)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (!IsNullable(schema))
            {
                errors.Add($"{at} is null, documented not nullable ({Name(schema)})");
            }

            return;
        }

        if (schema.TryGetProperty("allOf", out var allOf))
        {
            foreach (var part in allOf.EnumerateArray())
            {
                Validate(part, value, at, errors);
            }
        }

        var target = Resolve(schema);
        foreach (var choice in new[] { "oneOf", "anyOf" })
        {
            if (target.TryGetProperty(choice, out var options))
            {
                var fits = options.EnumerateArray().Count(o =>
                {
                    var found = new List<string>();
                    Validate(o, value, at, found);
                    return found.Count == 0;
                });
                if (fits == 0 || (choice == "oneOf" && fits > 1))
                {
                    errors.Add($"{at} matches {fits} of the {choice} schemas");
                }
            }
        }

        if (target.TryGetProperty("enum", out var names) && !names.EnumerateArray().Any(n => n.ToString() == value.ToString()))
        {
            errors.Add($"{at} = {value} is not one of the documented enum values [{string.Join(", ", names.EnumerateArray())}] ({Name(schema)})");
        }

        var type = target.TryGetProperty("type", out var t) ? t.GetString() : target.TryGetProperty("properties", out _) ? "object" : null;
        switch (type)
        {
            case "object":
                ValidateObject(target, value, at, errors, Name(schema));
                break;
            case "array" when value.ValueKind != JsonValueKind.Array:
                errors.Add($"{at} is {value.ValueKind}, documented array");
                break;
            case "array":
                var i = 0;
                foreach (var item in value.EnumerateArray().Take(200))
                {
                    Validate(target.GetProperty("items"), item, $"{at}[{i++}]", errors);
                }

                break;
            case "string":
                ValidateString(target, value, at, errors);
                break;
            case "integer" when value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out _):
                errors.Add($"{at} = {Trim(value.GetRawText())}, documented integer");
                break;
            case "number" when value.ValueKind != JsonValueKind.Number:
                errors.Add($"{at} = {Trim(value.GetRawText())}, documented number");
                break;
            case "boolean" when value.ValueKind is not (JsonValueKind.True or JsonValueKind.False):
                errors.Add($"{at} = {Trim(value.GetRawText())}, documented boolean");
                break;
        }
    }

    private void ValidateObject(JsonElement schema, JsonElement value, string at, List<string> errors, string name)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{at} is {value.ValueKind}, documented object ({name})");
            return;
        }

        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var member in required.EnumerateArray().Select(r => r.GetString()!).Where(r => !value.TryGetProperty(r, out _)))
            {
                errors.Add($"{at}.{member} is documented required but missing ({name})");
            }
        }

        foreach (var member in value.EnumerateObject())
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(member.Name, out var memberSchema))
            {
                Validate(memberSchema, member.Value, $"{at}.{member.Name}", errors);
            }
            else if (schema.TryGetProperty("additionalProperties", out var additional))
            {
                if (additional.ValueKind == JsonValueKind.False)
                {
                    errors.Add($"{at}.{member.Name} is sent but not documented ({name})");
                }
                else if (additional.ValueKind == JsonValueKind.Object)
                {
                    Validate(additional, member.Value, $"{at}.{member.Name}", errors);
                }
            }
            else if (properties.ValueKind == JsonValueKind.Object)
            {
                errors.Add($"{at}.{member.Name} is sent but not documented ({name})");
            }
        }
    }

    private static void ValidateString(JsonElement schema, JsonElement value, string at, List<string> errors)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{at} = {Trim(value.GetRawText())}, documented string");
            return;
        }

        var text = value.GetString()!;
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var ok = format switch
        {
            "date" => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            "date-time" => DateTimeWithOffset().IsMatch(text),
            "uuid" => Guid.TryParseExact(text, "D", out _),
            _ => true,
        };
        if (!ok)
        {
            errors.Add($"{at} = \"{Trim(text)}\" is not a {format}");
        }
    }

    private bool IsNullable(JsonElement schema) =>
        (schema.TryGetProperty("nullable", out var n) && n.GetBoolean())
        || (!schema.TryGetProperty("allOf", out _) && schema.TryGetProperty("$ref", out _) && Resolve(schema).TryGetProperty("nullable", out var r) && r.GetBoolean());

    private JsonElement Resolve(JsonElement schema)
    {
        while (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference))
        {
            schema = Schemas.GetProperty(reference.GetString()!.Split('/')[^1]);
        }

        return schema;
    }

    private static string Name(JsonElement schema) =>
        schema.TryGetProperty("$ref", out var r) ? r.GetString()!.Split('/')[^1]
        : schema.TryGetProperty("allOf", out var all) && all.GetArrayLength() == 1 ? Name(all[0])
        : schema.TryGetProperty("type", out var t) ? t.ToString() : "schema";

    private static string Trim(string text) => text.Length <= 160 ? text : text[..160] + "...";

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex DateTimeWithOffset();
}

public static class OpenApiRequests
{
    /// <summary>A request with the body sent as the given media type (and an API key when given).</summary>
    public static HttpRequestMessage Request(HttpMethod method, string url, string? body = null, string mediaType = "application/json")
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
        }

        return request;
    }
}
