import { readConfiguration, strategyBounds, type RunConfiguration } from "../../core/servicestage/instance-configuration.ts";
import type { EnvVar, InstanceSpec, ReplicaRef } from "../../core/servicestage/servicestage-model.ts";
import type { JobRequest, ServiceStageJobSink } from "../../core/servicestage/servicestage-runtime.ts";
import type { Logger } from "../../core/shared/logger.ts";
import type { Driver } from "../drivers/driver.ts";
import type { StepContext, StepDefinition, WorkflowDefinition } from "../workflow/workflow-definition.ts";
import type { PackageStore } from "./package-store.ts";
import { runHook } from "./replica-hooks.ts";
import { LOCAL_PROCESS_TYPE, prepareReplicaDir, processProperties, removeReplicaDir, replicaDir, type ReplicaRecipe } from "./replica-process.ts";
import { planRollout, type RolloutRound } from "./rollout-plan.ts";

/** Stable workflow name and step ids (never renamed). */
export const SERVICESTAGE_JOB_WORKFLOW = "servicestage-job";
export const STEP = { prepare: "prepare", round: (n: number) => `round-${n}`, replicas: "replicas" } as const;

export interface JobDeps {
  readonly driver: Driver;
  readonly sink: ServiceStageJobSink;
  readonly packages: PackageStore;
  readonly dataDir: string;
  readonly log: Logger;
}

interface Prepared {
  readonly toRoot: string | null;
  readonly fromRoot: string | null;
}

const ref = (key: string) => ({ key, type: LOCAL_PROCESS_TYPE });
const MUTATING = new Set(["create", "change", "rollback", "scale"]);

/** The replicas a job starts: `<instance>.<job>-<n>`, stable for the job so resumed steps find them. */
export function freshReplicas(input: JobRequest): ReplicaRef[] {
  const tag = input.jobId.replace(/^JOB/, "").slice(0, 8);
  const version = input.to.spec.version;
  const make = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ key: `${input.instanceId}.${tag}-${from + i}`, version }));
  if (input.kind === "scale") return [...input.from.replicas, ...make(Math.max(0, input.to.replica - input.from.replicas.length), input.from.replicas.length)];
  return make(input.to.replica);
}

/** The rounds of a create, change, rollback or scale (pure; the same on every resume). */
export function roundsOf(input: JobRequest): RolloutRound[] {
  const old = input.from.replicas;
  if (input.kind === "create") return input.to.replica > 0 ? [{ down: [], up: freshReplicas(input) }] : [];
  if (input.kind === "scale") {
    const target = input.to.replica;
    if (target >= old.length) return target === old.length ? [] : [{ down: [], up: freshReplicas(input).slice(old.length) }];
    return [{ down: old.slice(target), up: [] }];
  }
  const config = readConfiguration(input.to.spec.configuration);
  const bounds = strategyBounds(config.strategy, input.to.replica);
  return planRollout(old, freshReplicas(input), { type: config.strategy.type, ...bounds });
}

/** Replicas after the first `n` rounds. */
function replicasAfter(input: JobRequest, rounds: readonly RolloutRound[], n: number): ReplicaRef[] {
  let now = [...input.from.replicas];
  for (const r of rounds.slice(0, n)) {
    const gone = new Set(r.down.map((d) => d.key));
    now = [...now.filter((x) => !gone.has(x.key)), ...r.up];
  }
  return now;
}

function envOf(input: JobRequest, appEnv: readonly EnvVar[], config: RunConfiguration, spec: InstanceSpec): EnvVar[] {
  const merged = new Map<string, string>();
  for (const v of [...input.internalEnv, { name: "PAAS_INSTANCE_VERSION", value: spec.version }, ...appEnv, ...config.env]) merged.set(v.name, v.value);
  return [...merged].map(([name, value]) => ({ name, value }));
}

/**
 * Every ServiceStage job is one durable workflow: `prepare` (package fetched and unpacked), then
 * one step per rollout round (replicas removed, then started and waited for) or one step over the
 * existing replicas (start, stop, restart, delete). A job that fails for good puts back what ran
 * before (new replicas removed, removed old ones started again) and records why.
 */
export function serviceStageJobWorkflow(deps: JobDeps): WorkflowDefinition<JobRequest> {
  const recipeOf = (input: JobRequest, which: "to" | "from", root: string): ReplicaRecipe => {
    const spec = which === "to" ? input.to.spec : input.from.spec!;
    const config = readConfiguration(spec.configuration);
    return { runtime: input.runtime, packageRoot: root, config, env: envOf(input, input[which].appEnv, config, spec) };
  };
  const readyTimeout = (config: RunConfiguration) => (config.readiness ? (config.readiness.delay + Math.max(10, config.readiness.timeout * 10)) * 1000 : undefined);
  const envRecord = (recipe: ReplicaRecipe) => Object.fromEntries(recipe.env.map((v) => [v.name, v.value]));

  async function startReplica(r: ReplicaRef, recipe: ReplicaRecipe, signal: AbortSignal): Promise<void> {
    const cwd = await prepareReplicaDir(deps.dataDir, r.key, recipe);
    const timeout = readyTimeout(recipe.config);
    await deps.driver.apply({ ...ref(r.key), properties: processProperties(recipe, cwd) }, { signal, ...(timeout ? { readyTimeoutMs: timeout } : {}) });
    if (recipe.config.postStart) await runHook(recipe.config.postStart, { port: await portOf(r.key), cwd, env: envRecord(recipe) });
  }

  async function stopReplica(r: ReplicaRef, recipe: ReplicaRecipe | undefined, destroy: boolean, log: Logger): Promise<void> {
    const seen = await deps.driver.observe(ref(r.key));
    if (seen && recipe?.config.preStop && seen.replicas[0]?.status === "Running") {
      await runHook(recipe.config.preStop, { port: seen.replicas[0].port, cwd: replicaDir(deps.dataDir, r.key), env: envRecord(recipe) }).catch((e) =>
        log.warn({ key: r.key, err: String(e) }, "Failed pre-stop hook; stopping anyway"),
      );
    }
    if (destroy) {
      await deps.driver.destroy(ref(r.key));
      await removeReplicaDir(deps.dataDir, r.key);
    } else if (seen) await deps.driver.stop(ref(r.key));
  }

  const portOf = async (key: string) => (await deps.driver.observe(ref(key)))?.replicas[0]?.port ?? 0;
  const prepared = (ctx: StepContext<JobRequest>) => ctx.results[STEP.prepare] as Prepared;
  const fromRecipe = (ctx: StepContext<JobRequest>) => {
    const root = prepared(ctx).fromRoot;
    return root && ctx.input.from.spec ? recipeOf(ctx.input, "from", root) : undefined;
  };

  return {
    name: SERVICESTAGE_JOB_WORKFLOW,
    maxAttempts: 3,
    steps(input) {
      const steps: StepDefinition<JobRequest>[] = [
        {
          id: STEP.prepare,
          async run(ctx) {
            await deps.sink.jobStarted(input.jobId);
            await deps.sink.task(input.jobId, { id: STEP.prepare, name: "prepare package", type: "PREPARE", status: "RUNNING", messages: "" });
            const needsTo = MUTATING.has(input.kind) || input.kind === "start" || input.kind === "restart";
            const artifact = (spec: InstanceSpec | null) => (spec ? Object.values(spec.artifacts)[0] : undefined);
            try {
              const to = artifact(input.to.spec);
              const from = artifact(input.from.spec);
              const out: Prepared = {
                toRoot: needsTo && to ? await deps.packages.fetch(to.url, input.to.spec.version) : null,
                fromRoot: from && input.from.spec ? await deps.packages.fetch(from.url, input.from.spec.version).catch(() => null) : null,
              };
              await deps.sink.task(input.jobId, { id: STEP.prepare, name: "prepare package", type: "PREPARE", status: "SUCCEEDED", messages: out.toRoot ? `package ready in ${out.toRoot}` : "nothing to fetch" });
              ctx.log.debug({ out }, "Prepared packages");
              return out;
            } catch (e) {
              await deps.sink.task(input.jobId, { id: STEP.prepare, name: "prepare package", type: "PREPARE", status: "FAILED", messages: (e as Error).message });
              throw e;
            }
          },
        },
      ];
      if (MUTATING.has(input.kind)) {
        const rounds = roundsOf(input);
        rounds.forEach((round, n) => {
          const name = `round ${n + 1}/${rounds.length}: remove ${round.down.length}, start ${round.up.length} (version ${input.to.spec.version})`;
          steps.push({
            id: STEP.round(n),
            async run(ctx) {
              const id = STEP.round(n);
              await deps.sink.task(input.jobId, { id, name, type: "ROLLOUT", status: "RUNNING", messages: "" });
              try {
                await deps.sink.setReplicas(input.instanceId, [...replicasAfter(input, rounds, n).filter((r) => !round.down.some((d) => d.key === r.key)), ...round.up]);
                const old = fromRecipe(ctx);
                for (const r of round.down) await ctx.child(`down:${r.key}`, async () => (await stopReplica(r, old ?? recipeOf(input, "to", prepared(ctx).toRoot!), true, ctx.log), true));
                const recipe = recipeOf(input, "to", prepared(ctx).toRoot!);
                await Promise.all(round.up.map((r) => ctx.child(`up:${r.key}`, async (c) => (await startReplica(r, recipe, c.signal), true))));
                await deps.sink.setReplicas(input.instanceId, replicasAfter(input, rounds, n + 1));
                await deps.sink.task(input.jobId, { id, name, type: "ROLLOUT", status: "SUCCEEDED", messages: `removed ${round.down.map((r) => r.key).join(", ") || "none"}; started ${round.up.map((r) => r.key).join(", ") || "none"}` });
              } catch (e) {
                await deps.sink.task(input.jobId, { id, name, type: "ROLLOUT", status: "FAILED", messages: (e as Error).message });
                throw e;
              }
              return n;
            },
          });
        });
      } else {
        steps.push({
          id: STEP.replicas,
          async run(ctx) {
            const recipe = fromRecipe(ctx);
            const task = (status: "RUNNING" | "SUCCEEDED" | "FAILED", messages: string) => deps.sink.task(input.jobId, { id: STEP.replicas, name: `${input.kind} ${input.from.replicas.length} replicas`, type: input.kind.toUpperCase(), status, messages });
            await task("RUNNING", "");
            try {
              const each = async (r: ReplicaRef) => {
                switch (input.kind) {
                  case "stop":
                    return stopReplica(r, recipe, false, ctx.log);
                  case "delete":
                    return stopReplica(r, recipe, true, ctx.log);
                  case "start": {
                    if (!(await deps.driver.observe(ref(r.key))) && recipe) return startReplica(r, recipe, ctx.signal);
                    await deps.driver.start(ref(r.key), { signal: ctx.signal });
                    if (recipe?.config.postStart) await runHook(recipe.config.postStart, { port: await portOf(r.key), cwd: replicaDir(deps.dataDir, r.key), env: envRecord(recipe) });
                    return;
                  }
                  default: {
                    await stopReplica(r, recipe, false, ctx.log);
                    await deps.driver.start(ref(r.key), { signal: ctx.signal });
                    if (recipe?.config.postStart) await runHook(recipe.config.postStart, { port: await portOf(r.key), cwd: replicaDir(deps.dataDir, r.key), env: envRecord(recipe) });
                  }
                }
              };
              // Restart goes one replica at a time so the others keep serving.
              if (input.kind === "restart") for (const r of input.from.replicas) await ctx.child(r.key, async () => (await each(r), true));
              else await Promise.all(input.from.replicas.map((r) => ctx.child(r.key, async () => (await each(r), true))));
              await task("SUCCEEDED", `${input.kind} done`);
            } catch (e) {
              await task("FAILED", (e as Error).message);
              throw e;
            }
            return input.from.replicas.length;
          },
        });
      }
      return steps;
    },
    async onSuccess(ctx) {
      const input = ctx.input;
      const replicas = MUTATING.has(input.kind) ? replicasAfter(input, roundsOf(input), roundsOf(input).length) : input.kind === "delete" ? [] : [...input.from.replicas];
      await deps.sink.jobFinished(input.jobId, { succeeded: true, message: "", replicas });
    },
    async onFailure(ctx, failure) {
      const input = ctx.input;
      let replicas = [...input.from.replicas];
      if (MUTATING.has(input.kind)) {
        // Put back what ran before: new replicas go, removed old ones start again.
        const keep = new Set(input.from.replicas.map((r) => r.key));
        for (const r of freshReplicas(input).filter((f) => !keep.has(f.key))) {
          await deps.driver.destroy(ref(r.key)).catch((e) => ctx.log.warn({ key: r.key, err: String(e) }, "Failed to remove a replica of a failed job"));
          await removeReplicaDir(deps.dataDir, r.key);
        }
        const root = (ctx.results[STEP.prepare] as Prepared | undefined)?.fromRoot;
        const restored: ReplicaRef[] = [];
        for (const r of input.from.replicas) {
          if (await deps.driver.observe(ref(r.key))) restored.push(r);
          else if (root && input.from.spec) {
            try {
              await startReplica(r, recipeOf(input, "from", root), ctx.signal);
              restored.push(r);
            } catch (e) {
              ctx.log.warn({ key: r.key, err: String(e) }, "Failed to start an old replica again after a failed job");
            }
          }
        }
        replicas = restored;
      }
      await deps.sink.jobFinished(input.jobId, { succeeded: false, message: failure.message, replicas });
    },
  };
}
