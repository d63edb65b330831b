import { DomainError } from "./shared/domain-error.ts";

export const DEFAULT_REGIONS = ["cn-hangzhou", "cn-shanghai", "cn-beijing", "ap-southeast-1", "cn-north-4"] as const;

/** The configured regions. A region outside the list is rejected with REGION_INVALID. */
export class RegionDirectory {
  private readonly set: ReadonlySet<string>;
  constructor(readonly ids: readonly string[] = DEFAULT_REGIONS, readonly defaultRegion: string = ids[0]!) {
    this.set = new Set(ids);
  }
  has(id: string): boolean {
    return this.set.has(id);
  }
  /** Throws DomainError(InvalidArgument, REGION_INVALID) naming the parameter. */
  require(id: string, parameter = "RegionId"): string {
    if (!this.set.has(id)) {
      throw new DomainError("InvalidArgument", "REGION_INVALID", `The specified region ${id} is not supported.`, {
        parameter,
      });
    }
    return id;
  }
}
