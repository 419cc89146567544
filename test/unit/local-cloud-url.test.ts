import { describe, expect, it } from 'vitest';
import { findApiBaseUrl, rewriteOutputs, toEmulatorUrl } from '../../packages/local-cloud/src/url.ts';

describe('toEmulatorUrl', () => {
  it('rewrites a REST API stage URL into the emulator path form', () => {
    expect(toEmulatorUrl('https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/local/')).toBe(
      'http://localhost:4566/_aws/execute-api/a1b2c3d4e5/local/',
    );
  });

  it('keeps the path and query after the stage', () => {
    expect(
      toEmulatorUrl('https://abc123.execute-api.us-east-1.amazonaws.com/local/products/42?expand=reviews'),
    ).toBe('http://localhost:4566/_aws/execute-api/abc123/local/products/42?expand=reviews');
  });

  it('keeps a missing trailing slash missing', () => {
    expect(toEmulatorUrl('https://abc123.execute-api.us-east-1.amazonaws.com/local')).toBe(
      'http://localhost:4566/_aws/execute-api/abc123/local',
    );
  });

  it('handles other regions, an explicit :443 and a bare host', () => {
    expect(toEmulatorUrl('https://abc123.execute-api.eu-west-1.amazonaws.com:443/dev/')).toBe(
      'http://localhost:4566/_aws/execute-api/abc123/dev/',
    );
    expect(toEmulatorUrl('https://abc123.execute-api.us-east-1.amazonaws.com')).toBe(
      'http://localhost:4566/_aws/execute-api/abc123/',
    );
  });

  it('turns WebSocket API URLs into ws:// URLs', () => {
    expect(toEmulatorUrl('wss://abc123.execute-api.us-east-1.amazonaws.com/local')).toBe(
      'ws://localhost:4566/_aws/execute-api/abc123/local',
    );
  });

  it('uses the given emulator endpoint', () => {
    expect(
      toEmulatorUrl('https://abc123.execute-api.us-east-1.amazonaws.com/local/', 'http://127.0.0.1:4567/'),
    ).toBe('http://127.0.0.1:4567/_aws/execute-api/abc123/local/');
  });

  it('leaves anything else unchanged', () => {
    for (const value of [
      'http://localhost:4566/000000000000/orders-queue',
      'https://example.com/local/',
      'https://abc123.execute-api.us-east-1.amazonaws.com.evil.test/local/',
      'http://abc123.execute-api.us-east-1.amazonaws.com/local/',
      'arn:aws:sqs:us-east-1:000000000000:orders',
      'orders-table',
      '',
    ]) {
      expect(toEmulatorUrl(value)).toBe(value);
    }
  });
});

describe('rewriteOutputs and findApiBaseUrl', () => {
  const outputs = {
    CatalogStack: {
      TableName: 'catalog',
      ApiEndpoint4F160690: 'https://zzz999.execute-api.us-east-1.amazonaws.com/local/',
    },
    EdgeStack: {
      QueueUrl: 'http://localhost:4566/000000000000/q',
      ApiUrl: 'https://abc123.execute-api.us-east-1.amazonaws.com/local/',
    },
  };

  it('rewrites every execute-api value and nothing else', () => {
    expect(rewriteOutputs(outputs)).toEqual({
      CatalogStack: {
        TableName: 'catalog',
        ApiEndpoint4F160690: 'http://localhost:4566/_aws/execute-api/zzz999/local/',
      },
      EdgeStack: {
        QueueUrl: 'http://localhost:4566/000000000000/q',
        ApiUrl: 'http://localhost:4566/_aws/execute-api/abc123/local/',
      },
    });
  });

  it('prefers an output named ApiUrl', () => {
    expect(findApiBaseUrl(rewriteOutputs(outputs))).toBe(
      'http://localhost:4566/_aws/execute-api/abc123/local/',
    );
  });

  it('returns undefined without an API URL', () => {
    expect(findApiBaseUrl({ S: { TableName: 'catalog' } })).toBeUndefined();
  });
});
