// ServiceStage V2 components (Application Management V2 APIs > Component; IAM: servicestage_06_0169,
// where components are application-level actions).
import { defineHuaweiOperation } from "../huawei-operation.ts";
import { readListQuery } from "./list-query.ts";
import { toComponent, toInstanceOverview } from "./wire.ts";

const COMPONENTS = "/v2/{project_id}/cas/applications/{application_id}/components";
const COMPONENT = `${COMPONENTS}/{component_id}`;
const componentResource = "application:{application_id}/component:{component_id}";

export const componentOperations = [
  defineHuaweiOperation({
    action: "CreateComponent",
    method: "POST",
    path: COMPONENTS,
    iam: { action: "servicestage:app:create", resource: "application:{application_id}/component:*" },
    run: async (ctx, { params, body }) => ({ ...toComponent(await ctx.core.servicestage.catalog.createComponent(ctx.caller, ctx.project, params.application_id!, body)), pipeline_ids: [] }),
  }),
  defineHuaweiOperation({
    action: "ListComponents",
    method: "GET",
    path: COMPONENTS,
    iam: { action: "servicestage:app:list", resource: "application:{application_id}/component:*" },
    run: async (ctx, { params, query }) => {
      const page = await ctx.core.servicestage.catalog.listComponents(ctx.project, params.application_id!, readListQuery(query));
      return { count: page.count, components: page.items.map(toComponent) };
    },
  }),
  defineHuaweiOperation({
    action: "ListComponentOverviews",
    method: "GET",
    path: `${COMPONENTS}/overviews`,
    iam: { action: "servicestage:app:list", resource: "application:{application_id}/component:*" },
    run: async (ctx, { params, query }) => {
      const ss = ctx.core.servicestage;
      const page = await ss.catalog.listComponents(ctx.project, params.application_id!, readListQuery(query));
      const components = await Promise.all(
        page.items.map(async (c) => ({
          ...toComponent(c),
          instances: (await ss.instances.list(ctx.project, c.applicationId, c.id, {})).items.map(toInstanceOverview),
        })),
      );
      return { count: page.count, components };
    },
  }),
  defineHuaweiOperation({
    action: "ShowComponentDetail",
    method: "GET",
    path: COMPONENT,
    iam: { action: "servicestage:app:get", resource: componentResource },
    run: async (ctx, { params }) => toComponent(await ctx.core.servicestage.catalog.getComponent(ctx.project, params.application_id!, params.component_id!)),
  }),
  defineHuaweiOperation({
    action: "ChangeComponent",
    method: "PUT",
    path: COMPONENT,
    iam: { action: "servicestage:app:modify", resource: componentResource },
    run: async (ctx, { params, body }) => toComponent(await ctx.core.servicestage.catalog.changeComponent(ctx.project, params.application_id!, params.component_id!, body)),
  }),
  defineHuaweiOperation({
    action: "DeleteComponent",
    method: "DELETE",
    path: COMPONENT,
    successStatus: 204,
    iam: { action: "servicestage:app:delete", resource: componentResource },
    run: async (ctx, { params }) => {
      await ctx.core.servicestage.catalog.deleteComponent(ctx.project, params.application_id!, params.component_id!);
      return undefined;
    },
  }),
];
