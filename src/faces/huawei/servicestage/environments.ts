// ServiceStage V2 environments (Application Management V2 APIs > Environment; IAM: servicestage_06_0169).
import { defineHuaweiOperation } from "../huawei-operation.ts";
import { readListQuery } from "./list-query.ts";
import { toEnvironment } from "./wire.ts";

const ENVS = "/v2/{project_id}/cas/environments";
const ENV = `${ENVS}/{environment_id}`;
const envResource = "environment:{environment_id}";

export const environmentOperations = [
  defineHuaweiOperation({
    action: "CreateEnvironment",
    method: "POST",
    path: ENVS,
    iam: { action: "servicestage:environment:create", resource: "environment:*" },
    run: async (ctx, { body }) => toEnvironment(await ctx.core.servicestage.catalog.createEnvironment(ctx.caller, ctx.project, body)),
  }),
  defineHuaweiOperation({
    action: "ListEnvironments",
    method: "GET",
    path: ENVS,
    iam: { action: "servicestage:environment:list", resource: "environment:*" },
    run: async (ctx, { query }) => {
      const page = await ctx.core.servicestage.catalog.listEnvironments(ctx.project, readListQuery(query));
      return { count: page.count, environments: page.items.map(toEnvironment) };
    },
  }),
  defineHuaweiOperation({
    action: "ShowEnvironmentDetail",
    method: "GET",
    path: ENV,
    iam: { action: "servicestage:environment:get", resource: envResource },
    run: async (ctx, { params }) => toEnvironment(await ctx.core.servicestage.catalog.getEnvironment(ctx.project, params.environment_id!)),
  }),
  defineHuaweiOperation({
    action: "ChangeEnvironment",
    method: "PUT",
    path: ENV,
    iam: { action: "servicestage:environment:modify", resource: envResource },
    run: async (ctx, { params, body }) => toEnvironment(await ctx.core.servicestage.catalog.changeEnvironment(ctx.project, params.environment_id!, body)),
  }),
  defineHuaweiOperation({
    action: "ChangeResourceInEnvironment",
    method: "PATCH",
    path: `${ENV}/resources`,
    iam: { action: "servicestage:environment:modify", resource: envResource },
    run: async (ctx, { params, body }) => toEnvironment(await ctx.core.servicestage.catalog.changeEnvironmentResources(ctx.project, params.environment_id!, body)),
  }),
  defineHuaweiOperation({
    action: "DeleteEnvironment",
    method: "DELETE",
    path: ENV,
    successStatus: 204,
    iam: { action: "servicestage:environment:delete", resource: envResource },
    run: async (ctx, { params }) => {
      await ctx.core.servicestage.catalog.deleteEnvironment(ctx.project, params.environment_id!);
      return undefined;
    },
  }),
];
