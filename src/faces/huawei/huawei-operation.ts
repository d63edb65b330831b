import type { Project } from "../../core/servicestage/servicestage-model.ts";
import type { RequestContext } from "../shared/request-context.ts";

/**
 * One Huawei REST operation, named after the SDK method (ShowInstanceDetail, …). `path` uses
 * `{name}` segments; `{project_id}` is resolved to the caller's project before `run`. `iam` names
 * the action from ServiceStage's permission table and the resource (URN tail with `{param}`s).
 * `run` returns the JSON body (snake_case, vendor words), or undefined for 204.
 */
export interface HuaweiOperation {
  readonly action: string;
  readonly method: "GET" | "POST" | "PUT" | "DELETE" | "PATCH";
  readonly path: string;
  readonly iam: { readonly action: string; readonly resource: string };
  readonly successStatus?: 200 | 201 | 204;
  run(ctx: HuaweiContext, input: HuaweiInput): Promise<object | undefined>;
}

export interface HuaweiInput {
  /** Path parameters, percent-decoded. */
  readonly params: Readonly<Record<string, string>>;
  /** Query parameters (last value wins), percent-decoded. */
  readonly query: Readonly<Record<string, string>>;
  /** The JSON body (an object; {} when there is none). */
  readonly body: Record<string, unknown>;
}

export interface HuaweiContext extends RequestContext {
  readonly project: Project;
}

export const defineHuaweiOperation = (op: HuaweiOperation): HuaweiOperation => op;
