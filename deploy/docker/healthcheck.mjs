// Container HEALTHCHECK without curl: exits 0 when the health endpoint answers 2xx within 4 s, else 1.
// `serve` answers on its API port (OPENCHECKER_OPENCHECK_PORT, 8080 in the image); an agent answers on its
// --health-port, so an agent container sets OPENCHECKER_HEALTHCHECK_URL=http://127.0.0.1:<port>/healthz.
const url = process.env.OPENCHECKER_HEALTHCHECK_URL || `http://127.0.0.1:${process.env.OPENCHECKER_OPENCHECK_PORT || '8080'}/healthz`;
try {
  const response = await fetch(url, { signal: AbortSignal.timeout(4000) });
  process.exit(response.ok ? 0 : 1);
} catch (err) {
  process.stderr.write(`healthcheck ${url}: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
