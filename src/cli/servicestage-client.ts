import { CliError } from "./cli-error.ts";
import type { CliCredentials } from "./credentials.ts";
import { sendRequest } from "./http-request.ts";
import { hwEncode, signHuawei } from "./huawei-signer.ts";

/** A Huawei error answer: `{error_code, error_msg}` and the request id (B.10). */
export class HuaweiApiError extends CliError {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly apiMessage: string,
    readonly requestId: string,
  ) {
    super(`${code}: ${apiMessage}${requestId ? ` (request id ${requestId})` : ""}`);
    this.name = "HuaweiApiError";
  }
}

export type Query = Record<string, string | number | boolean | undefined>;

/**
 * Calls ServiceStage v2 as huaweicloud-sdk-core does: SDK-HMAC-SHA256 over every header sent,
 * X-Project-Id, JSON bodies. The project id comes from `GET /v3/projects?name=<region>` (the
 * SDK's discovery), asked once per client, so once per command.
 */
export class ServiceStageClient {
  private project: Promise<string> | undefined;

  constructor(
    private readonly credentials: CliCredentials,
    readonly region: string,
  ) {}

  /** The caller's project in the region. */
  projectId(): Promise<string> {
    return (this.project ??= this.send<{ projects?: { id?: string; name?: string }[] }>("GET", "/v3/projects", { name: this.region }).then((r) => {
      const found = (r.projects ?? []).find((p) => p.name === this.region) ?? r.projects?.[0];
      if (!found?.id) throw new CliError(`No project for region ${this.region}; pass --region with a region the server serves.`);
      return found.id;
    }));
  }

  /**
   * `path` is a ServiceStage path after `/v2/{project_id}/cas` with `{name}` placeholders filled
   * from `params` (each encoded as one segment).
   */
  async call<T = any>(method: string, path: string, params: Record<string, string> = {}, options: { query?: Query; body?: unknown } = {}): Promise<T> {
    const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = params[name];
      if (value === undefined) throw new Error(`no value for {${name}} in ${path}`);
      return hwEncode(value);
    });
    const projectId = await this.projectId();
    return this.send<T>(method, `/v2/${hwEncode(projectId)}/cas${filled}`, options.query, options.body, projectId);
  }

  private async send<T>(method: string, path: string, query: Query = {}, body?: unknown, projectId?: string): Promise<T> {
    const { endpoint, accessKeyId, accessKeySecret } = this.credentials;
    const q: Record<string, string> = {};
    for (const [k, v] of Object.entries(query)) if (v !== undefined) q[k] = String(v);
    const text = body === undefined ? undefined : JSON.stringify(body);
    const signed = signHuawei(
      {
        method,
        host: endpoint.host,
        path,
        query: q,
        headers: {
          "content-type": "application/json",
          "user-agent": "nestbox-cli",
          ...(projectId ? { "x-project-id": projectId } : {}),
        },
        ...(text !== undefined ? { body: text } : {}),
      },
      { accessKeyId, accessKeySecret },
    );
    const response = await sendRequest(endpoint, method, signed.pathAndQuery, signed.headers, signed.body);
    const requestId = String(response.headers["x-request-id"] ?? "");
    let parsed: any = {};
    if (response.body.trim() !== "") {
      try {
        parsed = JSON.parse(response.body);
      } catch {
        throw new CliError(`${method} ${path} answered HTTP ${response.status} with a body that is not JSON.`);
      }
    }
    if (response.status >= 400) {
      throw new HuaweiApiError(
        response.status,
        String(parsed?.error_code ?? parsed?.error?.code ?? `HTTP_${response.status}`),
        String(parsed?.error_msg ?? parsed?.error?.message ?? "The request failed."),
        String(parsed?.request_id ?? requestId),
      );
    }
    return parsed as T;
  }
}
