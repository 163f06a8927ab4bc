using System.Runtime.CompilerServices;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Common;
using Campaigns.Domain.Contacts;
using Campaigns.Domain.Templates;
using Campaigns.Domain.Tenants;
using Campaigns.Engine.Templates;
using Npgsql;

namespace Campaigns.Engine.Campaigns;

/// <summary>
/// The one loop that plans a list's messages, behind both preparing and preview, so that a preview shows exactly what
/// preparing stores: the list streamed from PostgreSQL in phone order (<see cref="RecipientReader"/>), suppressed
/// numbers skipped with <c>recipient.suppressed</c>, everyone else planned by the <see cref="VariationPlanner"/> under
/// the campaign's seed. When the template reaches one of its limits the loop stops and <see cref="Failure"/> says
/// where and for which contact: the template is invalid as a whole, nothing of the list is prepared. Not thread-safe.
/// </summary>
internal sealed class ListPlan(MessageTemplate template, Guid seed, int maxIdentical)
{
    private static readonly Error SuppressedReason = CampaignErrors.Suppressed(); // the same for every suppressed contact

    private readonly VariationPlanner _planner = new(template, seed, maxIdentical);
    private long _suppressed;

    /// <summary>Contacts read so far, suppressed ones included.</summary>
    public long Examined { get; private set; }

    /// <summary>Why the template fails as a whole (a limit it reached, with the contact's line); null while it has not.</summary>
    public Error? Failure { get; private set; }

    /// <summary>The statistics of the contacts planned so far (suppressed numbers counted as skipped).</summary>
    public PrepareResult Result => PrepareResult.From(_planner.Summary, _suppressed);

    /// <summary>Why the variation rule cannot hold for the contacts planned so far; null when it holds.</summary>
    public Error? VariationError => _planner.Summary.ToError();

    /// <summary>Plans the list's contacts in phone order, each as it is read; stops at a template failure.</summary>
    /// <param name="limit">Read at most this many contacts; null: the whole list.</param>
    public async IAsyncEnumerable<PlannedRecipient> PlanAsync(
        NpgsqlConnection connection,
        TenantId tenant,
        ContactListId list,
        long? limit,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var columns = RecipientReader.ColumnsOf(template);
        await foreach (var contact in RecipientReader.ReadAsync(connection, tenant, list, columns, limit, cancellationToken))
        {
            // Rows the server has sent already are read without I/O, which is where the reader would see a stop.
            cancellationToken.ThrowIfCancellationRequested();
            Examined++;
            PlannedMessage planned;
            if (contact.Suppressed)
            {
                _suppressed++;
                planned = PlannedMessage.Skipped(SuppressedReason);
            }
            else
            {
                planned = _planner.Plan(contact.Recipient);
                if (planned.Status == PlanStatus.TemplateFailed)
                {
                    Failure = TemplateErrors.ForContact(planned.Reason!, contact.Line);
                    yield break;
                }
            }

            yield return new PlannedRecipient(contact.Recipient.Phone, contact.Line, planned);
        }
    }
}
