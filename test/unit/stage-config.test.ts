// The stage schema's rules for payment gateways and carriers: a non-empty list, the default among it, and
// the test-only sandboxes on the local and dev stages alone (docs/payments.md, docs/shipping.md).
import { describe, expect, it } from 'vitest';
import { testGatewayStages, validStageConfig } from '../../infra/config/stage-config.ts';
import { loadStageConfig } from '../../infra/config/stages.ts';

const prod = loadStageConfig('prod');
const dev = loadStageConfig('dev');

describe('gateways and carriers in the stage schema', () => {
  it('give prod real ones only and keep both sandboxes on local and dev', () => {
    expect(prod.payments).toEqual({ providers: ['stripe'], defaultProvider: 'stripe', secret: true });
    expect(prod.shipping).toEqual({ carriers: ['manual'], defaultCarrier: 'manual', secret: true });
    for (const stage of ['local', 'dev'] as const) {
      const config = loadStageConfig(stage);
      expect(config.payments).toMatchObject({ providers: ['sandbox', 'stripe'], defaultProvider: 'sandbox' });
      expect(config.shipping).toMatchObject({ carriers: ['sandbox', 'manual'], defaultCarrier: 'sandbox' });
    }
    expect(testGatewayStages).toEqual(['local', 'dev']);
  });

  it('refuse the sandbox gateway or carrier on prod, naming the stages that may have them', () => {
    expect(() =>
      validStageConfig({ ...prod, payments: { ...prod.payments, providers: ['stripe', 'sandbox'] } }),
    ).toThrow('sandbox is a test gateway: only the local and dev stages may list it, not prod');
    expect(() =>
      validStageConfig({
        ...prod,
        shipping: { carriers: ['sandbox'], defaultCarrier: 'sandbox', secret: true },
      }),
    ).toThrow('sandbox is a test carrier: only the local and dev stages may list it, not prod');
  });

  it('refuse an empty list, a repeat, a default outside the list and an unknown name', () => {
    const payments = (p: object) => () => validStageConfig({ ...dev, payments: { ...dev.payments, ...p } });
    expect(payments({ providers: [] })).toThrow(/providers/);
    expect(payments({ providers: ['stripe', 'stripe'], defaultProvider: 'stripe' })).toThrow(/listed twice/);
    expect(payments({ providers: ['stripe'] })).toThrow(/defaultProvider must be one of providers/);
    expect(payments({ providers: ['paypal'] })).toThrow(/providers/);
    const shipping = (s: object) => () => validStageConfig({ ...dev, shipping: { ...dev.shipping, ...s } });
    expect(shipping({ carriers: ['manual'] })).toThrow(/defaultCarrier must be one of carriers/);
    expect(shipping({ carriers: ['manual', 'dhl'], defaultCarrier: 'manual' })).toThrow(/carriers/);
    expect(
      validStageConfig({ ...dev, shipping: { ...dev.shipping, carriers: ['manual', 'sandbox'] } }),
    ).toBeTruthy();
  });
});
