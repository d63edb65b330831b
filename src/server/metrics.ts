import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { RequestObserver } from "../faces/shared/ports.ts";

/**
 * Prometheus metrics of one server. Each server owns its registry (no prom-client global), so
 * several servers in one process (tests) do not mix their figures.
 */
export class PrometheusMetrics implements RequestObserver {
  readonly registry = new Registry();
  private readonly requests: Counter<"face" | "action" | "status">;
  private readonly duration: Histogram<"face" | "action">;

  constructor(options: { defaultMetrics?: boolean } = {}) {
    this.requests = new Counter({
      name: "nestbox_requests_total",
      help: "API requests answered, by face, action and HTTP status.",
      labelNames: ["face", "action", "status"],
      registers: [this.registry],
    });
    this.duration = new Histogram({
      name: "nestbox_request_duration_seconds",
      help: "Time from receiving an API request to sending its answer, by face and action.",
      labelNames: ["face", "action"],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: "nestbox_" });
  }

  // Label lookups hash the label set on every call; the children are kept per label set instead.
  private readonly counters = new Map<string, { inc(): void }>();
  private readonly timers = new Map<string, { observe(v: number): void }>();

  observe(face: string, action: string, status: number, seconds: number): void {
    const key = `${face}\u0000${action}`;
    const counterKey = `${key}\u0000${status}`;
    let counter = this.counters.get(counterKey);
    if (!counter) this.counters.set(counterKey, (counter = this.requests.labels(face, action, String(status))));
    let timer = this.timers.get(key);
    if (!timer) this.timers.set(key, (timer = this.duration.labels(face, action)));
    counter.inc();
    timer.observe(seconds);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
