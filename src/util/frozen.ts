// Read-only values for the public API, made on first use rather than at import: a module that only
// imports the package computes nothing. The value behind the proxy is deep-frozen the first time
// anything touches it, so writes throw (strict mode) and the dispatcher reads what it always read.

/** Freeze a JSON-like value and everything reachable from it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  }
  return value;
}

/**
 * `target` behind a proxy that on first use runs `fill(target)` once, deep-freezes it and then
 * forwards every operation to it. Because the target itself is frozen, the proxy keeps every
 * invariant: Array.isArray, JSON.stringify, spreading and iteration behave as on the plain value.
 */
export function frozenOnFirstUse<T extends object>(target: T, fill?: (target: T) => void): T {
  let ready = false;
  const use = (): T => {
    if (!ready) {
      ready = true;
      fill?.(target);
      deepFreeze(target);
    }
    return target;
  };
  return new Proxy(target, {
    get: (_, key) => Reflect.get(use(), key),
    set: (_, key, value) => Reflect.set(use(), key, value),
    has: (_, key) => Reflect.has(use(), key),
    ownKeys: () => Reflect.ownKeys(use()),
    getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(use(), key),
    defineProperty: (_, key, descriptor) => Reflect.defineProperty(use(), key, descriptor),
    deleteProperty: (_, key) => Reflect.deleteProperty(use(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(use()),
    setPrototypeOf: (_, proto) => Reflect.setPrototypeOf(use(), proto),
    isExtensible: () => Reflect.isExtensible(use()),
    preventExtensions: () => Reflect.preventExtensions(use()),
  });
}
