// Writes IMPLEMENTATION_COVERAGE.md from the operation registry: which vendor operations nestbox
// serves, per product and API version. `--check` only compares and exits 1 when the file is stale.
// Run: node --import tsx scripts/implementation-coverage.ts [--check]
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { REGISTERED_OPERATIONS } from "../src/server/wire-faces.ts";

/** One served operation, whatever the face: product and version as the vendor names them. */
export interface ServedOperation {
  readonly product: string;
  readonly version: string;
  readonly action: string;
}

/** Every face's registry (the lists the server wires). */
export function servedOperations(): ServedOperation[] {
  const { serviceStageOperations, ...vendorNamed } = REGISTERED_OPERATIONS;
  return [
    ...Object.values(vendorNamed).flat(),
    ...serviceStageOperations.map((op) => ({ product: "ServiceStage", version: "v2", action: op.action })),
  ];
}

/**
 * The vendors' operations as listed in the specification (spec/ALIBABA.md 3.1 and 4). The
 * supplier list there is partial (84 operations, artifacts and tests not named), so the
 * supplier table shows only the named ones.
 */
const VENDOR_OPERATIONS: Record<string, { title: string; operations: string[] }> = {
  "ComputeNest 2021-06-01": {
    title: "Compute Nest, user side (ComputeNest 2021-06-01)",
    operations: [
      "CreateServiceInstance", "DeployServiceInstance", "ContinueDeployServiceInstance", "GetServiceInstance",
      "ListServiceInstances", "DeleteServiceInstances", "UpgradeServiceInstance", "RollbackServiceInstance",
      "ListServiceInstanceUpgradeHistory", "StartServiceInstance", "StopServiceInstance", "RestartServiceInstance",
      "UpdateServiceInstanceAttributes", "UpdateServiceInstanceSpec", "RenewServiceInstance", "RenewServiceInstanceResources",
      "ListServiceInstanceResources", "ListServiceInstanceLogs", "ListServiceInstanceBill", "ValidateServiceInstanceName",
      "GetServiceInstanceSubscriptionEstimateCost", "GetService", "ListServices", "ListServiceCategories",
      "GetServiceProvisions", "GetServiceTemplateParameterConstraints", "GetServiceEstimateCost", "CheckServiceDeployable",
      "GenerateServicePolicy", "GetNetworkAvailableZones", "DescribeRegions", "ListPolicies", "CreateServiceUsage",
      "UpdateServiceUsage", "CancelServiceUsage", "ListServiceUsages", "GetUserInformation", "UpdateUserInformation",
      "CreateBackup", "GetBackup", "ListBackups", "DeleteBackup", "CreateRestoreTask", "ListRestoreTasks", "TagResources",
      "UnTagResources", "ListTagResources", "ListTagKeys", "ListTagValues", "ChangeResourceGroup", "CreateSkill",
      "UpdateSkill", "DeleteSkill", "GetSkill", "ListSkills", "ListPublicSkills", "ListSkillFiles", "CreateSkillSpace",
      "DeleteSkillSpace", "GetSkillSpace", "ListSkillSpaces", "CreateSkillFileDetect", "GetSkillFileDetectResult",
      "CreateSkillHubConfig", "GetSkillHubConfig",
    ],
  },
  "ComputeNestSupplier 2021-05-21": {
    title: "Compute Nest, supplier side (ComputeNestSupplier 2021-05-21)",
    operations: [
      "CreateService", "UpdateService", "GetService", "ListServices", "DeleteService", "PreLaunchService", "RegisterService",
      "LaunchService", "WithdrawService", "GetServiceRegistration", "ListServiceRegistrations", "CancelServiceRegistration",
      "GetServiceTemplateCriterionIssues", "GenerateServicePolicy", "GetServiceProvisions", "GetServiceEstimateCost",
      "GetServiceTemplateParameterConstraints", "GetNetworkAvailableZones", "GetUploadCredentials", "AddServiceSharedAccounts",
      "RemoveServiceSharedAccounts", "ListServiceSharedAccounts", "UpdateSharedAccountPermission", "CreateServiceUsage",
      "ListServiceUsages", "ApproveServiceUsage", "RejectServiceUsage", "ListResellers", "CreateServiceInstance",
      "DeployServiceInstance", "ContinueDeployServiceInstance", "GetServiceInstance", "UpgradeServiceInstance",
      "RollbackServiceInstance", "StartServiceInstance", "StopServiceInstance", "RestartServiceInstance", "ListServiceInstances",
      "DeleteServiceInstances", "UpdateServiceInstanceAttribute", "UpdateServiceInstanceSpec", "ModifyServiceInstanceResources",
      "ListServiceInstanceResources", "ListServiceInstanceLogs", "ListServiceInstanceUpgradeHistory", "ListServiceInstanceBill",
      "ListServiceInstanceDeployDetails", "PushMeteringData",
    ],
  },
};

export function renderCoverage(operations: readonly ServedOperation[]): string {
  const served = new Map<string, Set<string>>();
  for (const op of operations) {
    const key = `${op.product} ${op.version}`;
    if (!served.has(key)) served.set(key, new Set());
    served.get(key)!.add(op.action);
  }
  const keys = [...new Set([...Object.keys(VENDOR_OPERATIONS), ...served.keys()])].sort();
  const sections = keys.map((key) => {
    const vendor = VENDOR_OPERATIONS[key];
    const mine = served.get(key) ?? new Set<string>();
    const names = [...new Set([...(vendor?.operations ?? []), ...mine])].sort();
    const lines = names.map((n) => `- [${mine.has(n) ? "x" : " "}] ${n}`);
    return `## ${vendor?.title ?? key}\n\n${mine.size} of the ${names.length} operations listed here are served.\n\n${lines.join("\n")}\n`;
  });
  return `# Implementation coverage

Generated by \`node --import tsx scripts/implementation-coverage.ts\` from the operation registries of
every face (src/faces/*/products/*/index.ts, src/faces/huawei/servicestage/index.ts); do not edit.
The Compute Nest vendor lists are from spec/ALIBABA.md (sections 3.1 and 4); for the other products
the list shows the operations nestbox serves.

${sections.join("\n")}`;
}

const FILE = fileURLToPath(new URL("../IMPLEMENTATION_COVERAGE.md", import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = renderCoverage(servedOperations());
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(FILE, "utf8");
    } catch {
      current = "";
    }
    if (current !== text) {
      process.stderr.write("IMPLEMENTATION_COVERAGE.md is out of date; run node --import tsx scripts/implementation-coverage.ts\n");
      process.exit(1);
    }
  } else {
    writeFileSync(FILE, text);
    process.stdout.write(`Wrote ${FILE}\n`);
  }
}
