import type { Principal } from "../../core/accounts/account.ts";
import type { Clock } from "../../core/shared/clock.ts";
import type { Logger } from "../../core/shared/logger.ts";
import type { Core } from "../../core/core.ts";

/** Everything an operation handler may use. Built once per request by the face. */
export interface RequestContext {
  readonly requestId: string;
  /** The authenticated caller. */
  readonly caller: Principal;
  /** Region named by the request (RegionId parameter, host name or default). */
  readonly regionId: string;
  /** Host the client addressed, for HostId in errors and endpoint answers. */
  readonly host: string;
  readonly sourceIp: string;
  readonly secureTransport: boolean;
  readonly core: Core;
  readonly clock: Clock;
  readonly log: Logger;
}
