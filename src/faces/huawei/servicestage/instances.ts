// ServiceStage V2 component instances (Application Management V2 APIs > Instance, servicestage_06_0045..0052;
// IAM: servicestage_06_0169, instances are application-level actions).
import { defineHuaweiOperation } from "../huawei-operation.ts";
import { readListQuery } from "./list-query.ts";
import { toInstanceDetail, toInstanceListView, toSnapshot } from "./wire.ts";

const INSTANCES = "/v2/{project_id}/cas/applications/{application_id}/components/{component_id}/instances";
const INSTANCE = `${INSTANCES}/{instance_id}`;
const instanceResource = "application:{application_id}/component:{component_id}/instance:{instance_id}";

export const instanceOperations = [
  defineHuaweiOperation({
    action: "CreateInstance",
    method: "POST",
    path: INSTANCES,
    iam: { action: "servicestage:app:create", resource: "application:{application_id}/component:{component_id}/instance:*" },
    run: async (ctx, { params, body }) => {
      const { instanceId, jobId } = await ctx.core.servicestage.instances.create(ctx.caller, ctx.project, params.application_id!, params.component_id!, body);
      return { instance_id: instanceId, job_id: jobId };
    },
  }),
  defineHuaweiOperation({
    action: "ListInstances",
    method: "GET",
    path: INSTANCES,
    iam: { action: "servicestage:app:list", resource: "application:{application_id}/component:{component_id}/instance:*" },
    run: async (ctx, { params, query }) => {
      const page = await ctx.core.servicestage.instances.list(ctx.project, params.application_id!, params.component_id!, readListQuery(query));
      return { count: page.count, instances: page.items.map(toInstanceListView) };
    },
  }),
  defineHuaweiOperation({
    action: "ShowInstanceDetail",
    method: "GET",
    path: INSTANCE,
    iam: { action: "servicestage:app:get", resource: instanceResource },
    run: async (ctx, { params }) => toInstanceDetail(await ctx.core.servicestage.instances.get(ctx.project, params.application_id!, params.component_id!, params.instance_id!)),
  }),
  defineHuaweiOperation({
    action: "ChangeInstance",
    method: "PUT",
    path: INSTANCE,
    iam: { action: "servicestage:app:modify", resource: instanceResource },
    run: async (ctx, { params, body }) => ({
      job_id: await ctx.core.servicestage.instances.change(ctx.caller, ctx.project, params.application_id!, params.component_id!, params.instance_id!, body),
    }),
  }),
  defineHuaweiOperation({
    action: "DeleteInstance",
    method: "DELETE",
    path: INSTANCE,
    iam: { action: "servicestage:app:delete", resource: instanceResource },
    run: async (ctx, { params }) => ({
      job_id: await ctx.core.servicestage.instances.delete(ctx.caller, ctx.project, params.application_id!, params.component_id!, params.instance_id!),
    }),
  }),
  defineHuaweiOperation({
    action: "UpdateInstanceAction",
    method: "POST",
    path: `${INSTANCE}/action`,
    iam: { action: "servicestage:app:modify", resource: instanceResource },
    run: async (ctx, { params, body }) => ({
      job_id: await ctx.core.servicestage.instances.action(ctx.caller, ctx.project, params.application_id!, params.component_id!, params.instance_id!, body),
    }),
  }),
  defineHuaweiOperation({
    action: "ListInstanceSnapshots",
    method: "GET",
    path: `${INSTANCE}/snapshots`,
    iam: { action: "servicestage:app:get", resource: instanceResource },
    run: async (ctx, { params, query }) => {
      const q = readListQuery({ ...query, order_by: query.snapshot_order_by ?? "" }, ["create_time", "version"]);
      const page = await ctx.core.servicestage.instances.snapshots(ctx.project, params.application_id!, params.component_id!, params.instance_id!, {
        ...(q.limit !== undefined ? { limit: q.limit } : {}),
        ...(q.offset !== undefined ? { offset: q.offset } : {}),
        ...(q.orderBy ? { orderBy: q.orderBy as "create_time" | "version" } : {}),
        ...(q.order ? { order: q.order } : {}),
      });
      return { count: page.count, snapshots: page.items.map(toSnapshot) };
    },
  }),
];
