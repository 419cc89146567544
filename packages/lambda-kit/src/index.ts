export * from './errors.ts';
export * from './env.ts';
export * from './keys.ts';
export * from './pagination.ts';
export * from './problem.ts';
