// Starts the local cloud (or reuses a running one), deploys the local stage and hands the tests its outputs.
// When this run started the servers, it stops them again at the end.
import {
  deployLocalStage,
  ensureAppBuilds,
  ensureLocalCloud,
  findApiBaseUrl,
  stopLocalCloud,
  type StackOutputs,
} from '@commerce/local-cloud';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    stackOutputs: StackOutputs;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cloud = await ensureLocalCloud();
  const outputs = await deployLocalStage();
  // The browser tests use the apps as npm start serves them: their production builds.
  await ensureAppBuilds((line) => console.log(`[local-cloud] ${line}`));
  const apiUrl = findApiBaseUrl(outputs);
  if (!apiUrl) throw new Error('The local stage has no API URL among its outputs');
  project.provide('apiUrl', apiUrl);
  project.provide('stackOutputs', outputs);
  return async () => {
    if (!cloud.reused) await stopLocalCloud({ log: () => undefined });
  };
}
