/** Prometheus metrics of one process: HTTP requests, tasks by status, queue depth, checker durations. */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({
    name: 'openchecker_http_requests_total',
    help: 'HTTP requests by method, route and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'openchecker_http_request_duration_seconds',
    help: 'HTTP request durations.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly checkerDuration = new Histogram({
    name: 'openchecker_checker_duration_seconds',
    help: 'Time one command took on one repository, by command and outcome (ok, error, timeout, unavailable).',
    labelNames: ['command', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900],
    registers: [this.registry],
  });
  readonly tasksProcessed = new Counter({
    name: 'openchecker_agent_tasks_total',
    help: 'Tasks finished by the agents of this process, by final status.',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  readonly callbacks = new Counter({
    name: 'openchecker_callback_attempts_total',
    help: 'Callback POST attempts by outcome (delivered, retry, failed).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly cloneDuration = new Histogram({
    name: 'openchecker_clone_duration_seconds',
    help: 'git clone durations.',
    buckets: [0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
    registers: [this.registry],
  });

  readonly resultCache = new Counter({
    name: 'openchecker_result_cache_total',
    help: 'Result cache lookups and writes of this process: per-file facts (kind fact:<analysis>) and per-command results (result:<command>), by outcome (hit, miss, corrupt, write). A corrupt entry is computed again.',
    labelNames: ['kind', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'openchecker_' });
  }
}
