// Stage configuration: one validated object per stage. Every value is explicit; nothing is defaulted.
import * as z from 'zod';
import { PAYMENT_PROVIDERS, type PaymentProviderName } from '@commerce/contracts';
import { CARRIER_NAMES, type CarrierName } from '../../functions/shipping/domain/carrier-policy.ts';

export const stageNames = ['local', 'dev', 'prod'] as const;
export type StageName = (typeof stageNames)[number];

/**
 * The stages that may list test-only gateways and carriers (the sandboxes): anyone can pay with
 * `tok_sandbox_approve` or move a sandbox parcel, so a stage that ships real goods must not offer them.
 */
export const testGatewayStages = ['local', 'dev'] as const satisfies readonly StageName[];
/** Payment gateways that take no real money. */
export const TEST_PAYMENT_PROVIDERS: readonly PaymentProviderName[] = ['sandbox'];
/** Carriers that move no real parcel. */
export const TEST_CARRIERS: readonly CarrierName[] = ['sandbox'];

/** A partner tier: one usage plan on the partner API; every partner's API key is in exactly one. */
const partnerTierSchema = z
  .object({
    /** Steady-state requests per second, per API key. */
    rateLimit: z.number().positive(),
    /** Requests a key may send in a burst above the rate. */
    burstLimit: z.number().int().positive(),
    /** Requests per key per period; over it the partner API answers 429 until the period ends. */
    quota: z
      .object({ limit: z.number().int().positive(), period: z.enum(['DAY', 'WEEK', 'MONTH']) })
      .strict(),
    /**
     * The resource-server scopes a partner of this tier may be granted (`commerce/<scope>`); onboarding
     * grants the ones asked for, each of which must be here (packages/ops, `addPartner`).
     */
    scopes: z.array(z.string().regex(/^commerce\/[a-z]+\.[a-z]+$/)).min(1),
  })
  .strict();

/** The longest the bus archive may keep events (personal data in them included); docs/customers.md. */
export const ARCHIVE_RETENTION_MAX_DAYS = 30;

export const stageConfigSchema = z
  .object({
    stage: z.enum(stageNames),
    /** The AWS region the stacks deploy to. */
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/),
    /** Stateful resources are retained on stack deletion and protected against table deletion. */
    retainData: z.boolean(),
    /** Point-in-time recovery for every service table. */
    pointInTimeRecovery: z.boolean(),
    logRetentionDays: z.union([z.literal(7), z.literal(30), z.literal(90), z.literal(365)]),
    api: z
      .object({
        stageName: z.string().regex(/^[a-zA-Z0-9_]+$/),
        throttleRateLimit: z.number().positive(),
        throttleBurstLimit: z.number().int().positive(),
        /**
         * The API's public base URL as clients see it, for documents that name it (GET /openapi.json):
         * `{apiId}` and `{stage}` are filled in per request. null: `https://<gateway domain>/<stage>`.
         * Set it for a custom domain, or where the gateway is reached another way (the emulator).
         */
        publicUrlTemplate: z.url().nullable(),
      })
      .strict(),
    /**
     * Where the admin console and the storefront are served. `cloudfront`: each app from a private S3 bucket
     * behind its own CloudFront distribution (infra/stacks/web-stack.ts), whose https://<id>.cloudfront.net
     * origin is added to the origins below. `local`: no hosting resources; `npm start` serves the builds
     * (docs/local-cloud.md). The API's CORS origins and the app clients' sign-in callback URLs are these
     * origins, nothing else.
     */
    apps: z
      .object({
        hosting: z.enum(['cloudfront', 'local']),
        /** More origins of the storefront: a custom domain in front of the distribution, a dev server. */
        storefrontOrigins: z.array(z.url().regex(/^https?:\/\/[^/]+$/, 'an origin: scheme://host[:port]')),
        /** More origins of the admin console. */
        adminConsoleOrigins: z.array(z.url().regex(/^https?:\/\/[^/]+$/, 'an origin: scheme://host[:port]')),
      })
      .strict(),
    /**
     * The partner API (docs/auth.md, Partners): the routes that declare scopes, behind API keys. Each tier
     * becomes a usage plan named `commerce-<stage>-partners-<tier>` (see partner-names.ts).
     */
    partners: z
      .object({
        tiers: z
          .record(z.string().regex(/^[a-z][a-z0-9-]{0,30}$/), partnerTierSchema)
          .refine((tiers) => Object.keys(tiers).length > 0, 'at least one tier'),
      })
      .strict(),
    /**
     * The WAF web ACL on both API stages (infra/constructs/web-acl.ts). Null where the platform cannot host
     * it: the local emulator's CloudFormation has no `AWS::WAFv2::WebACLAssociation` (docs/local-cloud.md).
     */
    waf: z
      .object({
        /** Requests one client IP may send in any 5-minute window before it is blocked (429). */
        rateLimitPerIp: z.number().int().min(10).max(2_000_000_000),
      })
      .strict()
      .nullable(),
    lambda: z
      .object({
        memoryMb: z.number().int().min(128).max(10240),
        timeoutSeconds: z.number().int().min(1).max(900),
        /** Active X-Ray tracing; the local emulator has no X-Ray daemon. */
        tracing: z.boolean(),
        logLevel: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']),
        /**
         * Stack traces mapped to the TypeScript sources (`--enable-source-maps`). Costs 8-20 ms of every cold
         * start (docs/bench.md); where off, the bundle's source map still ships for offline mapping.
         */
        sourceMapStackTraces: z.boolean(),
      })
      .strict(),
    identity: z
      .object({
        /** Cognito feature plan; PLUS adds threat protection (compromised credentials, adaptive sign-in). */
        featurePlan: z.enum(['ESSENTIALS', 'PLUS']),
        /** Staff and admin tokens are refused unless the user has MFA set up. */
        requireStaffMfa: z.boolean(),
        /**
         * Where the pool's JWKS is served when not at the issuer (the local emulator serves it over plain
         * http at `<base>/<poolId>/.well-known/jwks.json`); null in AWS.
         */
        jwksBaseUrl: z.url().nullable(),
      })
      .strict(),
    /** The notification service's email and SMS (docs/notifications.md). */
    notifications: z
      .object({
        /** The From address of every email. */
        sender: z.email(),
        /**
         * The SES identity that covers `sender`, verified in the stage's account and region: the address
         * itself or its domain. The service may send as this identity only (ses:SendEmail on its ARN).
         */
        senderIdentity: z.string().min(3),
        /** The shop's name as messages sign it. */
        shopName: z.string().min(1).max(60),
      })
      .strict()
      .refine(
        (n) => n.sender === n.senderIdentity || n.sender.endsWith(`@${n.senderIdentity}`),
        'senderIdentity must be the sender address or its domain',
      ),
    /**
     * The payment service (docs/payments.md, "Secrets and provider selection"): the gateways this stage may
     * take a payment through. Orders refuses a checkout naming another (422), payment refuses to authorize
     * through or take webhooks from one outside it. Test gateways only on `testGatewayStages`.
     */
    payments: z
      .object({
        providers: z.array(z.enum(PAYMENT_PROVIDERS)).min(1),
        /** The gateway of a checkout that names none; one of `providers`. */
        defaultProvider: z.enum(PAYMENT_PROVIDERS),
        /**
         * Keep the gateways' keys in the Secrets Manager secret `commerce/<stage>/payment` (created with a
         * random sandbox webhook secret where the sandbox is allowed, otherwise as `{}` for an operator to
         * fill). False: the local stage's published sandbox secret, and no Stripe.
         */
        secret: z.boolean(),
      })
      .strict()
      .refine((p) => new Set(p.providers).size === p.providers.length, {
        message: 'a gateway is listed twice',
        path: ['providers'],
      })
      .refine((p) => p.providers.includes(p.defaultProvider), {
        message: 'defaultProvider must be one of providers',
        path: ['defaultProvider'],
      }),
    /**
     * The shipping service (docs/shipping.md, "Carriers per stage"): the carriers shipping methods may name;
     * a method that names none ships with `defaultCarrier`. Test carriers only on `testGatewayStages`.
     */
    shipping: z
      .object({
        carriers: z.array(z.enum(CARRIER_NAMES)).min(1),
        defaultCarrier: z.enum(CARRIER_NAMES),
        /**
         * Keep the carriers' keys in the Secrets Manager secret `commerce/<stage>/shipping` (a random sandbox
         * webhook secret where the sandbox carrier is allowed, otherwise `{}`; the manual carrier needs
         * none). False: the local stage's published sandbox secret.
         */
        secret: z.boolean(),
      })
      .strict()
      .refine((s) => new Set(s.carriers).size === s.carriers.length, {
        message: 'a carrier is listed twice',
        path: ['carriers'],
      })
      .refine((s) => s.carriers.includes(s.defaultCarrier), {
        message: 'defaultCarrier must be one of carriers',
        path: ['defaultCarrier'],
      }),
    /**
     * The search service's OpenSearch domain (docs/search.md, "Stages"). `scheme` is http only where the
     * emulator stands in for the domain with a local node (the local stage); AWS domains enforce https.
     */
    search: z
      .object({
        instanceType: z.string().regex(/^[a-z0-9]+\.[a-z0-9]+\.search$/),
        instanceCount: z.number().int().min(1).max(20),
        /** Dedicated master nodes (3), for a domain that must survive a node loss without split brain. */
        dedicatedMasters: z.boolean(),
        /** Spread the data nodes over two availability zones (needs an even instance count). */
        zoneAwareness: z.boolean(),
        volumeGiB: z.number().int().min(10).max(1024),
        shards: z.number().int().min(1).max(10),
        replicas: z.number().int().min(0).max(5),
        scheme: z.enum(['https', 'http']),
      })
      .strict()
      .refine((s) => !s.zoneAwareness || s.instanceCount % 2 === 0, {
        message: 'zone awareness needs an even instance count',
        path: ['instanceCount'],
      })
      .refine((s) => s.replicas < s.instanceCount || s.instanceCount === 1, {
        message: 'more replicas than data nodes can hold',
        path: ['replicas'],
      }),
    /** The orders service (docs/orders.md). */
    orders: z
      .object({
        /** Where a cart without an address is taxed (an estimate until the shopper gives one). */
        homeCountry: z.string().regex(/^[A-Z]{2}$/),
        /** The currency of a signed-in customer's new cart. */
        defaultCurrency: z.string().regex(/^[A-Z]{3}$/),
        /** How long checkout holds stock for an order waiting for its payment. */
        holdSeconds: z.number().int().min(60).max(86_400),
        /**
         * Staff refunds above this amount (integer minor units, per ISO 4217 currency) need an admin; in a
         * currency not listed every refund does.
         */
        refundApprovalAbove: z.record(z.string().regex(/^[A-Z]{3}$/), z.number().int().min(0)),
      })
      .strict(),
    /** The media service (docs/media.md): where its files are served and how long unused files stay. */
    media: z
      .object({
        /**
         * `cloudfront`: the private bucket behind a CloudFront distribution with origin access control.
         * `bucket`: browsers read the files straight from the bucket at `bucketUrlTemplate` (`{bucket}` is the
         * bucket's name): the local stage only, whose emulator cannot host origin access control.
         */
        delivery: z.enum(['cloudfront', 'bucket']),
        bucketUrlTemplate: z.url().nullable(),
        /** How long the files of an image removed from everything that showed it stay before deletion. */
        detachedGraceSeconds: z
          .number()
          .int()
          .min(0)
          .max(90 * 86_400),
        /** How long a processed upload that nothing ever showed stays before deletion. */
        unattachedGraceSeconds: z
          .number()
          .int()
          .min(3600)
          .max(90 * 86_400),
      })
      .strict()
      .refine((m) => (m.delivery === 'bucket') === (m.bucketUrlTemplate !== null), {
        message: 'bucketUrlTemplate is given exactly when delivery is bucket',
        path: ['bucketUrlTemplate'],
      }),
    reviews: z
      .object({
        /** How long after a delivery its buyer is asked for reviews (docs/reviews.md). */
        requestDelaySeconds: z
          .number()
          .int()
          .min(1)
          .max(60 * 86_400),
      })
      .strict(),
    /** Who is told when something needs a person (docs/operations.md, "What alarms"). */
    alarms: z
      .object({
        /** The address subscribed to the alarm topic (it confirms by mail); null: nobody subscribed yet. */
        email: z.email().nullable(),
        /**
         * Per-service alarms on the sum of its functions' Lambda Errors and Throttles. They use metric math,
         * which the local emulator's CloudFormation cannot create (docs/local-cloud.md).
         */
        functionAlarms: z.boolean(),
      })
      .strict(),
    events: z
      .object({
        /**
         * An EventBridge archive of the bus for replay. The local emulator cannot host one. At most 30 days:
         * order and customer events carry contact data (email, name, phone, addresses), and the archive
         * cannot erase one customer's events, so its retention is the bound docs/customers.md promises for
         * an erased customer's data in it.
         */
        archiveRetentionDays: z.number().int().positive().max(ARCHIVE_RETENTION_MAX_DAYS).nullable(),
        /** Receives before a subscription's message moves to its DLQ. */
        maxReceiveCount: z.number().int().min(1).max(20),
      })
      .strict(),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.apps.hosting === 'local') {
      for (const key of ['storefrontOrigins', 'adminConsoleOrigins'] as const) {
        if (config.apps[key].length === 0) {
          ctx.addIssue({
            code: 'custom',
            path: ['apps', key],
            message:
              'apps served locally need their origins: nothing else tells the API and Cognito where they are',
          });
        }
      }
    }
    if (config.media.delivery === 'bucket' && config.apps.hosting !== 'local') {
      ctx.addIssue({
        code: 'custom',
        path: ['media', 'delivery'],
        message:
          'media straight from the bucket is the local stage’s substitution; AWS stages use cloudfront',
      });
    }
    if ((testGatewayStages as readonly string[]).includes(config.stage)) return;
    const only = testGatewayStages.join(' and ');
    for (const name of config.payments.providers.filter((p) => TEST_PAYMENT_PROVIDERS.includes(p))) {
      ctx.addIssue({
        code: 'custom',
        path: ['payments', 'providers'],
        message: `${name} is a test gateway: only the ${only} stages may list it, not ${config.stage}`,
      });
    }
    for (const name of config.shipping.carriers.filter((c) => TEST_CARRIERS.includes(c))) {
      ctx.addIssue({
        code: 'custom',
        path: ['shipping', 'carriers'],
        message: `${name} is a test carrier: only the ${only} stages may list it, not ${config.stage}`,
      });
    }
  });

export type StageConfig = z.infer<typeof stageConfigSchema>;

/** The configuration, validated; throws an Error naming every field that breaks a rule. */
export function validStageConfig(config: unknown): StageConfig {
  const result = stageConfigSchema.safeParse(config);
  if (result.success) return result.data;
  const stage = (config as { stage?: unknown } | null)?.stage;
  throw new Error(`Invalid configuration of stage ${String(stage)}:\n${z.prettifyError(result.error)}`);
}

export { paymentSecretName } from '../../functions/payment/service.ts';
export { shippingSecretName } from '../../functions/shipping/service.ts';
