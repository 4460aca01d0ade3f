// Distributed mode against real RabbitMQ and PostgreSQL: see test/support/distributed-suite.ts.
import { distributedSuite } from './support/distributed-suite.js';

distributedSuite(['1', 'layout', 'interop']);
