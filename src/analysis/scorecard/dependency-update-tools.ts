/**
 * Which dependency-update tools a repository configures, decided from file names alone (pure functions), and
 * `findDependencyUpdateTools`, which applies them to a repository: the fact dependency-update-tool-checker
 * reports and Scorecard's Dependency-Update-Tool scores. The file names are upstream's list (any depth, as
 * upstream's os.walk), checked case-insensitively as Scorecard's Dependency-Update-Tool check does; name, url
 * and desc are Scorecard's strings.
 */
import type { RepoView } from '../../lib/repo/repo-view.js';

export interface UpdateTool {
  readonly name: string;
  readonly url: string;
  readonly desc: string;
  /** Lower-cased basenames that configure the tool. */
  readonly basenames: readonly string[];
}

const DEPENDABOT: UpdateTool = {
  name: 'Dependabot',
  url: 'https://github.com/dependabot',
  desc: 'Automated dependency updates built into GitHub',
  basenames: ['dependabot.yml', 'dependabot.yaml'],
};

export const RENOVATE: UpdateTool = {
  name: 'RenovateBot',
  url: 'https://github.com/renovatebot/renovate',
  desc: 'Automated dependency updates. Multi-platform and multi-language.',
  // https://docs.renovatebot.com/configuration-options/ — `.github/` and `.gitlab/` variants share basenames.
  basenames: ['renovate.json', 'renovate.json5', '.renovaterc', '.renovaterc.json', '.renovaterc.json5'],
};

const PYUP: UpdateTool = {
  name: 'PyUp',
  url: 'https://pyup.io/',
  desc: 'Automated dependency updates for Python.',
  basenames: ['.pyup.yml'],
};

const SCALA_STEWARD: UpdateTool = {
  name: 'scala-steward',
  url: 'https://github.com/scala-steward-org/scala-steward',
  desc: 'Works with Maven, Mill, sbt, and Scala CLI.',
  // Scala Steward reads .scala-steward.conf at the root, in .config/ or in .github/; upstream also took the
  // undotted name.
  basenames: ['.scala-steward.conf', 'scala-steward.conf'],
};

/** In output order. */
export const TOOLS: readonly UpdateTool[] = [DEPENDABOT, RENOVATE, PYUP, SCALA_STEWARD];

const byBasename = new Map(TOOLS.flatMap((tool) => tool.basenames.map((name) => [name, tool] as const)));

/** The tool a file configures, from its lower-cased basename. */
export function toolForBasename(lowerName: string): UpdateTool | null {
  return byBasename.get(lowerName) ?? null;
}

/**
 * Whether a parsed root package.json carries a Renovate configuration (its `renovate` key, which Renovate
 * reads as a config location).
 */
export function declaresRenovate(packageJson: unknown): boolean {
  if (typeof packageJson !== 'object' || packageJson === null || Array.isArray(packageJson)) return false;
  const config: unknown = (packageJson as Record<string, unknown>).renovate;
  return typeof config === 'object' && config !== null && !Array.isArray(config);
}

export type ToolFile = { path: string; file_type: 'source'; offset: number };
export type ToolFinding = { name: string; url: string; desc: string; files: ToolFile[] };
export interface ToolMatch {
  readonly tool: UpdateTool;
  readonly path: string;
}

/** One finding per tool, in TOOLS order, with its files sorted by path; no matches gives `[]`. */
export function groupFindings(matches: readonly ToolMatch[]): ToolFinding[] {
  return TOOLS.flatMap((tool) => {
    const paths = [...new Set(matches.filter((match) => match.tool === tool).map((match) => match.path))].sort();
    if (paths.length === 0) return [];
    return [{ name: tool.name, url: tool.url, desc: tool.desc, files: paths.map((path) => ({ path, file_type: 'source' as const, offset: 0 })) }];
  });
}

/** The tools the repository configures, with repository-relative files; none gives `[]`. */
export async function findDependencyUpdateTools(repo: RepoView): Promise<ToolFinding[]> {
  const matches: ToolMatch[] = [];
  for (const file of await repo.files()) {
    const tool = toolForBasename(file.lowerName);
    if (tool) matches.push({ tool, path: file.path });
  }
  // Renovate also reads a `renovate` key in the root package.json. A package.json that does not parse
  // configures nothing; that is not this fact's failure to report.
  if (await repo.exists('package.json')) {
    const parsed = await repo.parseJson('package.json');
    if (parsed.ok && declaresRenovate(parsed.value)) matches.push({ tool: RENOVATE, path: 'package.json' });
  }
  return groupFindings(matches);
}
