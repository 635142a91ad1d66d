/**
 * TypeORM keeps every decorator's arguments in one global MetadataArgsStorage, in flat arrays
 * (columns, relations, indices, …), and its metadata builder asks it, entity by entity, for the
 * items of one class with `array.filter(item => item.target === target)`. That is quadratic: at
 * 2,000 entities (22,000 columns) building the metadata spent 3–4 s in those filters alone.
 *
 * While athanor builds the metadata, the storage's lookups by target are given an index: each
 * method still runs TypeORM's own code, on a view of the storage whose arrays hold only the
 * items of the asked target(s), in their original order. What each returns is what it returned
 * unindexed (same items, same order, same duplicate handling); only the scan is skipped.
 * Nothing is changed when the storage or a method is not where TypeORM 0.3 keeps it.
 */

interface Targeted {
  readonly target?: unknown;
  readonly type?: unknown;
}

type Storage = Record<string, unknown>;

/** The lookups whose every array read keeps only items of the asked target (first argument). */
const BY_TARGET = [
  "filterTables",
  "filterColumns",
  "findGenerated",
  "findTree",
  "filterRelations",
  "filterRelationIds",
  "filterIndices",
  "filterForeignKeys",
  "filterUniques",
  "filterChecks",
  "filterExclusions",
  "filterListeners",
  "filterEmbeddeds",
  "findJoinTable",
  "filterJoinColumns",
  "findInheritanceType",
  "findDiscriminatorValue",
] as const;

/** One array's items by target, with their positions, for as long as the array does not grow. */
interface TargetIndex {
  readonly length: number;
  readonly positions: Map<unknown, number[]>;
}

/**
 * Runs `build` with the global storage's lookups indexed, and puts the storage back as it was
 * afterwards (the overrides are own properties of the instance, deleted at the end).
 */
export async function withIndexedMetadataArgs<T>(build: () => Promise<T>): Promise<T> {
  const storage = (globalThis as { typeormMetadataArgsStorage?: Storage }).typeormMetadataArgsStorage;
  if (!storage || typeof storage !== "object") return build();
  const proto = Object.getPrototypeOf(storage) as Storage;
  const indexes = new WeakMap<readonly Targeted[], TargetIndex>();
  const installed: string[] = [];
  for (const name of BY_TARGET) {
    const original = proto[name];
    if (typeof original !== "function" || Object.prototype.hasOwnProperty.call(storage, name)) continue;
    storage[name] = function (this: Storage, target: unknown, ...rest: unknown[]) {
      return (original as (...a: unknown[]) => unknown).call(narrowedView(this, target, indexes), target, ...rest);
    };
    installed.push(name);
  }
  try {
    return await build();
  } finally {
    for (const name of installed) delete storage[name];
  }
}

/**
 * The storage as seen by one lookup: each array of decorator arguments holds only the items
 * whose target is `target` (or one of `target`, when TypeORM passes an inheritance tree).
 * Everything else (methods, other fields) reads through to the storage itself.
 */
function narrowedView(storage: Storage, target: unknown, indexes: WeakMap<readonly Targeted[], TargetIndex>): Storage {
  return new Proxy(storage, {
    get(object, key, receiver) {
      const value = Reflect.get(object, key, receiver) as unknown;
      if (!isArgumentsArray(value)) return value;
      return itemsOf(value, target, indexOf(value, indexes));
    },
  });
}

function isArgumentsArray(value: unknown): value is readonly Targeted[] {
  return Array.isArray(value) && (value.length === 0 || (typeof value[0] === "object" && value[0] !== null && "target" in value[0]));
}

function indexOf(array: readonly Targeted[], indexes: WeakMap<readonly Targeted[], TargetIndex>): TargetIndex {
  const known = indexes.get(array);
  // Decorators only ever push; a longer array means entities were loaded since: index again.
  if (known && known.length === array.length) return known;
  const positions = new Map<unknown, number[]>();
  array.forEach((item, i) => {
    const list = positions.get(item.target);
    if (list) list.push(i);
    else positions.set(item.target, [i]);
  });
  const index = { length: array.length, positions };
  indexes.set(array, index);
  return index;
}

function itemsOf(array: readonly Targeted[], target: unknown, index: TargetIndex): Targeted[] {
  if (!Array.isArray(target)) return (index.positions.get(target) ?? []).map((i) => array[i]);
  const positions = [...new Set(target)].flatMap((t) => index.positions.get(t) ?? []);
  return positions.sort((a, b) => a - b).map((i) => array[i]);
}
