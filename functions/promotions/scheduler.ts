// EventBridge Scheduler adapter of the catalogue promotions' one-time schedules (the kit's OneTimeSchedules):
// each edge invokes internal `scheduleFired` with what fired.
import { OneTimeSchedules } from '@commerce/lambda-kit/one-time-schedules';
import type { EdgeFired, Schedules } from './catalogue.ts';

export class EventBridgeSchedules implements Schedules {
  readonly #schedules = new OneTimeSchedules();

  put(name: string, at: Date, input: EdgeFired): Promise<void> {
    return this.#schedules.put(
      name,
      at,
      input,
      `The ${input.edge} of catalogue promotion ${input.promotionId} (version ${input.version})`,
    );
  }

  remove(name: string): Promise<void> {
    return this.#schedules.remove(name);
  }
}
