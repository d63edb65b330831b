import type { HuaweiOperation } from "../huawei-operation.ts";
import { applicationOperations } from "./applications.ts";
import { componentOperations } from "./components.ts";
import { environmentOperations } from "./environments.ts";
import { instanceOperations } from "./instances.ts";
import { jobAndMetadataOperations } from "./jobs-and-metadata.ts";

/** Every ServiceStage V2 operation of EAS_SERVICESTAGE.md B.2. */
export const serviceStageOperations: readonly HuaweiOperation[] = [
  ...applicationOperations,
  ...environmentOperations,
  ...componentOperations,
  ...instanceOperations,
  ...jobAndMetadataOperations,
];
