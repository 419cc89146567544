// The other services' internal functions orders calls at checkout and after it (Lambda Invoke under IAM):
// one typed client per contract from @commerce/contracts, built once per cold start. Each reads its
// callee's function name from the environment at its first call; infra sets the names only on the functions
// that call them (infra/services/orders.ts), so a call nobody wired fails naming the variable. A refusal is
// { error } from `invoke` or PeerRefusedError from `call`; a callee that did not answer is
// PeerUnavailableError (@commerce/lambda-kit/internal-client).
import {
  inventoryReserve,
  paymentAuthorize,
  paymentCapture,
  paymentRefund,
  paymentVoid,
  pricingQuote,
  shippingQuoteRates,
} from '@commerce/contracts';
import { internalClient } from '@commerce/lambda-kit/internal-client';

export const peers = {
  quote: internalClient(pricingQuote),
  quoteRates: internalClient(shippingQuoteRates),
  reserve: internalClient(inventoryReserve),
  authorize: internalClient(paymentAuthorize),
  capture: internalClient(paymentCapture),
  void: internalClient(paymentVoid),
  refund: internalClient(paymentRefund),
};

/** The clients the orders service calls its peers with (tests may hand in others). */
export type Peers = typeof peers;
