// EventBridge Scheduler adapter of the catalogue promotions' one-time schedules: each in the stage's schedule
// group, `at(...)` in UTC, deleted after it ran, invoking internal `scheduleFired` through the role Scheduler
// assumes, retried for a day, then kept in the DLQ. Its settings are read when it is first used, so the
// promotions functions that never schedule need none of them (infra sets them on every one).
import {
  CreateScheduleCommand,
  DeleteScheduleCommand,
  SchedulerClient,
  UpdateScheduleCommand,
  type CreateScheduleCommandInput,
} from '@aws-sdk/client-scheduler';
import { loadEnv } from '@commerce/lambda-kit/env';
import * as z from 'zod/mini';
import type { EdgeFired, Schedules } from './catalogue.ts';

const settingsSchema = z.object({
  SCHEDULE_GROUP: z.string().check(z.minLength(1)),
  /** The role Scheduler assumes to invoke the target (and to write the DLQ). */
  SCHEDULER_ROLE_ARN: z.string().check(z.startsWith('arn:')),
  /** Internal `scheduleFired`. */
  SCHEDULE_TARGET_ARN: z.string().check(z.startsWith('arn:')),
  SCHEDULE_DLQ_ARN: z.string().check(z.startsWith('arn:')),
});

/** A day of retries (Scheduler's longest), then the DLQ: an edge is never dropped silently. */
const RETRY = { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400 };

/** `at(yyyy-mm-ddThh:mm:ss)` in UTC, rounded up to the second: an edge never fires before its time. */
export function atExpression(at: Date): string {
  const second = new Date(Math.ceil(at.getTime() / 1000) * 1000);
  return `at(${second.toISOString().slice(0, 19)})`;
}

const isNamed = (error: unknown, name: string): boolean => error instanceof Error && error.name === name;

export class EventBridgeSchedules implements Schedules {
  #client: SchedulerClient | undefined;
  #settings: z.output<typeof settingsSchema> | undefined;

  #ready(): { client: SchedulerClient; settings: z.output<typeof settingsSchema> } {
    this.#settings ??= loadEnv(settingsSchema);
    this.#client ??= new SchedulerClient({});
    return { client: this.#client, settings: this.#settings };
  }

  async put(name: string, at: Date, input: EdgeFired): Promise<void> {
    const { client, settings } = this.#ready();
    const request: CreateScheduleCommandInput = {
      Name: name,
      GroupName: settings.SCHEDULE_GROUP,
      Description: `The ${input.edge} of catalogue promotion ${input.promotionId} (version ${input.version})`,
      ScheduleExpression: atExpression(at),
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      State: 'ENABLED',
      Target: {
        Arn: settings.SCHEDULE_TARGET_ARN,
        RoleArn: settings.SCHEDULER_ROLE_ARN,
        Input: JSON.stringify(input),
        RetryPolicy: RETRY,
        DeadLetterConfig: { Arn: settings.SCHEDULE_DLQ_ARN },
      },
    };
    try {
      await client.send(new CreateScheduleCommand(request));
    } catch (error) {
      // It exists (an earlier version's): moved to the new time and input; gone meanwhile (it ran): again.
      if (!isNamed(error, 'ConflictException')) throw error;
      try {
        await client.send(new UpdateScheduleCommand(request));
      } catch (again) {
        if (!isNamed(again, 'ResourceNotFoundException')) throw again;
        await client.send(new CreateScheduleCommand(request));
      }
    }
  }

  async remove(name: string): Promise<void> {
    const { client, settings } = this.#ready();
    try {
      await client.send(new DeleteScheduleCommand({ Name: name, GroupName: settings.SCHEDULE_GROUP }));
    } catch (error) {
      if (!isNamed(error, 'ResourceNotFoundException')) throw error;
    }
  }
}
