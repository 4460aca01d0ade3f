/** RubyGems versions (Gem::Version ordering: `1.0.a` < `1.0`), through Renovate's port of Gem::Version. */
import { eq, lt, valid } from '@renovatebot/ruby-semver';
import type { VersionScheme } from './scheme.js';

export const rubygemsScheme: VersionScheme = {
  name: 'rubygems',
  valid: (version) => valid(version) !== null,
  compare: (a, b) => (eq(a, b) ? 0 : lt(a, b) ? -1 : 1),
};
