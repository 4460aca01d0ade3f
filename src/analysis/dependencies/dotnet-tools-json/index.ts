/**
 * .NET local tools' manifest `dotnet-tools.json` (usually in `.config/`): `tools` maps each tool's NuGet package
 * id to its exact `version` and the `commands` it provides. Tools run during development and builds
 * (`dotnet-ef`, `csharpier`), never ship with the application: dev.
 *
 * As OSV-SCALIBR (dotnet/dotnettoolsjson): one NuGet package per tool with its version; a file that is not JSON
 * is malformed.
 */
import { LineLocator } from '../lines.js';
import { MalformedFileError, asString, baseName, isObject, packageRecord, parseJsonText } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'dotnet-tools-json',
  version: 1,
  ecosystem: 'NuGet',
  matches: (path) => baseName(path) === 'dotnet-tools.json',
  async extract(repo, path) {
    return parseDotnetTools(await readLockfile(repo, path), path);
  },
};

export function parseDotnetTools(text: string, path: string): PackageRecord[] {
  const document = parseJsonText(text, path);
  if (!isObject(document)) throw new MalformedFileError('a dotnet-tools.json must hold an object');
  const tools = isObject(document.tools) ? Object.entries(document.tools) : [];
  const locator = new LineLocator(text);
  return tools.map(([name, tool]) =>
    packageRecord('NuGet', path, {
      name,
      version: (isObject(tool) ? asString(tool.version) : undefined) ?? '',
      direct: true,
      dev: true,
      line: locator.findJsonKey(name, true),
      resolution: 'registry',
    }),
  );
}
