import { DomainError } from "../../core/shared/domain-error.ts";

/** A template that is not a valid ROS template; `path` names where (e.g. Resources.Web.DependsOn). */
export const templateInvalid = (path: string, message: string): DomainError =>
  new DomainError("InvalidArgument", "TEMPLATE_INVALID", `Template ${path}: ${message}`, { parameter: path });

/** A parameter value that breaks a rule of its declaration (details name parameter and rule). */
export const parameterInvalid = (name: string, rule: string, message: string): DomainError =>
  new DomainError("InvalidArgument", "TEMPLATE_PARAMETER_INVALID", `Parameter ${name}: ${message}`, {
    parameter: `Parameters.${name}`,
    rule,
  });
