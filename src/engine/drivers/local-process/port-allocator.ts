import { createServer } from "node:net";
import { DRIVER_ERROR_CODES, retryableError } from "../driver-error.ts";

export const LOOPBACK = "127.0.0.1";

/**
 * Binds a listener on 127.0.0.1 and closes it: the port bound (the OS picks one for 0), or
 * `undefined` when something else holds it.
 */
export function bindTest(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once("error", () => resolve(undefined));
    server.listen({ host: LOOPBACK, port, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === "object" && address ? address.port : undefined;
      server.close(() => resolve(bound));
    });
  });
}

/**
 * Hands out ports on 127.0.0.1 for replicas: free by a bind test, never one another replica holds
 * (`isHeld`), and never one handed out in the last minute (it may not be recorded yet).
 */
export class PortAllocator {
  private readonly recent = new Map<number, number>();

  /** `isHeld(port, owner)`: whether a replica other than `owner` holds the port. */
  constructor(private readonly isHeld: (port: number, owner: string) => boolean) {}

  /** For replica record `owner`: its `preferred` (previous) port when still free, another otherwise. */
  async allocate(owner: string, preferred?: number): Promise<number> {
    this.forgetOld();
    if (preferred && !this.isHeld(preferred, owner) && (await bindTest(preferred)) === preferred) return this.remember(preferred);
    for (let attempt = 0; attempt < 50; attempt++) {
      const port = await bindTest(0);
      if (port !== undefined && !this.isHeld(port, owner) && !this.recent.has(port)) return this.remember(port);
    }
    throw retryableError(DRIVER_ERROR_CODES.PORT_UNAVAILABLE, "No free port could be found on 127.0.0.1.");
  }

  private remember(port: number): number {
    this.recent.set(port, Date.now() + 60_000);
    return port;
  }

  private forgetOld(): void {
    const now = Date.now();
    for (const [port, until] of this.recent) if (until < now) this.recent.delete(port);
  }
}
