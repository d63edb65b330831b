/**
 * Why a request could not be authenticated. Codes are the Alibaba gateway's (ALIBABA.md 2.3);
 * other faces map them to their own words.
 */
export type AuthFailureCode =
  | "MissingSignature"
  | "IncompleteSignature"
  | "SignatureDoesNotMatch"
  | "InvalidTimeStamp.Expired"
  | "InvalidTimeStamp.Format"
  | "SignatureNonceUsed"
  | "InvalidAccessKeyId.NotFound"
  | "InvalidAccessKeyId.Inactive"
  | "InvalidSecurityToken.Malformed"
  | "InvalidSecurityToken.Expired"
  | "InvalidSecurityToken.MismatchWithAccessKey"
  | "MissingSecurityToken";

export class AuthFailure extends Error {
  constructor(
    readonly code: AuthFailureCode,
    message: string,
  ) {
    super(message);
    this.name = "AuthFailure";
  }
}
