// The configuration of each stage. `local` deploys to the AWS emulator on localhost (see docs/local-cloud.md).
import { stageConfigSchema, stageNames, type StageConfig, type StageName } from './stage-config.ts';

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
      corsOrigins: ['http://localhost:5173'],
    },
    lambda: {
      memoryMb: 1024,
      timeoutSeconds: 10,
      tracing: false,
      logLevel: 'INFO',
      sourceMapStackTraces: true,
    },
    identity: { featurePlan: 'ESSENTIALS', requireStaffMfa: false, jwksBaseUrl: 'http://localhost:4566' },
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
      corsOrigins: ['http://localhost:5173'],
    },
    lambda: {
      memoryMb: 1024,
      timeoutSeconds: 10,
      tracing: true,
      logLevel: 'DEBUG',
      sourceMapStackTraces: true,
    },
    identity: { featurePlan: 'ESSENTIALS', requireStaffMfa: true, jwksBaseUrl: null },
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
      corsOrigins: ['https://shop.example.com', 'https://admin.example.com'],
    },
    lambda: {
      memoryMb: 1024,
      timeoutSeconds: 10,
      tracing: true,
      logLevel: 'INFO',
      sourceMapStackTraces: false,
    },
    identity: { featurePlan: 'PLUS', requireStaffMfa: true, jwksBaseUrl: null },
    events: { archiveRetentionDays: 365, maxReceiveCount: 5 },
  },
};

/** Returns the validated configuration of a stage; throws on an unknown stage or an invalid value. */
export function loadStageConfig(stage: unknown): StageConfig {
  if (typeof stage !== 'string' || !(stageNames as readonly string[]).includes(stage)) {
    throw new Error(`Unknown stage ${JSON.stringify(stage)}: pass -c stage=${stageNames.join('|')}`);
  }
  return stageConfigSchema.parse(stages[stage as StageName]);
}
