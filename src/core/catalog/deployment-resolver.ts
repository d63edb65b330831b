import { DomainError } from "../shared/domain-error.ts";
import { badArgument, CatalogErrorCodes as E } from "./catalog-errors.ts";
import type { ResolvedDeployment } from "./catalog-inputs.ts";
import type { VisibleService } from "./catalog-queries.ts";
import { parseDeployMetadata } from "./deploy-metadata.ts";

/**
 * Picks what to deploy from a version the caller may see: the captured template named
 * `templateName` (default: the first TemplateConfig) and its packages. Throws
 * SERVICE_DEPLOY_FORBIDDEN (shared as Accessible only), SERVICE_NOT_DEPLOYABLE (no ROS
 * template) or TEMPLATE_NAME_INVALID. Pure.
 */
export function deploymentOf(visible: VisibleService, templateName?: string): ResolvedDeployment {
  const v = visible.version;
  const serviceId = visible.service.id;
  if (visible.permission !== "Deployable") {
    throw new DomainError("PermissionDenied", E.SERVICE_DEPLOY_FORBIDDEN, `The service ${serviceId} is shared with you for viewing only.`, {
      serviceId,
    });
  }
  const configs = v.deployType === "ros" && v.deployMetadata ? parseDeployMetadata(v.deployMetadata).templateConfigs : [];
  if (configs.length === 0) {
    throw new DomainError(
      "FailedPrecondition",
      E.SERVICE_NOT_DEPLOYABLE,
      `The service ${serviceId} version ${v.version} has no ROS template to deploy (DeployType ${v.deployType}).`,
      { serviceId, version: v.version },
    );
  }
  const config = templateName === undefined || templateName === "" ? configs[0]! : configs.find((c) => c.name === templateName);
  if (!config) {
    throw badArgument(
      "TemplateName",
      `The service ${serviceId} has no template named ${JSON.stringify(templateName)}; it has ${configs.map((c) => c.name).join(", ")}.`,
      E.TEMPLATE_NAME_INVALID,
    );
  }
  const templateBody = v.templates[config.name];
  if (templateBody === undefined) {
    throw new DomainError("FailedPrecondition", E.SERVICE_NOT_DEPLOYABLE, `The template ${config.name} of service ${serviceId} was not captured.`, {
      serviceId,
      version: v.version,
    });
  }
  return {
    service: visible.service,
    version: v,
    templateName: config.name,
    templateBody,
    predefinedParameters: config.predefinedParameters,
    allowedRegions: config.allowedRegions,
    hiddenParameterKeys: config.hiddenParameterKeys,
    disableRollback: config.disableRollback,
  };
}
