// Timeouts and a circuit breaker around every call to a payment gateway (cockatiel).
//
// Each call gets a time budget; a call over budget is abandoned and reported as a timeout. Consecutive
// gateway faults (timeouts, server errors, refused connections, rate limiting) open the circuit: further
// calls fail at once, without touching the network, until a trial call after `halfOpenAfterMs` succeeds.
// Answers that are the gateway doing its job (a decline, a refused request) are not faults: they leave the
// count as it is, and as the trial call they close the circuit, since they prove the gateway answers. Every
// way of not getting an answer surfaces as GatewayUnavailableError (503).
//
// The breaker lives in the guard object: build the provider once per Lambda container (module scope), so
// calls of the same container share it. Containers do not share state, which is fine for shedding load
// from a gateway that is down; `circuit.toJSON()` could carry it further if ever needed.
import {
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  handleWhen,
  isBrokenCircuitError,
  isTaskCancelledError,
  timeout,
  TimeoutStrategy,
  wrap,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import { GatewayUnavailableError } from '../domain/errors.ts';

export const DEFAULT_GATEWAY_TIMEOUT_MS = 5_000;
export const DEFAULT_FAILURE_THRESHOLD = 5;
export const DEFAULT_HALF_OPEN_AFTER_MS = 30_000;

export type CircuitStatus = 'closed' | 'open' | 'half_open' | 'isolated';

const STATUS_OF: Readonly<Record<CircuitState, CircuitStatus>> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half_open',
  [CircuitState.Isolated]: 'isolated',
};

export interface GatewayGuardOptions {
  /** The gateway's name, for errors and logs. */
  readonly gateway: string;
  /**
   * Budget of one call, the client's own retries included.
   * @default 5000
   */
  readonly timeoutMs?: number;
  /**
   * Consecutive faults that open the circuit.
   * @default 5
   */
  readonly failureThreshold?: number;
  /**
   * How long the circuit stays open before one trial call is let through.
   * @default 30000
   */
  readonly halfOpenAfterMs?: number;
  /** Whether an error the call threw is the gateway failing (counts towards opening, reported as 503). */
  readonly isGatewayFault: (error: unknown) => boolean;
  /** A short description of a fault for the log (status, error type, request id); never card data. */
  readonly describeFault?: (error: unknown) => string;
  /** Told whenever the circuit changes state, e.g. to log or count openings. */
  readonly onCircuitChange?: (status: CircuitStatus) => void;
}

export class GatewayGuard {
  readonly gateway: string;
  readonly timeoutMs: number;
  private readonly isGatewayFault: (error: unknown) => boolean;
  private readonly describeFault: ((error: unknown) => string) | undefined;
  private readonly circuit: CircuitBreakerPolicy;
  private readonly policy;

  constructor(options: GatewayGuardOptions) {
    this.gateway = options.gateway;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_GATEWAY_TIMEOUT_MS;
    this.isGatewayFault = options.isGatewayFault;
    this.describeFault = options.describeFault;
    const threshold = options.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD;
    if (!Number.isSafeInteger(this.timeoutMs) || this.timeoutMs <= 0) {
      throw new RangeError(`timeoutMs must be a positive integer, got ${this.timeoutMs}.`);
    }
    if (!Number.isSafeInteger(threshold) || threshold < 1) {
      throw new RangeError(`failureThreshold must be a positive integer, got ${threshold}.`);
    }
    this.circuit = circuitBreaker(
      handleWhen((error) => isTaskCancelledError(error) || this.isGatewayFault(error)),
      {
        breaker: new ConsecutiveBreaker(threshold),
        halfOpenAfter: options.halfOpenAfterMs ?? DEFAULT_HALF_OPEN_AFTER_MS,
      },
    );
    const onChange = options.onCircuitChange;
    if (onChange) this.circuit.onStateChange((state) => onChange(STATUS_OF[state]));
    // The breaker outside the timeout, so that a timeout counts as a fault. Aggressive: the call's promise
    // is abandoned at the deadline, since HTTP clients (the Stripe SDK among them) take no AbortSignal.
    this.policy = wrap(this.circuit, timeout(this.timeoutMs, TimeoutStrategy.Aggressive));
  }

  get circuitStatus(): CircuitStatus {
    return STATUS_OF[this.circuit.state];
  }

  /**
   * Runs one gateway call under the timeout and the breaker. Errors that are not faults (declines, refused
   * requests) pass through unchanged; every fault, timeout and open circuit becomes GatewayUnavailableError.
   */
  async run<T>(operation: string, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      return await this.policy.execute(({ signal }) => call(signal));
    } catch (error) {
      if (isBrokenCircuitError(error))
        throw new GatewayUnavailableError(this.gateway, operation, 'circuit_open');
      if (isTaskCancelledError(error)) throw new GatewayUnavailableError(this.gateway, operation, 'timeout');
      if (this.isGatewayFault(error)) {
        throw new GatewayUnavailableError(
          this.gateway,
          operation,
          'gateway_error',
          this.describeFault?.(error),
        );
      }
      throw error;
    }
  }
}
