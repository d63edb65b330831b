import type { RoaOperation } from "../../roa-operation.ts";
import createServiceAutoScaler from "./create-service-auto-scaler.ts";
import createServiceCronScaler from "./create-service-cron-scaler.ts";
import createService from "./create-service.ts";
import deleteServiceAutoScaler from "./delete-service-auto-scaler.ts";
import deleteServiceCronScaler from "./delete-service-cron-scaler.ts";
import deleteServiceInstances from "./delete-service-instances.ts";
import deleteServiceLabel from "./delete-service-label.ts";
import deleteService from "./delete-service.ts";
import describeRegions from "./describe-regions.ts";
import describeServiceAutoScaler from "./describe-service-auto-scaler.ts";
import describeServiceCronScaler from "./describe-service-cron-scaler.ts";
import describeServiceEndpoints from "./describe-service-endpoints.ts";
import describeServiceEvent from "./describe-service-event.ts";
import describeServiceLog from "./describe-service-log.ts";
import describeService from "./describe-service.ts";
import listServiceContainers from "./list-service-containers.ts";
import listServiceInstances from "./list-service-instances.ts";
import listServiceVersions from "./list-service-versions.ts";
import listServices from "./list-services.ts";
import restartService from "./restart-service.ts";
import scaleService from "./scale-service.ts";
import startService from "./start-service.ts";
import stopService from "./stop-service.ts";
import updateServiceAutoScaler from "./update-service-auto-scaler.ts";
import updateServiceCronScaler from "./update-service-cron-scaler.ts";
import updateServiceInstance from "./update-service-instance.ts";
import updateServiceLabel from "./update-service-label.ts";
import updateServiceVersion from "./update-service-version.ts";
import updateService from "./update-service.ts";

/** Every implemented PAI-EAS 2021-07-01 operation (methods and paths as in the SDK's client.ts). */
export const easOperations: readonly RoaOperation<any, any, any>[] = [
  createServiceAutoScaler, createServiceCronScaler, createService, deleteServiceAutoScaler, deleteServiceCronScaler, deleteServiceInstances, deleteServiceLabel, deleteService, describeRegions, describeServiceAutoScaler, describeServiceCronScaler, describeServiceEndpoints, describeServiceEvent, describeServiceLog, describeService, listServiceContainers, listServiceInstances, listServiceVersions, listServices, restartService, scaleService, startService, stopService, updateServiceAutoScaler, updateServiceCronScaler, updateServiceInstance, updateServiceLabel, updateServiceVersion, updateService,
];
