import type { RpcOperation } from "../../../shared/operation.ts";
import describeRegions from "./describe-regions.ts";
import getService from "./get-service.ts";
import listServices from "./list-services.ts";

/** ComputeNest (user side) 2021-06-01 operations served by nestbox. */
export const computeNestOperations: RpcOperation[] = [getService, listServices, describeRegions];
