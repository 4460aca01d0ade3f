/** Loader hooks of module-trace.ts (they run on Node's loader thread): append each loaded module's URL. */
import { appendFileSync } from 'node:fs';

interface LoadContext {
  format?: string | null;
  conditions?: string[];
  importAttributes?: Record<string, string>;
}
type NextLoad = (url: string, context?: LoadContext) => Promise<unknown>;

let file = '';

export function initialize(data: { file: string }): void {
  file = data.file;
}

export async function load(url: string, context: LoadContext, nextLoad: NextLoad): Promise<unknown> {
  const result = await nextLoad(url, context);
  // Written synchronously before the module runs, so nothing is lost when the process exits early.
  appendFileSync(file, `${url}\n`);
  return result;
}
