/** Renders config/config.example.ini from the schema, so the documented keys can never drift from the real ones. */
import { configSchema, envName, type KeySpec } from './schema.js';

function renderDefault(spec: KeySpec): string {
  if (spec.secret) return '';
  if (spec.type === 'optional-int') return spec.default === null ? 'None' : String(spec.default);
  return String(spec.default);
}

export function renderExampleIni(): string {
  const lines = [
    '# OpenChecker configuration. Every key is optional; the values shown are the defaults.',
    '# Files written for the Python OpenChecker load unchanged. Any key can also be set by an environment',
    '# variable OPENCHECKER_<SECTION>_<KEY> (shown for each key), and command-line flags override both.',
    '# Keys marked (new) are OpenChecker additions. Secrets are best given through the environment.',
    '',
  ];
  for (const [section, keys] of Object.entries(configSchema) as [string, Record<string, KeySpec>][]) {
    lines.push(`[${section}]`);
    for (const [key, spec] of Object.entries(keys)) {
      lines.push(`# ${spec.description}${spec.upstream ? '' : ' (new)'}${spec.secret ? ' Secret.' : ''}`);
      lines.push(`# env: ${envName(section, key)}`);
      if (spec.type === 'string' && spec.emptyMeansDefault && spec.default.startsWith('/')) {
        // A machine-specific default (under the temp folder): documented, left empty so the default applies.
        lines.push('# default: openchecker-repos under the system temp folder');
        lines.push(`${key} =`);
      } else {
        lines.push(`${key} = ${renderDefault(spec)}`.trimEnd());
      }
    }
    lines.push('');
  }
  return lines.join('\n');
}
