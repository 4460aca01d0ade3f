/**
 * The content rules of security-policy-checker as pure functions, after OpenSSF Scorecard's Security-Policy
 * check (checks/raw/security_policy.go and the probes securityPolicyContainsLinks, securityPolicyContainsText
 * and securityPolicyContainsVulnerabilityDisclosure, scored in checks/evaluation/security_policy.go).
 */

// Scorecard's link pattern. Upstream OpenChecker wrapped the scheme in a capture group, so Python's findall
// returned only "http"/"https"; a global match here yields the whole URL.
const URL_PATTERN = /https?:\/\/[a-zA-Z0-9./?=_%:-]*/g;

// Scorecard's e-mail pattern, including its obfuscated forms `name[at]host.org` and `name\[at\]host.org`.
// The parts are bounded (64 and 253, the RFC 5321 limits) because JavaScript's regex engine backtracks where
// Scorecard's RE2 does not: unbounded runs made one long line of dotted text quadratic. Like Scorecard's, the
// top-level domain is 2–6 letters, so an address at a longer one (".example", ".solutions") is not counted.
const EMAIL_PATTERN = /\b[A-Za-z0-9._%+-]{1,64}(?:@|\\?\[at\\?\])[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,6}\b/g;

// Scorecard's hints of a disclosure process: "vuln", "disclos" and 1–4 digit numbers (time frames such as
// "90 days"). Scorecard writes the number as `\b*[0-9]{1,4}\b`; `\b*` is a typo for `\b` (and is a syntax
// error outside RE2, which is what crashed upstream OpenChecker), so a number must be a whole token here.
// Added: a number followed by its time unit is one hit ("90 days", reported as such), and "embargo".
const DISCLOSURE_PATTERN =
  /\b[0-9]{1,4}[ \t]*(?:(?:business|working|calendar)[ \t]+)?(?:days?|weeks?|months?|hours?)\b|\b[0-9]{1,4}\b|disclos|vuln|embargo/gi;

/** URLs that end a sentence ("see https://example.com.") keep the full stop in Scorecard's pattern. */
const TRAILING_PUNCTUATION = /[.:?]+$/;

export interface PolicyHits {
  /** Distinct URLs, in order of first appearance. */
  readonly urls: string[];
  /** Distinct e-mail addresses (as written, including `[at]` forms), in order of first appearance. */
  readonly emails: string[];
  /** Distinct disclosure hints, lower-cased, in order of first appearance. */
  readonly disclosureKeywords: string[];
  /** Every disclosure hint counted, repeats included: Scorecard's probe counts them so. */
  readonly disclosureHitCount: number;
}

export interface PolicyChecks {
  /** A policy file was found. */
  readonly present: boolean;
  /** It has at least one URL or e-mail address (securityPolicyContainsLinks). */
  readonly links: boolean;
  /** It has more than one disclosure hint (securityPolicyContainsVulnerabilityDisclosure). */
  readonly disclosure: boolean;
  /** It is longer than its links and addresses plus two characters each (securityPolicyContainsText). */
  readonly text: boolean;
}

export interface PolicyVerdict {
  readonly checks: PolicyChecks;
  /** Scorecard's Security-Policy score: 6 for links, 3 for text, 1 for disclosure, 0 without a file. */
  readonly score: number;
}

export function collectPolicyHits(text: string): PolicyHits {
  const urls = distinct(matchesOf(URL_PATTERN, text).map((url) => url.replace(TRAILING_PUNCTUATION, '')).filter(isUrl));
  const emails = distinct(matchesOf(EMAIL_PATTERN, text));
  const disclosure = matchesOf(DISCLOSURE_PATTERN, text).map((hit) => hit.toLowerCase().replace(/[ \t]+/g, ' '));
  return { urls, emails, disclosureKeywords: distinct(disclosure), disclosureHitCount: disclosure.length };
}

/** `sizeBytes` is the file's size: Scorecard compares it with the length of the links it found. */
export function evaluatePolicy(sizeBytes: number, hits: PolicyHits): PolicyVerdict {
  const contacts = hits.urls.length + hits.emails.length;
  const linkedLength = [...hits.urls, ...hits.emails].reduce((sum, item) => sum + Buffer.byteLength(item), 0);
  const checks: PolicyChecks = {
    present: true,
    links: contacts > 0,
    disclosure: hits.disclosureHitCount > 1,
    text: sizeBytes > 1 && sizeBytes > linkedLength + contacts * 2,
  };
  const score = (checks.links ? 6 : 0) + (checks.text ? 3 : 0) + (checks.disclosure ? 1 : 0);
  return { checks, score };
}

function matchesOf(pattern: RegExp, text: string): string[] {
  return Array.from(text.matchAll(pattern), (match) => match[0]);
}

function distinct(items: readonly string[]): string[] {
  return [...new Set(items)];
}

/** "https://" alone (an example cut short, or a template) is not a link. */
function isUrl(candidate: string): boolean {
  return !/^https?:\/\/$/.test(candidate);
}
