import type { Clock } from "../shared/clock.ts";
import type { Logger } from "../shared/logger.ts";
import type { ComputeNestLink } from "./compute-nest-link.ts";
import type { MarketRepository } from "./market-repository.ts";

/** Everything the Marketplace use-cases work with; wired once in server/. */
export interface MarketDeps {
  readonly repository: MarketRepository;
  readonly link: ComputeNestLink;
  readonly clock: Clock;
  readonly log: Logger;
}

export const DAY_MS = 86_400_000;
