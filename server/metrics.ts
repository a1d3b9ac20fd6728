// Prometheus metrics of one server instance (prom-client), on a registry of its own so
// several in-process servers (tests) never share counters.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

export interface Metrics {
  registry: Registry
  connections: Gauge
  rooms: Gauge
  messagesIn: Counter
  deliveries: Counter
  storeLatency: Histogram
  errors: Counter<'code'>
}

export function createMetrics(
  sample: { connections: () => number; rooms: () => number },
  withDefaults = true,
): Metrics {
  const registry = new Registry()
  if (withDefaults) collectDefaultMetrics({ register: registry, prefix: 'parley_' })
  return {
    registry,
    connections: new Gauge({
      name: 'parley_connections',
      help: 'Open WebSocket connections on this instance',
      registers: [registry],
      collect() {
        this.set(sample.connections())
      },
    }),
    rooms: new Gauge({
      name: 'parley_rooms',
      help: 'Rooms with at least one connection on this instance',
      registers: [registry],
      collect() {
        this.set(sample.rooms())
      },
    }),
    messagesIn: new Counter({
      name: 'parley_messages_in_total',
      help: 'Chat messages stored from this instance',
      registers: [registry],
    }),
    deliveries: new Counter({
      name: 'parley_deliveries_total',
      help: 'Message frames written to sockets of this instance',
      registers: [registry],
    }),
    storeLatency: new Histogram({
      name: 'parley_store_latency_seconds',
      help: 'Latency of storing one chat message',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    errors: new Counter({
      name: 'parley_errors_total',
      help: 'Error frames sent, by code',
      labelNames: ['code'],
      registers: [registry],
    }),
  }
}
