import type { AccountService } from "./accounts/account-service.ts";
import type { CatalogService } from "./catalog/catalog-service.ts";
import type { InstanceService } from "./instances/instance-service.ts";
import type { RegionDirectory } from "./regions.ts";

/** The domain's use-cases, wired once in server/ and handed to every face. */
export interface Core {
  readonly regions: RegionDirectory;
  readonly accounts: AccountService;
  readonly catalog: CatalogService;
  readonly instances: InstanceService;
}
