// Names the partner API's usage plans and keys carry: the stack creates the plans, the operator CLI
// (packages/ops) finds them and names each partner's key and app client. Plain functions, no imports.

/** The usage plan of a partner tier on a stage's partner API. */
export const partnerUsagePlanName = (stage: string, tier: string): string =>
  `commerce-${stage}-partners-${tier}`;

/** A partner's API key; keys are per account and region, so the stage is part of the name. */
export const partnerApiKeyName = (stage: string, partner: string): string =>
  `commerce-${stage}-partner-${partner}`;

/** A partner's Cognito app client (client credentials) in the stage's user pool. */
export const partnerClientName = (partner: string): string => `partner-${partner}`;

/** Partner names: lower-case words joined by hyphens, so they fit every name above. */
export const PARTNER_NAME = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/;
