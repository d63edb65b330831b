import type { RpcOperation } from "../../../shared/operation.ts";
import addServiceSharedAccounts from "./add-service-shared-accounts.ts";
import createService from "./create-service.ts";
import deleteService from "./delete-service.ts";
import getService from "./get-service.ts";
import getServiceInstance from "./get-service-instance.ts";
import getServiceProvisions from "./get-service-provisions.ts";
import getServiceRegistration from "./get-service-registration.ts";
import launchService from "./launch-service.ts";
import listServiceSharedAccounts from "./list-service-shared-accounts.ts";
import listServiceInstances from "./list-service-instances.ts";
import listServices from "./list-services.ts";
import registerService from "./register-service.ts";
import removeServiceSharedAccounts from "./remove-service-shared-accounts.ts";
import updateService from "./update-service.ts";
import withdrawService from "./withdraw-service.ts";

/** ComputeNestSupplier 2021-05-21 operations served by nestbox. */
export const computeNestSupplierOperations: RpcOperation[] = [
  getServiceProvisions,
  createService,
  updateService,
  getService,
  listServices,
  deleteService,
  registerService,
  getServiceRegistration,
  launchService,
  withdrawService,
  addServiceSharedAccounts,
  removeServiceSharedAccounts,
  listServiceSharedAccounts,
  getServiceInstance,
  listServiceInstances,
];
