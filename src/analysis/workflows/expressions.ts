/**
 * GitHub Actions expressions (`${{ ... }}`) and which of them carry attacker-controlled text. The list of
 * untrusted contexts is Scorecard's (checks/raw/dangerous_workflow.go, after GitHub Security Lab's "untrusted
 * input" research): issue/PR titles and bodies, comments, review bodies, commit messages and authors, page
 * names, and PR head ref/label/default branch; plus `github.head_ref`. GitCode and Gitee workflows use the
 * same expression language; their contexts may be spelled with the platform's name (`gitcode.event...`).
 */

export interface Expression {
  /** The text between `${{` and `}}`, trimmed. */
  readonly expr: string;
  /** The whole `${{ ... }}` as written. */
  readonly raw: string;
  /** Offset of `${{` in the scanned text. */
  readonly offset: number;
}

/** Every `${{ ... }}` in `text`, in order. An unterminated `${{` ends the scan (GitHub rejects the file). */
export function expressionsIn(text: string): Expression[] {
  const found: Expression[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('${{', from);
    if (start < 0) break;
    const end = text.indexOf('}}', start + 3);
    if (end < 0) break;
    found.push({ expr: text.slice(start + 3, end).trim(), raw: text.slice(start, end + 2), offset: start });
    from = end + 2;
  }
  return found;
}

/**
 * Event fields an outsider can set (Scorecard v5's untrustedContextPattern, after GitHub Security Lab's
 * "untrusted input" list, with the later additions its tests assert: discussions, committers, blocked users,
 * forks and the fields of a triggering workflow_run). Unanchored, like Scorecard's `.*(...).*`.
 */
const UNTRUSTED_EVENT_FIELDS = new RegExp(
  [
    'issue\\.title', 'issue\\.body', 'pull_request\\.title', 'pull_request\\.body', 'discussion\\.title',
    'discussion\\.body', 'comment\\.body', 'review\\.body', 'review_comment\\.body', 'pages.*\\.page_name',
    'commits.*\\.message', 'head_commit\\.message', 'head_commit\\.author\\.email', 'head_commit\\.author\\.name',
    'head_commit\\.committer\\.email', 'head_commit\\.committer\\.name', 'commits.*\\.author\\.email',
    'commits.*\\.author\\.name', 'commits.*\\.committer\\.email', 'commits.*\\.committer\\.name',
    'blocked_user\\.name', 'blocked_user\\.email', 'pull_request\\.head\\.ref', 'pull_request\\.head\\.label',
    'pull_request\\.head\\.repo\\.default_branch', 'forkee\\.(name|full_name|description|homepage|default_branch)',
    'workflow_run\\.(head_branch|display_title|head_repository\\.description)', 'pull_requests.*\\.head\\.ref',
  ].join('|'),
);

/** `toJSON(github)` / `toJSON(github.event)`: the whole context serialised, untrusted fields included. */
const WHOLE_CONTEXT_TO_JSON = /tojson\s*\(\s*github(\.event)?\s*\)/;

/** A quoted index (`['issue']`, `["title"]`), GitHub's other spelling of a property access. */
const QUOTED_INDEX = /\[\s*['"]([^'"]*)['"]\s*\]/g;

/**
 * An expression in the spelling the patterns are written for (Scorecard's normalizeContextExpression): GitHub
 * evaluates property names case-insensitively and `a['b']` is `a.b`, so `GitHub.Event['issue'].Title` reads the
 * same untrusted value as `github.event.issue.title`. Numeric indexes (`commits[0]`) stay; the patterns allow
 * them. GitCode and Gitee contexts (`gitcode.event...`) are read as `github.`.
 */
export function normalizeContextExpression(expr: string, platform = 'github'): string {
  const dotted = expr.replace(QUOTED_INDEX, '.$1').toLowerCase();
  return platform === 'github' ? dotted : dotted.replace(new RegExp(`\\b${platform}\\b`, 'g'), 'github');
}

/** Whether an expression reads a context an outsider can set (Scorecard's containsUntrustedContextPattern). */
export function isUntrustedContext(expr: string, platform = 'github'): boolean {
  const normal = normalizeContextExpression(expr, platform);
  if (normal.includes('github.head_ref')) return true;
  if (WHOLE_CONTEXT_TO_JSON.test(normal)) return true;
  return normal.includes('github.event.') && UNTRUSTED_EVENT_FIELDS.test(normal);
}

/**
 * Whether a checkout `ref:` names the code of a pull request or of the run that triggered a workflow_run
 * (Scorecard: the normalised ref contains `github.event.pull_request` or `github.event.workflow_run`).
 */
export function isUntrustedCheckoutRef(ref: string, platform = 'github'): boolean {
  const normal = normalizeContextExpression(ref, platform);
  return normal.includes('github.event.pull_request') || normal.includes('github.event.workflow_run');
}

/** Whether a checkout `ref:` names the pull request's branch through `github.head_ref` (not in Scorecard's rule). */
export function isHeadRefCheckout(ref: string, platform = 'github'): boolean {
  return normalizeContextExpression(ref, platform).includes('github.head_ref');
}

/** `env.NAME` references in an expression. */
export function envReferences(expr: string): string[] {
  return [...expr.matchAll(/\benv\.([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1] as string);
}
