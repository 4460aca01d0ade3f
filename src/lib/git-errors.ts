/**
 * Why a git clone or fetch failed, in a few fixed words. git's stderr is never passed on: it carries what the
 * remote said (`remote:` lines, and pieces of a body that is not git's protocol, as in "bad line length
 * character: <4 bytes of the body>"), so echoing it would let a task read an internal service through the
 * results. The first rule that matches wins; anything else is a generic sentence.
 */
const RULES: ReadonlyArray<readonly [RegExp, (match: RegExpExecArray) => string]> = [
  [/transport '([a-z0-9+.-]{1,20})' not allowed/i, (m) => `transport '${m[1] ?? ''}' not allowed`],
  [/from proxy after connect|received http code 40[37] from proxy|proxy connect aborted/i, () => 'the connection was refused by the outbound-address policy'],
  [/could not resolve (host|hostname|proxy)|name or service not known|temporary failure in name resolution/i, () => 'could not resolve the host name'],
  [/host key verification failed/i, () => 'ssh host key verification failed'],
  [/ssl|tls|certificate/i, () => 'TLS error (certificate or handshake)'],
  [/timed out|timeout was reached/i, () => 'the connection timed out'],
  [/connection refused|failed to connect|couldn't connect|no route to host|network is unreachable/i, () => 'could not connect to the server'],
  [/authentication failed|could not read (username|password)|returned error: 40[13]|permission denied/i, () => 'authentication required or refused (is the repository private?)'],
  [/repository '.*' not found|repository not found|returned error: 404/i, () => 'repository not found'],
  [/returned error: (\d{3})/i, (m) => `the server answered HTTP ${m[1] ?? ''}`],
  [/remote branch .* not found|couldn't find remote ref/i, () => 'the version was not found (not a tag or branch)'],
  [/early eof|rpc failed|hung up unexpectedly|unexpected disconnect|connection reset/i, () => 'the connection was interrupted'],
  [/not valid: is this a git repository|protocol error|bad line length|does not appear to be a git repository|invalid server response|not a git repository|unexpected/i, () => 'the server did not answer as a git repository'],
];

/** A short reason for a failed git network operation, from its stderr; never a line of the stderr itself. */
export function describeGitFailure(stderr: string): string {
  for (const [pattern, describe] of RULES) {
    const match = pattern.exec(stderr);
    if (match) return describe(match);
  }
  return 'git could not fetch the repository';
}
