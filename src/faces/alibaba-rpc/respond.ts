import type { FastifyReply } from "fastify";
import type { Logger } from "../../core/shared/logger.ts";
import { toXml } from "../shared/xml.ts";
import { toAlibabaError } from "./errors.ts";
import { AccessDenied } from "./authorize-operation.ts";

export type ResponseFormat = "JSON" | "XML";

const JSON_TYPE = "application/json;charset=utf-8";
// openapi-core parses an error as XML only with exactly this content type (ALIBABA.md 2.2).
const XML_TYPE = "text/xml;charset=utf-8";

/**
 * A success body: RequestId first, then the operation's fields. Never a top-level `Code`:
 * pop-core treats any Code outside 200/OK/Success as an error (CLIENTS.md 6).
 */
export function sendAlibabaSuccess(reply: FastifyReply, requestId: string, action: string, result: object, format: ResponseFormat): void {
  if (format === "JSON" && !("Code" in result) && !("RequestId" in result)) {
    // The common case without copying the result: RequestId spliced in front of its fields.
    const fields = fieldsJson(result);
    const head = `{"RequestId":${JSON.stringify(requestId)}`;
    reply.code(200).type(JSON_TYPE).send(fields === "{}" ? `${head}}` : `${head},${fields.slice(1)}`);
    return;
  }
  const body: Record<string, unknown> = { RequestId: requestId, ...result };
  delete body.Code;
  if (format === "XML") reply.code(200).type(XML_TYPE).send(toXml(`${action}Response`, body));
  else reply.code(200).type(JSON_TYPE).send(JSON.stringify(body));
}

/** JSON text of answers that operations hand out again unchanged (see reusableAnswer). */
const serialized = new WeakMap<object, string>();

/**
 * Marks an answer an operation will return again, unchanged, to later requests (a cached one):
 * it is frozen, and its JSON text is built once and kept with it.
 */
export function reusableAnswer<T extends object>(answer: T): Readonly<T> {
  serialized.set(Object.freeze(answer), JSON.stringify(answer));
  return answer;
}

const fieldsJson = (result: object): string => serialized.get(result) ?? JSON.stringify(result);

export interface ErrorContext {
  readonly requestId: string;
  readonly host: string;
  readonly product: string;
  readonly action?: string;
  readonly format: ResponseFormat;
  readonly log: Logger;
}

/** The error envelope of ALIBABA.md 2.3, JSON or XML (root <Error>). Never a stack trace. */
export function sendAlibabaError(reply: FastifyReply, err: unknown, ctx: ErrorContext): void {
  const mapped = toAlibabaError(err);
  if (mapped.unexpected) {
    ctx.log.error({ requestId: ctx.requestId, action: ctx.action, err: err instanceof Error ? err.stack ?? err.message : String(err) }, "Failed request");
  }
  const body: Record<string, unknown> = {
    RequestId: ctx.requestId,
    HostId: ctx.host,
    Code: mapped.entry.code,
    Message: mapped.message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(mapped.entry.code)}&product=${encodeURIComponent(ctx.product)}&requestId=${ctx.requestId}`,
  };
  if (err instanceof AccessDenied) {
    body.AccessDeniedDetail = err.detail;
    ctx.log.warn({ requestId: ctx.requestId, principal: err.detail.AuthPrincipalDisplayName, action: err.detail.AuthAction, resource: err.resource }, "Denied request");
  }
  if (ctx.format === "XML") reply.code(mapped.entry.status).type(XML_TYPE).send(toXml("Error", body));
  else reply.code(mapped.entry.status).type(JSON_TYPE).send(JSON.stringify(body));
}
