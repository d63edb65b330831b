import type { ServiceVersion } from "../catalog/service-version.ts";

/**
 * What the instance slice reads from a version's UpgradeMetadata and OperationMetadata
 * (ALIBABA.md 4.4). The catalog stored both as validated JSON objects; fields of an unexpected
 * type are treated as absent rather than failing an instance operation on the supplier's typo.
 */
export interface UpgradeRules {
  /** Versions an instance may upgrade from; undefined = any (the field is absent or empty). */
  readonly supportUpgradeFromVersions?: readonly string[];
  /** false only when the supplier said so. */
  readonly supportRollback: boolean;
}

const parse = (text: string | undefined): Record<string, unknown> | undefined => {
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

/** Both generations of UpgradeMetadata carry SupportUpgradeFromVersions (numbers in the vendor's examples). */
export function upgradeRulesOf(version: Pick<ServiceVersion, "upgradeMetadata">): UpgradeRules {
  const doc = parse(version.upgradeMetadata);
  const from = doc?.["SupportUpgradeFromVersions"];
  const list = Array.isArray(from) ? from.filter((v) => typeof v === "string" || typeof v === "number").map(String) : [];
  return {
    supportUpgradeFromVersions: list.length > 0 ? list : undefined,
    supportRollback: doc?.["SupportRollback"] !== false,
  };
}

/** Whether an instance on `current` may move to `target` by UpgradeServiceInstance. */
export function acceptsUpgradeFrom(target: Pick<ServiceVersion, "upgradeMetadata">, current: string): boolean {
  const from = upgradeRulesOf(target).supportUpgradeFromVersions;
  return from === undefined || from.includes(current);
}

export type StatusOperation = "Start" | "Stop" | "Restart";

/**
 * The status operations the version offers for `templateName`, from
 * OperationMetadata.StatusOperationConfigs[{TemplateName, SupportOperations}] (ALIBABA.md 3.7).
 * Returns undefined when the version declares no StatusOperationConfigs at all: nestbox then
 * allows all three (local resources can always be stopped and started), where the vendor would
 * refuse; a supplier who lists configs gets exactly what they listed.
 */
export function statusOperationsOf(version: Pick<ServiceVersion, "operationMetadata">, templateName: string): readonly string[] | undefined {
  const configs = parse(version.operationMetadata)?.["StatusOperationConfigs"];
  if (!Array.isArray(configs)) return undefined;
  const config = configs.find(
    (c): c is Record<string, unknown> => typeof c === "object" && c !== null && (c as Record<string, unknown>)["TemplateName"] === templateName,
  );
  const ops = config?.["SupportOperations"];
  return Array.isArray(ops) ? ops.filter((o): o is string => typeof o === "string") : [];
}
