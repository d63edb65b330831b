import type { FastifyInstance } from "fastify";
import type { PrometheusMetrics } from "./metrics.ts";

/**
 * Unsigned operational endpoints: /healthz answers 200 only when the store answers a query
 * (503 otherwise, so a load balancer stops routing here); /metrics is Prometheus text.
 */
export function registerOpsRoutes(app: FastifyInstance, deps: { ping(): Promise<void>; metrics: PrometheusMetrics }): void {
  app.get("/healthz", { logLevel: "warn" }, async (request, reply) => {
    try {
      await deps.ping();
      return reply.code(200).send({ status: "ok" });
    } catch (err) {
      request.log.error({ err }, "Failed store health check");
      return reply.code(503).send({ status: "unavailable", reason: "The store did not answer." });
    }
  });

  app.get("/metrics", { logLevel: "warn" }, async (_request, reply) => {
    const body = await deps.metrics.render();
    return reply.code(200).header("content-type", deps.metrics.contentType).send(body);
  });
}
