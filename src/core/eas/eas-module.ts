import { EasContext, type EasDeps } from "./eas-deps.ts";
import { EasInstanceOperations } from "./eas-instance-operations.ts";
import { EasReconciler } from "./eas-reconciler.ts";
import { EasScalers } from "./eas-scalers.ts";
import { EasServiceManager } from "./eas-service-manager.ts";

/** The PAI-EAS use-cases, wired once (server/wiring.ts) and reached as `core.eas`. */
export class EasModule {
  readonly services: EasServiceManager;
  readonly instances: EasInstanceOperations;
  readonly scalers: EasScalers;
  readonly reconciler: EasReconciler;

  constructor(deps: EasDeps) {
    const context = new EasContext(deps);
    this.services = new EasServiceManager(context);
    this.instances = new EasInstanceOperations(context, this.services);
    this.scalers = new EasScalers(context);
    this.reconciler = new EasReconciler(context, this.services);
  }
}
