using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Template;

namespace SupplyMatch.Api.Problems;

/// <summary>
/// Says what an endpoint takes when routing refused a request's Content-Type (415) before any handler ran: routing then
/// answers from an endpoint of its own, so the accepted media types are looked up among the endpoints at the path.
/// </summary>
public static class MediaTypeRefusal
{
    public static string Detail(HttpRequest request)
    {
        var sent = string.IsNullOrEmpty(request.ContentType) ? "no Content-Type" : $"'{request.ContentType}'";
        if (Accepts(request) is not { } accepts)
        {
            return $"{request.Method} {request.Path} does not take a body of {sent}.";
        }

        var types = accepts.ContentTypes.Select(t => accepts.RequestType == typeof(IFormFile) && t == "multipart/form-data"
            ? "multipart/form-data (the file in the form field 'file')"
            : t);
        return $"{request.Method} {request.Path} takes {string.Join(" or ", types)}, not {sent}.";
    }

    private static IAcceptsMetadata? Accepts(HttpRequest request)
    {
        var sources = request.HttpContext.RequestServices.GetRequiredService<EndpointDataSource>();
        foreach (var endpoint in sources.Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not { ContentTypes.Count: > 0 } accepts
                || endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is { } methods && !methods.HttpMethods.Contains(request.Method, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            if (new TemplateMatcher(new RouteTemplate(endpoint.RoutePattern), new RouteValueDictionary()).TryMatch(request.Path, new RouteValueDictionary()))
            {
                return accepts;
            }
        }

        return null;
    }
}
