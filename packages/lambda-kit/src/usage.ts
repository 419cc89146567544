// How much DynamoDB one invocation used: the number of calls and their time, counted by a middleware on the
// kit's DynamoDB client and reset per HTTP request. The HTTP stack reports it in a standard Server-Timing
// header (`dynamodb;desc="4 calls";dur=12.3`), which browsers' dev tools and the bench read; it says how
// much work a request did, never what it touched.

let calls = 0;
let millis = 0;

export function resetDynamoDbUsage(): void {
  calls = 0;
  millis = 0;
}

export function recordDynamoDbCall(ms: number): void {
  calls += 1;
  millis += ms;
}

/** The Server-Timing entry for the usage so far (RFC: W3C Server Timing). */
export function serverTiming(): string {
  return `dynamodb;desc="${calls} calls";dur=${millis.toFixed(1)}`;
}
