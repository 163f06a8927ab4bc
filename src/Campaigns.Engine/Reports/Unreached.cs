namespace Campaigns.Engine.Reports;

/// <summary>
/// The one rule of which recipients a campaign did not reach, for the report's <c>?status=unreached</c> and for
/// "retry failed": messages still pending or queued, failed, cancelled or unknown, and those skipped for a reason that
/// another attempt may overcome (a template that failed to render, say). Not reached <b>by rule</b>, and so never
/// offered again: a number on the tenant's suppression list (now, or when the message was prepared), opted out, or not
/// on WhatsApp (by the pre-check or by the gateway's answer). A message being sent may have arrived: it is not counted.
/// </summary>
internal static class Unreached
{
    /// <summary>Skip and error codes that mean the number must not, or cannot, be messaged.</summary>
    public static readonly string[] ByRule = ["recipient.suppressed", "opted_out", "not_on_whatsapp", "gateway.not_on_whatsapp"];

    /// <summary>A predicate over <c>campaigns.messages m</c> of tenant <paramref name="tenantParameter"/>.</summary>
    public static string Sql(string tenantParameter) =>
        $$"""
        (m.status in ('pending', 'queued', 'failed', 'cancelled', 'unknown', 'skipped')
         and coalesce(m.skip_code, '') <> all('{{{string.Join(',', ByRule)}}}'::text[])
         and coalesce(m.error_code, '') <> all('{{{string.Join(',', ByRule)}}}'::text[])
         and not exists (select 1 from campaigns.suppressions sp where sp.tenant_id = {{tenantParameter}} and sp.phone = m.phone))
        """;
}
