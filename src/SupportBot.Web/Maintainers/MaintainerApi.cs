using Microsoft.Extensions.Options;
using SupportBot.Handoff.Agents;
using SupportBot.Intents;
using SupportBot.Retraining;
using SupportBot.Web.Agents;
using SupportBot.Web.Errors;

namespace SupportBot.Web.Maintainers;

/// <summary>
/// What the maintainer page (/maintainer/) reads, for signed-in agents with the maintainer role: the serving
/// model's card with its per-language and per-intent figures, and the registry's versions.
/// </summary>
public static class MaintainerApi
{
    public const string Policy = "maintainer";

    public static IHostApplicationBuilder AddMaintainers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(AgentAuth.SchemeName)
            .RequireAuthenticatedUser()
            .RequireRole(AgentRoles.Maintainer));
        return builder;
    }

    public static IEndpointRouteBuilder MapMaintainers(this IEndpointRouteBuilder app)
    {
        app.MapGet("/maintainer/api/model", Model).RequireAuthorization(Policy);
        return app;
    }

    private static IResult Model(IIntentClassifier classifier, IOptions<IntentOptions> options, IHostEnvironment environment)
    {
        if (classifier is not IntentClassifier serving)
        {
            return ApiError.Result(StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable, "No model card: the classifier is not the ML.NET one.");
        }

        // A damaged registry index should not hide the serving model's card: the page shows both, and the error.
        var registryPath = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.RegistryPath));
        RegistryIndex? registry = null;
        string? registryError = null;
        try
        {
            registry = new ModelRegistry(registryPath, Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.ModelPath))).Read();
        }
        catch (InvalidDataException e)
        {
            registryError = e.Message;
        }

        return Results.Json(new { card = serving.Current.Card, registry = registry ?? new RegistryIndex(), registryError }, ModelCard.Json);
    }
}
