// Errors of the payment service that the kit has no type for. Pure; no AWS.
import { DomainError } from '@commerce/lambda-kit/errors';

/** Why a gateway call did not get an answer. */
export type GatewayUnavailableReason =
  /** The call took longer than its budget. */
  | 'timeout'
  /** Recent calls failed one after another, so the circuit is open and this one was not even tried. */
  | 'circuit_open'
  /** The gateway answered with a server error, refused the connection or rate-limited us. */
  | 'gateway_error';

/**
 * The payment gateway did not answer in time or is failing; nothing is known to have happened there. A
 * retry with the same payment id (the gateway's idempotency key) is safe. The message reaches clients, so it
 * names no gateway detail; `gateway`, `operation` and `reason` are for logs and metrics.
 */
export class GatewayUnavailableError extends DomainError {
  readonly status = 503;
  readonly problemType = 'payment-gateway-unavailable';
  readonly title = 'Payment gateway unavailable';
  readonly gateway: string;
  readonly operation: string;
  readonly reason: GatewayUnavailableReason;
  /** What the gateway said, for the log (status, error type, request id); never card data. */
  readonly detail?: string;
  constructor(gateway: string, operation: string, reason: GatewayUnavailableReason, detail?: string) {
    super('The payment gateway is not answering; try again in a moment.');
    this.gateway = gateway;
    this.operation = operation;
    this.reason = reason;
    if (detail !== undefined) this.detail = detail;
  }
}

/** A webhook the payment cannot take yet (a refund before its capture): 503, so the gateway redelivers. */
export class WebhookDeferredError extends DomainError {
  readonly status = 503;
  readonly problemType = 'webhook-deferred';
  readonly title = 'Webhook deferred';
}
