using System.Data.Common;
using SupportBot.Insights.Archive;
using SupportBot.Web.Agents;
using SupportBot.Web.Errors;

namespace SupportBot.Web.Archive;

/// <summary>A privacy request: a supervisor deletes one customer's conversations from the store and the archive.</summary>
public static class CustomersApi
{
    public static IEndpointRouteBuilder MapCustomers(this IEndpointRouteBuilder app)
    {
        app.MapDelete("/agent/api/customers/{userId}", ForgetAsync).RequireAuthorization(AgentSessionsApi.SupervisorPolicy);
        return app;
    }

    private static async Task<IResult> ForgetAsync(string userId, CustomerForgetting forgetting, ILogger<CustomerForgetting> logger, CancellationToken cancellationToken)
    {
        // As the CLI's "customers forget": the id without surrounding blanks; one of blanks alone names nobody.
        userId = userId.Trim();
        if (userId.Length is 0 or > 200)
        {
            return ApiError.BadRequest(ErrorCodes.BadArgument, "The user id must be 1 to 200 characters, not counting blanks around it.");
        }

        try
        {
            var result = await forgetting.ForgetAsync(userId, cancellationToken);
            logger.LogInformation("Forgot customer {UserId}: {Archived} archived and {Live} live conversations deleted",
                userId, result.ArchivedConversations.Count, result.LiveConversations.Count);
            return Results.Json(result);
        }
        catch (DbException)
        {
            return ApiError.Result(StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable,
                "The conversation archive is not reachable: the live conversations may be deleted, the archived ones are not; try again.");
        }
    }
}
