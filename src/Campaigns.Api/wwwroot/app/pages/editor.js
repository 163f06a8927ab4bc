// Campaign editor: placeholder until its page lands.
import { pageHeading } from '../ui.js';

export function create(main) {
  main.append(pageHeading('Campaign editor'));
}

export function edit(main) {
  main.append(pageHeading('Campaign editor'));
}

