import { DomainError } from "../shared/domain-error.ts";

/** Stable domain codes of the ServiceStage slice (never renamed); faces map them in their tables. */
export const SERVICESTAGE_ERROR_CODES = {
  PROJECT_NOT_FOUND: "PROJECT_NOT_FOUND",
  APPLICATION_NOT_FOUND: "SERVICESTAGE_APPLICATION_NOT_FOUND",
  APPLICATION_NAME_EXISTS: "SERVICESTAGE_APPLICATION_NAME_EXISTS",
  APPLICATION_NOT_EMPTY: "SERVICESTAGE_APPLICATION_NOT_EMPTY",
  ENVIRONMENT_NOT_FOUND: "SERVICESTAGE_ENVIRONMENT_NOT_FOUND",
  ENVIRONMENT_NAME_EXISTS: "SERVICESTAGE_ENVIRONMENT_NAME_EXISTS",
  ENVIRONMENT_IN_USE: "SERVICESTAGE_ENVIRONMENT_IN_USE",
  COMPONENT_NOT_FOUND: "SERVICESTAGE_COMPONENT_NOT_FOUND",
  COMPONENT_NAME_EXISTS: "SERVICESTAGE_COMPONENT_NAME_EXISTS",
  COMPONENT_HAS_INSTANCES: "SERVICESTAGE_COMPONENT_HAS_INSTANCES",
  INSTANCE_NOT_FOUND: "SERVICESTAGE_INSTANCE_NOT_FOUND",
  INSTANCE_NAME_EXISTS: "SERVICESTAGE_INSTANCE_NAME_EXISTS",
  INSTANCE_BUSY: "SERVICESTAGE_INSTANCE_BUSY",
  INSTANCE_STOPPED: "SERVICESTAGE_INSTANCE_STOPPED",
  SNAPSHOT_NOT_FOUND: "SERVICESTAGE_SNAPSHOT_NOT_FOUND",
  JOB_NOT_FOUND: "SERVICESTAGE_JOB_NOT_FOUND",
  INVALID_PARAMETER: "SERVICESTAGE_INVALID_PARAMETER",
} as const;

const C = SERVICESTAGE_ERROR_CODES;

export const invalidParam = (parameter: string, message: string) => new DomainError("InvalidArgument", C.INVALID_PARAMETER, message, { parameter });
export const applicationNotFound = (id: string) => new DomainError("NotFound", C.APPLICATION_NOT_FOUND, `Application ${id} does not exist.`);
export const environmentNotFound = (id: string) => new DomainError("NotFound", C.ENVIRONMENT_NOT_FOUND, `Environment ${id} does not exist.`);
export const componentNotFound = (id: string) => new DomainError("NotFound", C.COMPONENT_NOT_FOUND, `Component ${id} does not exist.`);
export const instanceNotFound = (id: string) => new DomainError("NotFound", C.INSTANCE_NOT_FOUND, `Component instance ${id} does not exist.`);
export const jobNotFound = (id: string) => new DomainError("NotFound", C.JOB_NOT_FOUND, `Job ${id} does not exist.`);
export const nameExists = (code: string, what: string, name: string) => new DomainError("AlreadyExists", code, `The ${what} name ${name} already exists.`);
