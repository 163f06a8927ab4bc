// Contact lists: placeholder until its page lands.
import { pageHeading } from '../ui.js';

export function index(main) {
  main.append(pageHeading('Contact lists'));
}

export function detail(main) {
  main.append(pageHeading('Contact lists'));
}

