import type { AccountService } from "./accounts/account-service.ts";
import type { CatalogService } from "./catalog/catalog-service.ts";
import type { EasModule } from "./eas/eas-module.ts";
import type { IamService } from "./iam/iam-service.ts";
import type { InstanceService } from "./instances/instance-service.ts";
import type { MarketService } from "./market/market-service.ts";
import type { ProvisionService } from "./provisions/provision-service.ts";
import type { RegionDirectory } from "./regions.ts";
import type { ServiceStage } from "./servicestage/servicestage.ts";

/** The domain's use-cases, wired once in server/ and handed to every face. */
export interface Core {
  readonly regions: RegionDirectory;
  readonly accounts: AccountService;
  readonly catalog: CatalogService;
  readonly instances: InstanceService;
  /** Huawei ServiceStage applications, environments, components, instances and jobs. */
  readonly servicestage: ServiceStage;
  readonly iam: IamService;
  readonly provisions: ProvisionService;
  readonly market: MarketService;
  readonly eas: EasModule;
}
