// The configuration of each stage. `local` deploys to the AWS emulator on localhost (see docs/local-cloud.md).
import { stageNames, validStageConfig, type StageConfig, type StageName } from './stage-config.ts';

const stages: Record<StageName, StageConfig> = {
  local: {
    stage: 'local',
    region: 'us-east-1',
    retainData: false,
    pointInTimeRecovery: true,
    logRetentionDays: 7,
    api: {
      stageName: 'v1',
      throttleRateLimit: 1000,
      throttleBurstLimit: 2000,
      publicUrlTemplate: 'http://localhost:4566/_aws/execute-api/{apiId}/{stage}',
    },
    apps: {
      hosting: 'local',
      // The builds served by `npm start`, and Vite's dev servers (npm run dev -w @commerce/<app>).
      storefrontOrigins: ['http://localhost:5173', 'http://localhost:5175'],
      adminConsoleOrigins: ['http://localhost:5174', 'http://localhost:5176'],
    },
    partners: {
      tiers: {
        // A small daily quota, so the e2e test can exceed it in a few requests.
        trial: {
          rateLimit: 50,
          burstLimit: 100,
          quota: { limit: 20, period: 'DAY' },
          scopes: ['commerce/catalog.write', 'commerce/orders.read'],
        },
        standard: {
          rateLimit: 50,
          burstLimit: 100,
          quota: { limit: 10_000, period: 'DAY' },
          scopes: ['commerce/catalog.write', 'commerce/orders.read'],
        },
      },
    },
    // The emulator's CloudFormation cannot associate a web ACL with a stage (docs/local-cloud.md).
    waf: null,
    lambda: {
      memoryMb: 1024,
      timeoutSeconds: 10,
      tracing: false,
      logLevel: 'INFO',
      sourceMapStackTraces: true,
    },
    identity: { featurePlan: 'ESSENTIALS', requireStaffMfa: false, jwksBaseUrl: 'http://localhost:4566' },
    notifications: {
      sender: 'orders@shop.example',
      senderIdentity: 'shop.example',
      shopName: 'Commerce (local)',
    },
    payments: { providers: ['sandbox', 'stripe'], defaultProvider: 'sandbox', secret: false },
    shipping: { carriers: ['sandbox', 'manual'], defaultCarrier: 'sandbox', secret: false },
    search: {
      instanceType: 't3.small.search',
      instanceCount: 1,
      dedicatedMasters: false,
      zoneAwareness: false,
      volumeGiB: 10,
      shards: 1,
      replicas: 0,
      // The emulator reports the local node (plain http) as the domain's endpoint (docs/local-cloud.md).
      scheme: 'http',
    },
    orders: {
      homeCountry: 'DE',
      defaultCurrency: 'EUR',
      holdSeconds: 900,
      refundApprovalAbove: { EUR: 10_000, USD: 10_000, GBP: 10_000 },
    },
    // The emulator serves the bucket itself (no origin access control): docs/local-cloud.md. A short grace
    // for removed images, so the e2e test sees their files deleted.
    media: {
      delivery: 'bucket',
      bucketUrlTemplate: 'http://localhost:4566/{bucket}',
      detachedGraceSeconds: 5,
      unattachedGraceSeconds: 86_400,
    },
    // Seconds, so the request email can be seen (and tested) right after a delivery.
    reviews: { requestDelaySeconds: 15 },
    alarms: { email: null, functionAlarms: false },
    events: { archiveRetentionDays: null, maxReceiveCount: 3 },
  },
  dev: {
    stage: 'dev',
    region: 'us-east-1',
    retainData: false,
    pointInTimeRecovery: true,
    logRetentionDays: 30,
    api: {
      stageName: 'v1',
      throttleRateLimit: 100,
      throttleBurstLimit: 200,
      publicUrlTemplate: null,
    },
    apps: { hosting: 'cloudfront', storefrontOrigins: [], adminConsoleOrigins: [] },
    partners: {
      tiers: {
        // A trial partner reads orders; writing the catalog needs a paid tier.
        trial: {
          rateLimit: 2,
          burstLimit: 5,
          quota: { limit: 1_000, period: 'DAY' },
          scopes: ['commerce/orders.read'],
        },
        standard: {
          rateLimit: 10,
          burstLimit: 20,
          quota: { limit: 20_000, period: 'DAY' },
          scopes: ['commerce/catalog.write', 'commerce/orders.read'],
        },
      },
    },
    waf: { rateLimitPerIp: 1_000 },
    lambda: {
      memoryMb: 1024,
      timeoutSeconds: 10,
      tracing: true,
      logLevel: 'DEBUG',
      sourceMapStackTraces: true,
    },
    identity: { featurePlan: 'ESSENTIALS', requireStaffMfa: true, jwksBaseUrl: null },
    notifications: {
      sender: 'orders@dev.shop.example.com',
      senderIdentity: 'dev.shop.example.com',
      shopName: 'Commerce (dev)',
    },
    payments: { providers: ['sandbox', 'stripe'], defaultProvider: 'sandbox', secret: true },
    shipping: { carriers: ['sandbox', 'manual'], defaultCarrier: 'sandbox', secret: true },
    search: {
      instanceType: 't3.small.search',
      instanceCount: 1,
      dedicatedMasters: false,
      zoneAwareness: false,
      volumeGiB: 10,
      shards: 1,
      replicas: 0,
      scheme: 'https',
    },
    orders: {
      homeCountry: 'DE',
      defaultCurrency: 'EUR',
      holdSeconds: 900,
      refundApprovalAbove: { EUR: 25_000, USD: 25_000, GBP: 25_000 },
    },
    media: {
      delivery: 'cloudfront',
      bucketUrlTemplate: null,
      detachedGraceSeconds: 86_400,
      unattachedGraceSeconds: 86_400,
    },
    reviews: { requestDelaySeconds: 7 * 86_400 },
    alarms: { email: null, functionAlarms: true },
    events: { archiveRetentionDays: 7, maxReceiveCount: 3 },
  },
  prod: {
    stage: 'prod',
    region: 'us-east-1',
    retainData: true,
    pointInTimeRecovery: true,
    logRetentionDays: 365,
    api: {
      stageName: 'v1',
      throttleRateLimit: 500,
      throttleBurstLimit: 1000,
      publicUrlTemplate: null,
    },
    apps: { hosting: 'cloudfront', storefrontOrigins: [], adminConsoleOrigins: [] },
    partners: {
      tiers: {
        // A trial partner reads orders; writing the catalog needs a paid tier.
        trial: {
          rateLimit: 2,
          burstLimit: 5,
          quota: { limit: 1_000, period: 'DAY' },
          scopes: ['commerce/orders.read'],
        },
        standard: {
          rateLimit: 25,
          burstLimit: 50,
          quota: { limit: 100_000, period: 'DAY' },
          scopes: ['commerce/catalog.write', 'commerce/orders.read'],
        },
        premium: {
          rateLimit: 100,
          burstLimit: 200,
          quota: { limit: 1_000_000, period: 'DAY' },
          scopes: ['commerce/catalog.write', 'commerce/orders.read'],
        },
      },
    },
    waf: { rateLimitPerIp: 2_000 },
    lambda: {
      memoryMb: 1024,
      timeoutSeconds: 10,
      tracing: true,
      logLevel: 'INFO',
      sourceMapStackTraces: false,
    },
    identity: { featurePlan: 'PLUS', requireStaffMfa: true, jwksBaseUrl: null },
    notifications: {
      sender: 'orders@shop.example.com',
      senderIdentity: 'shop.example.com',
      shopName: 'Commerce',
    },
    // Real gateways and carriers only: the schema refuses the sandboxes here (stage-config.ts).
    payments: { providers: ['stripe'], defaultProvider: 'stripe', secret: true },
    shipping: { carriers: ['manual'], defaultCarrier: 'manual', secret: true },
    search: {
      instanceType: 'm7g.large.search',
      instanceCount: 2,
      dedicatedMasters: true,
      zoneAwareness: true,
      volumeGiB: 50,
      shards: 1,
      replicas: 1,
      scheme: 'https',
    },
    orders: {
      homeCountry: 'DE',
      defaultCurrency: 'EUR',
      holdSeconds: 900,
      refundApprovalAbove: { EUR: 25_000, USD: 25_000, GBP: 25_000 },
    },
    media: {
      delivery: 'cloudfront',
      bucketUrlTemplate: null,
      detachedGraceSeconds: 7 * 86_400,
      unattachedGraceSeconds: 2 * 86_400,
    },
    reviews: { requestDelaySeconds: 7 * 86_400 },
    alarms: { email: 'oncall@shop.example.com', functionAlarms: true },
    // 30 days at most: the archive holds contact data of erased customers until it ages out (docs/customers.md).
    events: { archiveRetentionDays: 30, maxReceiveCount: 5 },
  },
};

/** Returns the validated configuration of a stage; throws on an unknown stage or an invalid value. */
export function loadStageConfig(stage: unknown): StageConfig {
  if (typeof stage !== 'string' || !(stageNames as readonly string[]).includes(stage)) {
    throw new Error(`Unknown stage ${JSON.stringify(stage)}: pass -c stage=${stageNames.join('|')}`);
  }
  return validStageConfig(stages[stage as StageName]);
}
