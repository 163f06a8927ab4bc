// Senders: the tenant's numbers with their connection and budget (live), gateways, linking a new number by QR code,
// and registering an existing instance. Sub-views by query: ?link=new, ?link=<senderId>, ?add=existing.
import { h } from '../dom.js';
import { pageHeading } from '../ui.js';
import { sendersSection } from './senders/list.js';
import { gatewaysSection } from './senders/gateways.js';
import { linkNew, linkQr } from './senders/link.js';
import { registerExisting } from './senders/existing.js';

export async function index(main, ctx) {
  const link = ctx.query.get('link');
  if (link === 'new') return linkNew(main, ctx);
  if (link) return linkQr(main, ctx, link);
  if (ctx.query.get('add') === 'existing') return registerExisting(main, ctx);

  main.append(
    pageHeading('Senders',
      h('a', { href: '#/senders?link=new', class: 'button primary' }, 'Link a new number'),
      h('a', { href: '#/senders?add=existing', class: 'button' }, 'Register an existing instance')),
    sendersSection(ctx.signal),
    gatewaysSection(ctx.signal));
  return undefined;
}
