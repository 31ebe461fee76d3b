// The error a synchronous call throws, checked to be of the expected class (fails the test otherwise).
import { expect } from 'vitest';

export function thrownBy<E extends Error>(fn: () => unknown, errorClass: abstract new (...args: never[]) => E): E {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(errorClass);
    return error as E;
  }
  throw new Error(`expected a ${errorClass.name}`);
}
