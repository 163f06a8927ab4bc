// What a campaign's counts mean: the statuses in the order a message goes through them, and which of them are done.

export const campaignStatuses = ['draft', 'preparing', 'ready', 'scheduled', 'running', 'paused', 'completed', 'cancelled'];
export const statusesForFilter = campaignStatuses;

/** The message statuses as the API counts them, with words for a marketer. */
export const messageStatuses = [
  ['pending', 'Pending', 'not yet given to a sender'],
  ['queued', 'Queued', 'waiting for its sender'],
  ['sending', 'Sending', 'with the gateway now'],
  ['sent', 'Sent', 'accepted by WhatsApp'],
  ['delivered', 'Delivered', 'on the phone'],
  ['read', 'Read', 'opened (or played)'],
  ['failed', 'Failed', 'could not be sent'],
  ['skipped', 'Skipped', 'suppressed, opted out or not on WhatsApp'],
  ['cancelled', 'Cancelled', 'not sent: the campaign was cancelled'],
  ['unknown', 'Unknown', 'the gateway never said'],
];

/** Whether a campaign's page should be read often: something is happening to it now. */
export function isActive(status) {
  return status === 'running' || status === 'preparing' || status === 'scheduled';
}

/** Every message of the campaign, whatever its status (replied is counted in its status too). */
export function messageTotal(counts) {
  return messageStatuses.reduce((sum, [key]) => sum + (counts[key] ?? 0), 0);
}

/** Messages that reached a final state (nothing more will be sent for them). */
export function handled(counts) {
  return messageTotal(counts) - (counts.pending ?? 0) - (counts.queued ?? 0) - (counts.sending ?? 0);
}
