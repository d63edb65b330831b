// ServiceStage V2 applications and their configuration (support.huaweicloud.com/intl/en-us/api-servicestage/,
// Application Management V2 APIs > Application, 2025-11); IAM actions from "Actions Supported by
// Policy-based Authorization" (servicestage_06_0169).
import { defineHuaweiOperation } from "../huawei-operation.ts";
import { readListQuery } from "./list-query.ts";
import { toApplication, toConfiguration } from "./wire.ts";

const APPS = "/v2/{project_id}/cas/applications";
const APP = `${APPS}/{application_id}`;
const appResource = "application:{application_id}";

export const applicationOperations = [
  defineHuaweiOperation({
    action: "CreateApplication",
    method: "POST",
    path: APPS,
    iam: { action: "servicestage:app:create", resource: "application:*" },
    run: async (ctx, { body }) => toApplication(await ctx.core.servicestage.catalog.createApplication(ctx.caller, ctx.project, body)),
  }),
  defineHuaweiOperation({
    action: "ListApplications",
    method: "GET",
    path: APPS,
    iam: { action: "servicestage:app:list", resource: "application:*" },
    run: async (ctx, { query }) => {
      const page = await ctx.core.servicestage.catalog.listApplications(ctx.project, readListQuery(query));
      return { count: page.count, applications: page.items.map(toApplication) };
    },
  }),
  defineHuaweiOperation({
    action: "ShowApplicationDetail",
    method: "GET",
    path: APP,
    iam: { action: "servicestage:app:get", resource: appResource },
    run: async (ctx, { params }) => toApplication(await ctx.core.servicestage.catalog.getApplication(ctx.project, params.application_id!)),
  }),
  defineHuaweiOperation({
    action: "ChangeApplication",
    method: "PUT",
    path: APP,
    iam: { action: "servicestage:app:modify", resource: appResource },
    run: async (ctx, { params, body }) => toApplication(await ctx.core.servicestage.catalog.changeApplication(ctx.project, params.application_id!, body)),
  }),
  defineHuaweiOperation({
    action: "DeleteApplication",
    method: "DELETE",
    path: APP,
    successStatus: 204,
    iam: { action: "servicestage:app:delete", resource: appResource },
    run: async (ctx, { params }) => {
      await ctx.core.servicestage.catalog.deleteApplication(ctx.project, params.application_id!);
      return undefined;
    },
  }),
  defineHuaweiOperation({
    action: "ShowApplicationConfiguration",
    method: "GET",
    path: `${APP}/configuration`,
    iam: { action: "servicestage:app:get", resource: appResource },
    run: async (ctx, { params, query }) => ({
      configuration: (await ctx.core.servicestage.catalog.showConfiguration(ctx.project, params.application_id!, query.environment_id)).map(toConfiguration),
    }),
  }),
  defineHuaweiOperation({
    action: "ChangeApplicationConfiguration",
    method: "PUT",
    path: `${APP}/configuration`,
    iam: { action: "servicestage:app:modify", resource: appResource },
    run: async (ctx, { params, body }) => toConfiguration(await ctx.core.servicestage.catalog.changeConfiguration(ctx.project, params.application_id!, body)),
  }),
  defineHuaweiOperation({
    action: "DeleteApplicationConfiguration",
    method: "DELETE",
    path: `${APP}/configuration`,
    successStatus: 204,
    iam: { action: "servicestage:app:modify", resource: appResource },
    run: async (ctx, { params, query }) => {
      await ctx.core.servicestage.catalog.deleteConfiguration(ctx.project, params.application_id!, query.environment_id ?? "");
      return undefined;
    },
  }),
];
