import type { RpcOperation } from "../../../shared/operation.ts";
import createUser from "./create-user.ts";
import getUser from "./get-user.ts";
import updateUser from "./update-user.ts";
import deleteUser from "./delete-user.ts";
import listUsers from "./list-users.ts";
import createAccessKey from "./create-access-key.ts";
import listAccessKeys from "./list-access-keys.ts";
import updateAccessKey from "./update-access-key.ts";
import deleteAccessKey from "./delete-access-key.ts";
import createGroup from "./create-group.ts";
import getGroup from "./get-group.ts";
import listGroups from "./list-groups.ts";
import deleteGroup from "./delete-group.ts";
import addUserToGroup from "./add-user-to-group.ts";
import removeUserFromGroup from "./remove-user-from-group.ts";
import listGroupsForUser from "./list-groups-for-user.ts";
import listUsersForGroup from "./list-users-for-group.ts";
import createRole from "./create-role.ts";
import getRole from "./get-role.ts";
import listRoles from "./list-roles.ts";
import updateRole from "./update-role.ts";
import deleteRole from "./delete-role.ts";
import createPolicy from "./create-policy.ts";
import getPolicy from "./get-policy.ts";
import deletePolicy from "./delete-policy.ts";
import createPolicyVersion from "./create-policy-version.ts";
import getPolicyVersion from "./get-policy-version.ts";
import listPolicyVersions from "./list-policy-versions.ts";
import deletePolicyVersion from "./delete-policy-version.ts";
import setDefaultPolicyVersion from "./set-default-policy-version.ts";
import attachPolicyToUser from "./attach-policy-to-user.ts";
import detachPolicyFromUser from "./detach-policy-from-user.ts";
import listPoliciesForUser from "./list-policies-for-user.ts";
import attachPolicyToGroup from "./attach-policy-to-group.ts";
import detachPolicyFromGroup from "./detach-policy-from-group.ts";
import listPoliciesForGroup from "./list-policies-for-group.ts";
import attachPolicyToRole from "./attach-policy-to-role.ts";
import detachPolicyFromRole from "./detach-policy-from-role.ts";
import listPoliciesForRole from "./list-policies-for-role.ts";
import listEntitiesForPolicy from "./list-entities-for-policy.ts";
import listPolicies from "./list-policies.ts";
import createLoginProfile from "./create-login-profile.ts";
import getLoginProfile from "./get-login-profile.ts";
import updateLoginProfile from "./update-login-profile.ts";
import deleteLoginProfile from "./delete-login-profile.ts";

/** RAM 2015-05-01 operations served by nestbox (45): users, login profiles, access keys, groups, roles, policies. */
export const ramOperations: RpcOperation[] = [
  createUser,
  getUser,
  updateUser,
  deleteUser,
  listUsers,
  createAccessKey,
  listAccessKeys,
  updateAccessKey,
  deleteAccessKey,
  createGroup,
  getGroup,
  listGroups,
  deleteGroup,
  addUserToGroup,
  removeUserFromGroup,
  listGroupsForUser,
  listUsersForGroup,
  createRole,
  getRole,
  listRoles,
  updateRole,
  deleteRole,
  createPolicy,
  getPolicy,
  deletePolicy,
  createPolicyVersion,
  getPolicyVersion,
  listPolicyVersions,
  deletePolicyVersion,
  setDefaultPolicyVersion,
  attachPolicyToUser,
  detachPolicyFromUser,
  listPoliciesForUser,
  attachPolicyToGroup,
  detachPolicyFromGroup,
  listPoliciesForGroup,
  attachPolicyToRole,
  detachPolicyFromRole,
  listPoliciesForRole,
  listEntitiesForPolicy,
  listPolicies,
  createLoginProfile,
  getLoginProfile,
  updateLoginProfile,
  deleteLoginProfile,
];
