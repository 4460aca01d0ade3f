/**
 * Linguist's breakdown (`{"Go": {"size": 28, "percentage": "15.64", "files": [...]}}`) as the segments of a
 * proportional bar, largest first, with GitHub's colours for common languages.
 */
import { asArray, asNumber, isObject, type JsonObject } from './json.js';

export interface LanguageSegment {
  name: string;
  size: number;
  /** Share of the total size, 0–100. */
  percent: number;
  color: string;
  files: number;
}

/** Colours from Linguist's languages.yml, for the languages most repositories have. */
const COLORS: Record<string, string> = {
  'C': '#555555', 'C#': '#178600', 'C++': '#f34b7d', 'CMake': '#DA3434', 'CSS': '#563d7c', 'Clojure': '#db5855',
  'Dart': '#00B4AB', 'Dockerfile': '#384d54', 'Elixir': '#6e4a7e', 'Erlang': '#B83998', 'Go': '#00ADD8',
  'Groovy': '#4298b8', 'HTML': '#e34c26', 'Haskell': '#5e5086', 'Java': '#b07219', 'JavaScript': '#f1e05a',
  'Jupyter Notebook': '#DA5B0B', 'Kotlin': '#A97BFF', 'Lua': '#000080', 'Makefile': '#427819', 'Nix': '#7e7eff',
  'Objective-C': '#438eff', 'PHP': '#4F5D95', 'Perl': '#0298c3', 'PowerShell': '#012456', 'Python': '#3572A5',
  'R': '#198CE7', 'Ruby': '#701516', 'Rust': '#dea584', 'SCSS': '#c6538c', 'Scala': '#c22d40', 'Shell': '#89e051',
  'Svelte': '#ff3e00', 'Swift': '#F05138', 'TypeScript': '#3178c6', 'Vue': '#41b883', 'Zig': '#ec915c',
};

/** A stable colour for a language Linguist has no entry for here (hue from the name). */
function fallbackColor(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `hsl(${hash % 360} 55% 50%)`;
}

export function languageColor(name: string): string {
  return COLORS[name] ?? fallbackColor(name);
}

export function isLanguagesOutput(value: unknown): value is JsonObject {
  if (!isObject(value)) return false;
  const entries = Object.values(value);
  return entries.length > 0 && entries.every((e) => isObject(e) && asNumber(e.size) !== null);
}

export function languageSegments(output: JsonObject): LanguageSegment[] {
  const rows = Object.entries(output)
    .filter((entry): entry is [string, JsonObject] => isObject(entry[1]))
    .map(([name, info]) => ({ name, size: asNumber(info.size) ?? 0, files: asArray(info.files).length }));
  const total = rows.reduce((sum, row) => sum + row.size, 0);
  return rows
    .map((row) => ({ ...row, percent: total > 0 ? (row.size / total) * 100 : 0, color: languageColor(row.name) }))
    .sort((a, b) => b.size - a.size || a.name.localeCompare(b.name));
}
