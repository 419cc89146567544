// Runs a synchronous step behind a promise-returning port method: its result resolves, its exception rejects.

export function settle<T>(step: () => T): Promise<T> {
  try {
    return Promise.resolve(step());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
