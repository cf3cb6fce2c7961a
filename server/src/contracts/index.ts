export type * from './errors.ts';
export type * from './stack.ts';
