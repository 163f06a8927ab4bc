namespace Campaigns.Api.Common.OpenApi;

internal static class ProblemResponseExtensions
{
    /// <summary>
    /// Declares the problem answers (<see cref="ProblemSchema"/>) that the endpoint's own handler gives: a handler returns
    /// <c>ProblemHttpResult</c>, whose status the document cannot see. 401, 429 and 503 of every <c>/api</c> operation
    /// are declared by <see cref="ProblemResponsesTransformer"/>.
    /// </summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statusCodes)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(statusCodes);
        foreach (var statusCode in statusCodes)
        {
            builder.ProducesProblem(statusCode);
        }

        return builder;
    }
}
