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

const UNTRUSTED_EVENT_FIELDS =
  /(issue\.title|issue\.body|pull_request\.title|pull_request\.body|comment\.body|review\.body|review_comment\.body|pages.*\.page_name|commits.*\.message|head_commit\.message|head_commit\.author\.email|head_commit\.author\.name|commits.*\.author\.email|commits.*\.author\.name|pull_request\.head\.ref|pull_request\.head\.label|pull_request\.head\.repo\.default_branch)/;

/** The context prefixes an expression may use: `github` everywhere, and the platform's own name. */
function prefixes(platform: string): string[] {
  return platform === 'github' ? ['github'] : ['github', platform];
}

/** Whether an expression reads a context an outsider can set (Scorecard's containsUntrustedContextPattern). */
export function isUntrustedContext(expr: string, platform = 'github'): boolean {
  return prefixes(platform).some(
    (prefix) => expr.includes(`${prefix}.head_ref`) || (expr.includes(`${prefix}.event.`) && UNTRUSTED_EVENT_FIELDS.test(expr)),
  );
}

/**
 * Whether a checkout `ref:` names the code of a pull request or of the run that triggered a workflow_run
 * (Scorecard: contains `github.event.pull_request` or `github.event.workflow_run`; `github.head_ref` is the
 * PR's branch too).
 */
export function isUntrustedCheckoutRef(ref: string, platform = 'github'): boolean {
  return prefixes(platform).some(
    (prefix) => ref.includes(`${prefix}.event.pull_request`) || ref.includes(`${prefix}.event.workflow_run`) || ref.includes(`${prefix}.head_ref`),
  );
}

/** `env.NAME` references in an expression. */
export function envReferences(expr: string): string[] {
  return [...expr.matchAll(/\benv\.([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1] as string);
}
