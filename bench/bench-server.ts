// A nestbox server in its own process for the benchmarks, so the load generator does not share
// its event loop. Configured by NESTBOX_* like `nestbox serve`; adds the bench-only baseline
// route and reports its URL to the parent over IPC.
import { loadConfig } from "../src/server/config.ts";
import { startServer } from "../src/server/start-server.ts";

let baseline = { body: Buffer.from("{}"), contentType: "application/json;charset=utf-8" };
process.on("message", (message: { type?: string; body?: string; contentType?: string }) => {
  if (message.type === "baseline" && typeof message.body === "string") {
    baseline = { body: Buffer.from(message.body), contentType: message.contentType ?? baseline.contentType };
    process.send?.({ type: "baseline-set" });
  }
});

const server = await startServer(loadConfig(process.env), {
  // Same bytes as the measured answer, no parsing, signature, store or serialisation work.
  routes: (app) => app.all("/__bench/baseline", (_request, reply) => reply.type(baseline.contentType).send(baseline.body)),
});
process.send?.({ type: "ready", url: server.url });

const stop = () => void server.close().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.on("disconnect", stop);
