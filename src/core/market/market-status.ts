import { badMarketStatus } from "./market-errors.ts";
import type { ProductType } from "./product.ts";

/**
 * Marketplace instance statuses per product type, exactly as the DescribeInstance seed lists
 * them (ALIBABA.md 5.7), each family written once as a transition table.
 */
export const MARKET_STATUSES = {
  MIRROR: ["PRODUCE", "USING", "UNUSED", "EXPIRED", "CLOSED"],
  SERVICE: ["READYING", "STARTED", "CONFIRM", "EXPIRED", "CLOSED"],
  APP: ["OPENING", "OPENED", "EXPIRED", "CLOSED"],
} as const;

export type StatusFamily = keyof typeof MARKET_STATUSES;
export type MarketStatus = (typeof MARKET_STATUSES)[StatusFamily][number];

/**
 * What happens to an instance: `delivered` when what was bought is ready (the linked deployment
 * finished), `use`/`confirm` by the buyer or supplier, `expire` when EndOn passes, `renew` when
 * a renewal is paid, `close` when the grace period ends.
 */
export type MarketEvent = "delivered" | "use" | "confirm" | "expire" | "renew" | "close";

type Table = Readonly<Partial<Record<MarketEvent, Readonly<Partial<Record<string, MarketStatus>>>>>>;

const TABLES: Readonly<Record<StatusFamily, { initial: MarketStatus; table: Table }>> = {
  MIRROR: {
    initial: "PRODUCE",
    table: {
      delivered: { PRODUCE: "UNUSED" },
      use: { UNUSED: "USING" },
      expire: { PRODUCE: "EXPIRED", UNUSED: "EXPIRED", USING: "EXPIRED" },
      renew: { EXPIRED: "USING" },
      close: { EXPIRED: "CLOSED" },
    },
  },
  SERVICE: {
    initial: "READYING",
    table: {
      delivered: { READYING: "STARTED" },
      confirm: { STARTED: "CONFIRM" },
      expire: { READYING: "EXPIRED", STARTED: "EXPIRED", CONFIRM: "EXPIRED" },
      renew: { EXPIRED: "STARTED" },
      close: { EXPIRED: "CLOSED" },
    },
  },
  APP: {
    initial: "OPENING",
    table: {
      delivered: { OPENING: "OPENED" },
      expire: { OPENING: "EXPIRED", OPENED: "EXPIRED" },
      renew: { EXPIRED: "OPENED" },
      close: { EXPIRED: "CLOSED" },
    },
  },
};

/** APP, DOWNLOAD, API_SERVICE and DOCKER share one set (seed). */
export function statusFamily(type: ProductType): StatusFamily {
  return type === "MIRROR" ? "MIRROR" : type === "SERVICE" ? "SERVICE" : "APP";
}

export const initialStatus = (type: ProductType): MarketStatus => TABLES[statusFamily(type)].initial;

/** The status after `event`, or undefined when the table has no such transition. */
export function nextStatus(type: ProductType, current: MarketStatus, event: MarketEvent): MarketStatus | undefined {
  return TABLES[statusFamily(type)].table[event]?.[current];
}

/** Like nextStatus, but a missing transition is MARKET_INSTANCE_STATUS_INVALID. */
export function transition(type: ProductType, id: string, current: MarketStatus, event: MarketEvent): MarketStatus {
  const next = nextStatus(type, current, event);
  if (!next) throw badMarketStatus(id, current, event);
  return next;
}

export const isExpired = (s: MarketStatus) => s === "EXPIRED";
export const isClosed = (s: MarketStatus) => s === "CLOSED";
