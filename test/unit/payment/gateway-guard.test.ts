// The guard around gateway calls, driven by a fake gateway function: timeouts, the breaker opening after
// consecutive faults and failing fast, the trial call after the break, and what does not count as a fault.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GatewayUnavailableError } from '../../../functions/payment/domain/errors.ts';
import { GatewayGuard, type CircuitStatus } from '../../../functions/payment/providers/gateway-guard.ts';

/** What a gateway client throws when the gateway fails (a 5xx, a refused connection). */
class GatewayDown extends Error {}
/** What it throws when the gateway answers no (a decline): not a fault. */
class Declined extends Error {}

/** A fake gateway call that counts its invocations and does what `behave` says. */
function fakeGateway(behave: () => Promise<string>) {
  const gateway = { calls: 0, call: () => (gateway.calls++, behave()) };
  return gateway;
}

const down = () => Promise.reject(new GatewayDown('503 from the gateway'));
const ok = () => Promise.resolve('pi_ok');

function guard(changes: CircuitStatus[] = []): GatewayGuard {
  return new GatewayGuard({
    gateway: 'fake',
    timeoutMs: 50,
    failureThreshold: 5,
    halfOpenAfterMs: 30_000,
    isGatewayFault: (error) => error instanceof GatewayDown,
    describeFault: (error) => (error instanceof Error ? error.message : 'unknown'),
    onCircuitChange: (status) => changes.push(status),
  });
}

async function failures(g: GatewayGuard, gateway: { call: () => Promise<string> }, times: number) {
  for (let i = 0; i < times; i++) {
    await expect(g.run('authorize', gateway.call)).rejects.toBeInstanceOf(GatewayUnavailableError);
  }
}

afterEach(() => {
  vi.useRealTimers();
});

describe('GatewayGuard', () => {
  it('passes a healthy answer through', async () => {
    const g = guard();
    await expect(g.run('authorize', ok)).resolves.toBe('pi_ok');
    expect(g.circuitStatus).toBe('closed');
  });

  it('reports a fault as GatewayUnavailableError with what the gateway said, for the log only', async () => {
    const error = await guard()
      .run('capture', down)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayUnavailableError);
    expect(error).toMatchObject({
      status: 503,
      problemType: 'payment-gateway-unavailable',
      gateway: 'fake',
      operation: 'capture',
      reason: 'gateway_error',
      detail: '503 from the gateway',
    });
    expect((error as Error).message).not.toContain('503 from the gateway');
  });

  it('opens after five consecutive faults and then fails fast without calling the gateway', async () => {
    const changes: CircuitStatus[] = [];
    const g = guard(changes);
    const gateway = fakeGateway(down);
    await failures(g, gateway, 5);
    expect(gateway.calls).toBe(5);
    expect(g.circuitStatus).toBe('open');
    expect(changes).toEqual(['open']);

    const started = performance.now();
    const error = await g.run('authorize', gateway.call).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(20);
    expect(error).toMatchObject({ reason: 'circuit_open', status: 503 });
    expect(gateway.calls).toBe(5);
  });

  it('stays closed after four faults, and a success resets the count', async () => {
    const g = guard();
    const failing = fakeGateway(down);
    await failures(g, failing, 4);
    await g.run('authorize', ok);
    await failures(g, failing, 4);
    expect(g.circuitStatus).toBe('closed');
  });

  it('neither counts nor resets on a decline, which passes through unchanged', async () => {
    const g = guard();
    const failing = fakeGateway(down);
    await failures(g, failing, 4);
    await expect(
      g.run('authorize', () => Promise.reject(new Declined('card_declined'))),
    ).rejects.toBeInstanceOf(Declined);
    expect(g.circuitStatus).toBe('closed');
    await failures(g, failing, 1);
    expect(g.circuitStatus).toBe('open');
  });

  it('abandons a call over its budget as a timeout, which counts as a fault', async () => {
    const g = guard();
    const slow = fakeGateway(() => new Promise((resolve) => setTimeout(() => resolve('late'), 1_000)));
    const started = performance.now();
    await expect(g.run('refund', slow.call)).rejects.toMatchObject({ reason: 'timeout' });
    expect(performance.now() - started).toBeLessThan(500);
    await failures(g, slow, 4);
    expect(g.circuitStatus).toBe('open');
  });

  it('lets one trial call through after the break: a success closes the circuit', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const changes: CircuitStatus[] = [];
    const g = guard(changes);
    await failures(g, fakeGateway(down), 5);

    vi.setSystemTime(Date.now() + 29_000);
    await expect(g.run('authorize', ok)).rejects.toMatchObject({ reason: 'circuit_open' });

    vi.setSystemTime(Date.now() + 1_000);
    await expect(g.run('authorize', ok)).resolves.toBe('pi_ok');
    expect(g.circuitStatus).toBe('closed');
    expect(changes).toEqual(['open', 'half_open', 'closed']);
  });

  it('opens again at once when the trial call fails', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const g = guard();
    const gateway = fakeGateway(down);
    await failures(g, gateway, 5);
    vi.setSystemTime(Date.now() + 30_000);
    await expect(g.run('authorize', gateway.call)).rejects.toMatchObject({ reason: 'gateway_error' });
    expect(g.circuitStatus).toBe('open');
    await expect(g.run('authorize', gateway.call)).rejects.toMatchObject({ reason: 'circuit_open' });
    expect(gateway.calls).toBe(6);
  });

  it('closes the circuit when the trial call is a decline: the gateway answers', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const g = guard();
    await failures(g, fakeGateway(down), 5);
    vi.setSystemTime(Date.now() + 30_000);
    await expect(
      g.run('authorize', () => Promise.reject(new Declined('card_declined'))),
    ).rejects.toBeInstanceOf(Declined);
    expect(g.circuitStatus).toBe('closed');
  });

  it('refuses settings that make no sense', () => {
    const isGatewayFault = () => true;
    expect(() => new GatewayGuard({ gateway: 'x', timeoutMs: 0, isGatewayFault })).toThrow(RangeError);
    expect(() => new GatewayGuard({ gateway: 'x', failureThreshold: 0, isGatewayFault })).toThrow(RangeError);
  });
});
