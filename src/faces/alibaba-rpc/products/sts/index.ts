import type { RpcOperation } from "../../../shared/operation.ts";
import assumeRole from "./assume-role.ts";

/** STS 2015-04-01 operations served by nestbox. */
export const stsOperations: RpcOperation[] = [assumeRole];
