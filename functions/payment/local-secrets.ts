// The sandbox's webhook secret on the `local` stage, which keeps no payment secret in Secrets Manager
// (`payments.secret: false`, docs/payments.md, "Secrets"). A fixed, public, local-only
// value: the functions accept it only when STAGE is `local` and no PAYMENT_SECRET_ARN is set, so no other
// stage can be driven by webhooks signed with it. The e2e tests sign their sandbox webhooks with it.
export const LOCAL_SANDBOX_WEBHOOK_SECRET = 'local-only-sandbox-webhook-secret-do-not-use-elsewhere';
