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

/**
 * The context of one request. The child logger is built on first use: most requests never log,
 * and a child logger costs more than a point read. A class rather than a spread object literal
 * with a getter, which V8 builds far more slowly on every request.
 */
export function buildRequestContext(
  parts: Omit<RequestContext, "log">,
  log: Logger,
  action: string,
): RequestContext {
  return new LazyLogContext(parts, log, action);
}

// The fields come from RequestContext by declaration merging; the constructor copies them.
interface LazyLogContext extends Omit<RequestContext, "log"> {}
class LazyLogContext implements RequestContext {
  private child: Logger | undefined;

  constructor(
    parts: Omit<RequestContext, "log">,
    private readonly parent: Logger,
    private readonly action: string,
  ) {
    Object.assign(this, parts);
  }

  get log(): Logger {
    return (this.child ??= this.parent.child({ requestId: this.requestId, action: this.action }));
  }
}
