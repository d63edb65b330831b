import type { RpcOperation } from "../../../shared/operation.ts";
import describeRegions from "./describe-regions.ts";
import getService from "./get-service.ts";
import getServiceProvisions from "./get-service-provisions.ts";
import listServices from "./list-services.ts";
import continueDeployServiceInstance from "./continue-deploy-service-instance.ts";
import createServiceInstance from "./create-service-instance.ts";
import deleteServiceInstances from "./delete-service-instances.ts";
import getServiceInstance from "./get-service-instance.ts";
import listServiceInstanceLogs from "./list-service-instance-logs.ts";
import listServiceInstanceResources from "./list-service-instance-resources.ts";
import listServiceInstanceUpgradeHistory from "./list-service-instance-upgrade-history.ts";
import listServiceInstances from "./list-service-instances.ts";
import restartServiceInstance from "./restart-service-instance.ts";
import rollbackServiceInstance from "./rollback-service-instance.ts";
import startServiceInstance from "./start-service-instance.ts";
import stopServiceInstance from "./stop-service-instance.ts";
import updateServiceInstanceAttributes from "./update-service-instance-attributes.ts";
import upgradeServiceInstance from "./upgrade-service-instance.ts";

/** ComputeNest (user side) 2021-06-01 operations served by nestbox. */
export const computeNestOperations: RpcOperation[] = [
  getServiceProvisions,
  getService,
  listServices,
  describeRegions,
  createServiceInstance,
  getServiceInstance,
  listServiceInstances,
  deleteServiceInstances,
  upgradeServiceInstance,
  rollbackServiceInstance,
  listServiceInstanceUpgradeHistory,
  startServiceInstance,
  stopServiceInstance,
  restartServiceInstance,
  continueDeployServiceInstance,
  updateServiceInstanceAttributes,
  listServiceInstanceResources,
  listServiceInstanceLogs,
];
