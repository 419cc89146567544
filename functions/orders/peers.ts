// The peers port (domain/ports.ts) over the other services' internal functions (Lambda Invoke under IAM):
// one typed client per contract from @commerce/contracts, built once per cold start. Each reads its
// callee's function name from the environment at its first call; infra sets the names only on the functions
// that call them (the `invokes` of routes.ts and subscriptions.ts), so a call nobody wired fails naming the
// variable. A refusal is answered as { error }; a callee that did not answer rejects with
// PeerUnavailableError.
import {
  inventoryExtend,
  inventoryRelease,
  inventoryReserve,
  paymentAuthorize,
  paymentCapture,
  paymentRefund,
  paymentVoid,
  pricingQuote,
  promotionsRelease,
  promotionsReserve,
  shippingCancelShipment,
  shippingQuoteRates,
} from '@commerce/contracts';
import { internalClient } from '@commerce/lambda-kit/internal-client';
import type { Peers } from './domain/ports.ts';

const clients = {
  quote: internalClient(pricingQuote),
  quoteRates: internalClient(shippingQuoteRates),
  cancelShipment: internalClient(shippingCancelShipment),
  reserve: internalClient(inventoryReserve),
  extend: internalClient(inventoryExtend),
  release: internalClient(inventoryRelease),
  reservePromotions: internalClient(promotionsReserve),
  releasePromotions: internalClient(promotionsRelease),
  authorize: internalClient(paymentAuthorize),
  capture: internalClient(paymentCapture),
  void: internalClient(paymentVoid),
  refund: internalClient(paymentRefund),
};

export const peers: Peers = {
  quote: (request) => clients.quote.invoke(request),
  quoteRates: (request) => clients.quoteRates.invoke(request),
  cancelShipment: (request) => clients.cancelShipment.invoke(request),
  reserve: (request) => clients.reserve.invoke(request),
  extend: (request) => clients.extend.invoke(request),
  release: (request) => clients.release.invoke(request),
  reservePromotions: (request) => clients.reservePromotions.invoke(request),
  releasePromotions: (request) => clients.releasePromotions.invoke(request),
  authorize: (request) => clients.authorize.invoke(request),
  capture: (request) => clients.capture.invoke(request),
  void: (request) => clients.void.invoke(request),
  refund: (request) => clients.refund.invoke(request),
};
