/**
 * PyPI versions (PEP 440: epochs, pre/post/dev releases, local versions) through Renovate's maintained port of
 * Python's `packaging.version`, the reference implementation pip uses.
 */
import { compare, valid } from '@renovatebot/pep440';
import type { VersionScheme } from './scheme.js';

export const pep440Scheme: VersionScheme = {
  name: 'pep440',
  valid: (version) => valid(version) !== null,
  compare: (a, b) => compare(a, b),
};
