/** What `url-checker` is, as data: read by the API, `commands` and `--help` without loading the checker's code (index.ts). */
import type { CheckerMeta } from '../types.js';

export const meta: CheckerMeta = {
  name: 'url-checker',
  version: 1,
  description: 'Whether the project URL answers over HTTP(S) with a success status.',
  requirements: { checkout: 'none', network: true },
};
