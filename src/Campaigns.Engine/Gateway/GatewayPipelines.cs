using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Retry;
using Polly.Timeout;

namespace Campaigns.Engine.Gateway;

/// <summary>
/// The resilience pipelines of the gateway client, one per (base URL, instance): retry → circuit breaker → attempt timeout.
/// </summary>
/// <remarks>
/// Why a <see cref="ResiliencePipelineRegistry{TKey}"/> owned here rather than <c>AddResilienceHandler</c> on the
/// HttpClient: (1) the breaker must be per instance, and instances of one gateway share its authority, so
/// <c>SelectPipelineByAuthority</c> would let one broken instance trip every sender on that gateway; (2) retry rules and
/// the attempt timeout depend on the call (a send is not retried once sent; its timeout grows with its typing delay),
/// which the client knows and passes in the <see cref="ResilienceContext"/>; (3) a handler sees only the headers: the
/// body is buffered by <c>HttpClient</c> after the handler returns, outside the attempt timeout, and a failure there
/// could not be classified as "outcome unknown". Here an attempt is the whole exchange, body included. The
/// strategies still come from Polly v8 with Microsoft.Extensions.Http.Resilience's transient-failure predicate.
/// Pipelines live as long as the application: a few KB each, one per sender.
/// </remarks>
internal sealed class GatewayPipelines : IDisposable, IAsyncDisposable
{
    /// <summary>The call being made: picks the retry rule.</summary>
    internal static readonly ResiliencePropertyKey<GatewayCall> CallKey = new("campaigns.gateway.call");

    /// <summary>The timeout of each attempt of this call (a send's includes its typing delay).</summary>
    internal static readonly ResiliencePropertyKey<TimeSpan> AttemptTimeoutKey = new("campaigns.gateway.attempt-timeout");

    private readonly ResiliencePipelineRegistry<GatewayPipelineKey> _registry = new();
    private readonly Action<ResiliencePipelineBuilder<HttpResponseMessage>, ConfigureBuilderContext<GatewayPipelineKey>> _configure;
    private readonly GatewayOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public GatewayPipelines(IOptions<GatewayOptions> options, TimeProvider timeProvider, ILogger<GatewayPipelines> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        _configure = (builder, context) => Configure(builder, context.PipelineKey);
    }

    public TimeProvider TimeProvider => _timeProvider;

    public ResiliencePipeline<HttpResponseMessage> Get(GatewayPipelineKey key) =>
        _registry.GetOrAddPipeline(key, _configure);

    // Both: a container disposed synchronously refuses a singleton that is only IAsyncDisposable.
    public void Dispose() => _registry.Dispose();

    public ValueTask DisposeAsync() => _registry.DisposeAsync();

    private void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, GatewayPipelineKey key)
    {
        builder.TimeProvider = _timeProvider;
        builder.InstanceName = key.ToString();
        var instance = key.Instance ?? "(gateway)";

        // Outermost: retries see the breaker's and the timeout's verdicts. Only the failures GatewayRetryPolicy allows
        // are retried; BrokenCircuitException never is (the instance is known to be failing).
        if (_options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = _options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.RetryBaseDelay,
                MaxDelay = _options.MaxRetryAfter,
                // Without a call in the context, assume the strictest rule (a send).
                ShouldHandle = args => ValueTask.FromResult(GatewayRetryPolicy.ShouldRetry(
                    args.Context.Properties.GetValue(CallKey, GatewayCall.SendText),
                    args.Outcome,
                    GatewayRetryPolicy.RetryAfter(args.Outcome.Result, _timeProvider),
                    _options.MaxRetryAfter)),
                // The gateway's Retry-After, when given, replaces the backoff (already capped by ShouldHandle).
                DelayGenerator = args => ValueTask.FromResult(GatewayRetryPolicy.RetryAfter(args.Outcome.Result, _timeProvider)),
                OnRetry = args =>
                {
                    _logger.Retrying(
                        args.Context.Properties.GetValue(CallKey, GatewayCall.SendText), instance,
                        GatewayRetryPolicy.Describe(args.Outcome), args.AttemptNumber + 1, (long)args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        }

        // One breaker per (gateway, instance): a sender whose phone or instance misbehaves stops being hammered, and
        // pauses (CircuitOpen) without touching the other senders on the same gateway.
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            FailureRatio = _options.CircuitBreakerFailureRatio,
            MinimumThroughput = _options.CircuitBreakerMinimumThroughput,
            SamplingDuration = _options.CircuitBreakerSamplingDuration,
            BreakDuration = _options.CircuitBreakerBreakDuration,
            ShouldHandle = args => ValueTask.FromResult(GatewayRetryPolicy.IsTransient(args.Outcome)),
            OnOpened = args =>
            {
                _logger.CircuitOpened(instance, key.BaseUrl, GatewayRetryPolicy.Describe(args.Outcome), args.BreakDuration.TotalSeconds);
                return default;
            },
            OnHalfOpened = _ =>
            {
                _logger.CircuitHalfOpened(instance, key.BaseUrl);
                return default;
            },
            OnClosed = _ =>
            {
                _logger.CircuitClosed(instance, key.BaseUrl);
                return default;
            },
        });

        // Innermost: each attempt has its own timeout, set per call by the client.
        builder.AddTimeout(new TimeoutStrategyOptions
        {
            TimeoutGenerator = args => ValueTask.FromResult(args.Context.Properties.GetValue(AttemptTimeoutKey, _options.RequestTimeout)),
        });
    }
}
