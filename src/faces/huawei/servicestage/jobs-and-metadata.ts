// ServiceStage V2 jobs (Obtaining Job Details, servicestage_06_0053) and metadata (Obtaining All
// Supported Flavors / Runtimes / Templates). IAM: servicestage_06_0169.
import { defineHuaweiOperation } from "../huawei-operation.ts";
import { boolParam, intParam } from "./list-query.ts";
import { toFlavor, toJob, toRuntime, toTask, toTemplate } from "./wire.ts";

export const jobAndMetadataOperations = [
  defineHuaweiOperation({
    action: "ShowJobDetail",
    method: "GET",
    path: "/v2/{project_id}/cas/jobs/{job_id}",
    iam: { action: "servicestage:app:get", resource: "job:{job_id}" },
    run: async (ctx, { params, query }) => {
      const limit = intParam(query, "limit", 0, 100);
      const offset = intParam(query, "offset", 0, Number.MAX_SAFE_INTEGER);
      const desc = boolParam(query, "desc");
      const { job, tasks } = await ctx.core.servicestage.jobs.show(ctx.project, params.job_id!, {
        ...(query.instance_id ? { instanceId: query.instance_id } : {}),
        ...(limit !== undefined ? { limit } : {}),
        ...(offset !== undefined ? { offset } : {}),
        ...(desc !== undefined ? { desc } : {}),
      });
      return { task_count: tasks.count, job: toJob(job), tasks: tasks.items.map((t) => toTask(t, job)) };
    },
  }),
  defineHuaweiOperation({
    action: "ListFlavors",
    method: "GET",
    path: "/v2/{project_id}/cas/metadata/flavors",
    iam: { action: "servicestage:app:list", resource: "*" },
    run: async (ctx) => ({ flavors: ctx.core.servicestage.flavors().map(toFlavor) }),
  }),
  defineHuaweiOperation({
    action: "ListRuntimes",
    method: "GET",
    path: "/v2/{project_id}/cas/metadata/runtimes",
    iam: { action: "servicestage:app:list", resource: "*" },
    run: async (ctx) => ({ runtimes: ctx.core.servicestage.runtimes().map(toRuntime) }),
  }),
  defineHuaweiOperation({
    action: "ListTemplates",
    method: "GET",
    path: "/v2/{project_id}/cas/metadata/templates",
    iam: { action: "servicestage:app:list", resource: "*" },
    // The starter packages this host can run, one per runtime (not the vendor's magento, mbaas, wordpress).
    run: async (ctx) => ({ templates: (await ctx.core.servicestage.templates()).map(toTemplate) }),
  }),
];
