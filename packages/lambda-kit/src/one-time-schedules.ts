// One-time EventBridge Scheduler schedules a service writes as its data changes (a catalogue promotion's start
// and end, a delivered order's review request): each in the stage's schedule group, `at(...)` in UTC, deleted
// after it ran, invoking the service's internal function through the role Scheduler assumes, retried for a
// day, then kept in the DLQ. The settings (infra/constructs/one-time-schedules.ts sets them on every function
// of the service) are read when a schedule is first written, so functions that never write one need none.
import {
  CreateScheduleCommand,
  DeleteScheduleCommand,
  SchedulerClient,
  UpdateScheduleCommand,
  type CreateScheduleCommandInput,
} from '@aws-sdk/client-scheduler';
import * as z from 'zod/mini';
import { loadEnv } from './env.ts';

const settingsSchema = z.object({
  SCHEDULE_GROUP: z.string().check(z.minLength(1)),
  /** The role Scheduler assumes to invoke the target (and to write the DLQ). */
  SCHEDULER_ROLE_ARN: z.string().check(z.startsWith('arn:')),
  /** The internal function the schedules invoke. */
  SCHEDULE_TARGET_ARN: z.string().check(z.startsWith('arn:')),
  SCHEDULE_DLQ_ARN: z.string().check(z.startsWith('arn:')),
});

/** A day of retries (Scheduler's longest), then the DLQ: a fire is never dropped silently. */
const RETRY = { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400 };

/** `at(yyyy-mm-ddThh:mm:ss)` in UTC, rounded up to the second: a schedule never fires before its time. */
export function atExpression(at: Date): string {
  const second = new Date(Math.ceil(at.getTime() / 1000) * 1000);
  return `at(${second.toISOString().slice(0, 19)})`;
}

const isNamed = (error: unknown, name: string): boolean => error instanceof Error && error.name === name;

export class OneTimeSchedules {
  #client: SchedulerClient | undefined;
  #settings: z.output<typeof settingsSchema> | undefined;

  #ready(): { client: SchedulerClient; settings: z.output<typeof settingsSchema> } {
    this.#settings ??= loadEnv(settingsSchema);
    this.#client ??= new SchedulerClient({});
    return { client: this.#client, settings: this.#settings };
  }

  /**
   * The schedule `name` fires at `at` with `input` (JSON): created, or moved to the new time and input when it
   * exists (and created again when it ran meanwhile).
   */
  async put(name: string, at: Date, input: unknown, description: string): Promise<void> {
    const { client, settings } = this.#ready();
    const request: CreateScheduleCommandInput = {
      Name: name,
      GroupName: settings.SCHEDULE_GROUP,
      Description: description,
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
      if (!isNamed(error, 'ConflictException')) throw error;
      try {
        await client.send(new UpdateScheduleCommand(request));
      } catch (again) {
        if (!isNamed(again, 'ResourceNotFoundException')) throw again;
        await client.send(new CreateScheduleCommand(request));
      }
    }
  }

  /** Deletes the schedule `name`; one that ran (and deleted itself) or never existed is fine. */
  async remove(name: string): Promise<void> {
    const { client, settings } = this.#ready();
    try {
      await client.send(new DeleteScheduleCommand({ Name: name, GroupName: settings.SCHEDULE_GROUP }));
    } catch (error) {
      if (!isNamed(error, 'ResourceNotFoundException')) throw error;
    }
  }
}
