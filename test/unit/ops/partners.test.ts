// Partner onboarding grants the scopes asked for, never more than the tier allows, and nothing by default:
// the checks run before any AWS call (the clients here record calls and refuse them).
import { addPartner, PartnerError, type PartnerClients } from '@commerce/ops';
import { describe, expect, it } from 'vitest';

function recordingClients() {
  const calls: string[] = [];
  const refuse = (service: string) => ({
    send: (command: { constructor: { name: string } }) => {
      calls.push(`${service}.${command.constructor.name}`);
      return Promise.reject(new Error('no AWS in unit tests'));
    },
  });
  const clients = {
    cognito: refuse('cognito'),
    apiGateway: refuse('apiGateway'),
  } as unknown as PartnerClients;
  return { calls, clients };
}

describe('addPartner', () => {
  it('refuses to grant nothing-in-particular: the scopes must be named', async () => {
    const { calls, clients } = recordingClients();
    const added = addPartner(clients, { stage: 'prod', name: 'acme', tier: 'standard', scopes: [] });
    await expect(added).rejects.toThrow(PartnerError);
    await expect(added).rejects.toThrow(/Name the scopes/);
    expect(calls).toEqual([]);
  });

  it('refuses a scope the tier does not allow', async () => {
    const { calls, clients } = recordingClients();
    const added = addPartner(clients, {
      stage: 'prod',
      name: 'acme',
      tier: 'trial',
      scopes: ['commerce/orders.read', 'commerce/catalog.write'],
    });
    await expect(added).rejects.toThrow(/Tier trial does not allow commerce\/catalog.write/);
    expect(calls).toEqual([]);
  });

  it('goes on to AWS with scopes the tier allows', async () => {
    const { calls, clients } = recordingClients();
    const added = addPartner(clients, {
      stage: 'prod',
      name: 'acme',
      tier: 'trial',
      scopes: ['commerce/orders.read'],
    });
    await expect(added).rejects.toThrow('no AWS in unit tests');
    expect(calls).toEqual(['apiGateway.GetUsagePlansCommand']);
  });
});
