/**
 * One text's license detections: the engine's matches, grouped. The entry point for callers that want
 * detections rather than raw matches (the `scancode` scan, `license-detector`, the self-detection test).
 */
import { groupDetections, type GroupedMatches } from './detections.js';
import { licenseEngine, type EngineOptions } from './engine.js';

export interface TextDetections extends GroupedMatches {
  readonly wordCount: number;
  /** Tokens explained by matches (for `percentage_of_license_text`). */
  readonly matchedWords: number;
  readonly timedOut: boolean;
}

export function detectLicenses(text: string, options: EngineOptions = {}): TextDetections {
  const engine = licenseEngine();
  const result = engine.match(text, options);
  const grouped = groupDetections(engine.db, result.matches, result.ids);
  const matchedWords = result.matches.reduce((sum, m) => sum + m.matched, 0);
  return { ...grouped, wordCount: result.wordCount, matchedWords, timedOut: result.timedOut };
}
