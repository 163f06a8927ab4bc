// Senders: placeholder until its page lands.
import { pageHeading } from '../ui.js';

export function index(main) {
  main.append(pageHeading('Senders'));
}

