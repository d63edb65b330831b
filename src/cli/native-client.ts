import { signAcs3, percentEncode } from "./acs3-signer.ts";
import { CliError } from "./cli-error.ts";
import type { CliCredentials } from "./credentials.ts";
import { sendRequest, type HttpResponse } from "./http-request.ts";

/** Shapes of the native API, as in src/faces/native/openapi.json. */
export interface AccountView {
  accountId: string;
  name: string;
  isOperator: boolean;
  createdAt: string;
}

export interface AccessKeyView {
  accessKeyId: string;
  accountId: string;
  userId?: string;
  status: "Active" | "Inactive";
  createdAt: string;
  lastUsedAt?: string;
}

export interface NewAccessKeyView extends AccessKeyView {
  accessKeySecret: string;
}

export interface ApprovedRegistrationView {
  serviceId: string;
  version: string;
  status: string;
  registrationId?: string;
}

/** An error answer of the native API: {"code","message","requestId"}. */
export class NativeApiError extends CliError {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly apiMessage: string,
    readonly requestId: string,
  ) {
    super(`${code}: ${apiMessage}${requestId ? ` (request id ${requestId})` : ""}`);
    this.name = "NativeApiError";
  }
}

const PREFIX = "/nestbox/v1";

/** A typed client of /nestbox/v1, signing every request with ACS3-HMAC-SHA256. */
export class NativeClient {
  constructor(private readonly credentials: CliCredentials) {}

  createAccount(name: string): Promise<AccountView> {
    return this.call("POST", "/accounts", {}, { name });
  }

  async listAccounts(): Promise<AccountView[]> {
    return (await this.call<{ accounts: AccountView[] }>("GET", "/accounts")).accounts;
  }

  createAccessKey(accountId?: string): Promise<NewAccessKeyView> {
    return this.call("POST", "/keys", {}, accountId ? { accountId } : {});
  }

  async listAccessKeys(accountId?: string): Promise<AccessKeyView[]> {
    const query: Record<string, string> = accountId ? { accountId } : {};
    return (await this.call<{ accessKeys: AccessKeyView[] }>("GET", "/keys", query)).accessKeys;
  }

  setAccessKeyStatus(accessKeyId: string, status: "Active" | "Inactive"): Promise<AccessKeyView> {
    return this.call("PATCH", `/keys/${percentEncode(accessKeyId)}`, {}, { status });
  }

  async deleteAccessKey(accessKeyId: string): Promise<void> {
    await this.call("DELETE", `/keys/${percentEncode(accessKeyId)}`);
  }

  approveRegistration(serviceId: string, version: string): Promise<ApprovedRegistrationView> {
    return this.call("POST", `/services/${percentEncode(serviceId)}/versions/${percentEncode(version)}/approve`);
  }

  private async call<T>(method: string, path: string, query: Record<string, string> = {}, body?: object): Promise<T> {
    const { endpoint, accessKeyId, accessKeySecret } = this.credentials;
    const signed = signAcs3(
      {
        method,
        host: endpoint.host,
        path: PREFIX + path,
        query,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      },
      { accessKeyId, accessKeySecret },
    );
    const response = await sendRequest(endpoint, method, signed.pathAndQuery, signed.headers, signed.body);
    return parseAnswer<T>(response);
  }
}

function parseAnswer<T>(response: HttpResponse): T {
  let parsed: unknown = undefined;
  if (response.body !== "") {
    try {
      parsed = JSON.parse(response.body);
    } catch {
      throw new CliError(`The server answered HTTP ${response.status} with a body that is not JSON.`);
    }
  }
  if (response.status >= 200 && response.status < 300) return parsed as T;
  const e = (parsed ?? {}) as { code?: unknown; message?: unknown; requestId?: unknown };
  throw new NativeApiError(
    response.status,
    typeof e.code === "string" ? e.code : `HTTP_${response.status}`,
    typeof e.message === "string" ? e.message : "The request failed.",
    typeof e.requestId === "string" ? e.requestId : "",
  );
}
