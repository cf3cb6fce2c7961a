/**
 * The change matrix the diff is tested with: each case a change between two versions, its change kinds and the
 * directions it breaks. Shared by the unit tests (diff.test.ts) and the integration tests, which ask the real
 * registry for its verdict on every case (e2e/integration/schema-diff.test.ts).
 */
export const record = (fields: unknown[], extra: Record<string, unknown> = {}) => ({
  type: 'record',
  name: 'Order',
  namespace: 'shop',
  fields,
  ...extra,
});
export const base = [
  { name: 'id', type: 'string' },
  { name: 'qty', type: 'int' },
];
export const withField = (field: unknown) => record([...base, field]);
export const replaceQty = (type: unknown, extra: Record<string, unknown> = {}) => record([base[0], { name: 'qty', type, ...extra }]);

export interface MatrixCase {
  name: string;
  from: unknown;
  to: unknown;
  kinds: string[];
  /** Does the change break BACKWARD (new reads old) / FORWARD (old reads new)? */
  backward: boolean;
  forward: boolean;
  path?: string;
  /**
   * Where Apicurio Registry 2.1.5 (the test harness's registry) answers otherwise: it checks with Avro's
   * grammar-based SchemaValidator (schema-util/avro/.../AvroCompatibilityChecker.java at 2.1.5.Final), which
   * accepts unknown enum symbols and renamed records, while Confluent Schema Registry (the stack's, 8.3.2) runs
   * Avro's SchemaCompatibility (client/.../avro/AvroSchema.java at v8.3.2-1), as the panel does.
   */
  apicurio?: { backward?: boolean; forward?: boolean };
}

export const status = (symbols: string[], extra: Record<string, unknown> = {}) => ({ type: 'enum', name: 'Status', symbols, ...extra });

export const matrix: MatrixCase[] = [
  {
    name: 'field added with a default',
    from: record(base),
    to: withField({ name: 'note', type: ['null', 'string'], default: null }),
    kinds: ['field-added'],
    backward: false,
    forward: false,
    path: 'note',
  },
  {
    name: 'field added without a default',
    from: record(base),
    to: withField({ name: 'note', type: 'string' }),
    kinds: ['field-added'],
    backward: true,
    forward: false,
    path: 'note',
  },
  {
    name: 'field removed that had a default',
    from: withField({ name: 'note', type: 'string', default: '' }),
    to: record(base),
    kinds: ['field-removed'],
    backward: false,
    forward: false,
  },
  {
    name: 'field removed without a default',
    from: withField({ name: 'note', type: 'string' }),
    to: record(base),
    kinds: ['field-removed'],
    backward: false,
    forward: true,
    path: 'note',
  },
  {
    name: 'int → long (promotion)',
    from: record(base),
    to: replaceQty('long'),
    kinds: ['type-changed'],
    backward: false,
    forward: true,
    path: 'qty',
  },
  { name: 'long → int (narrowing)', from: replaceQty('long'), to: record(base), kinds: ['type-changed'], backward: true, forward: false },
  { name: 'int → float', from: record(base), to: replaceQty('float'), kinds: ['type-changed'], backward: false, forward: true },
  { name: 'float → double', from: replaceQty('float'), to: replaceQty('double'), kinds: ['type-changed'], backward: false, forward: true },
  { name: 'string ↔ bytes', from: replaceQty('string'), to: replaceQty('bytes'), kinds: ['type-changed'], backward: false, forward: false },
  { name: 'int → string', from: record(base), to: replaceQty('string'), kinds: ['type-changed'], backward: true, forward: true },
  {
    name: 'int → [null, int]',
    from: record(base),
    to: replaceQty(['null', 'int'], { default: null }),
    kinds: ['nullability-added', 'default-added'],
    backward: false,
    forward: true,
  },
  {
    name: '[null, int] → int',
    from: replaceQty(['null', 'int'], { default: null }),
    to: record(base),
    kinds: ['nullability-removed', 'default-removed'],
    backward: true,
    forward: false,
  },
  {
    name: 'union branch added',
    from: replaceQty(['null', 'int']),
    to: replaceQty(['null', 'int', 'string']),
    kinds: ['union-branch-added'],
    backward: false,
    forward: true,
    path: 'qty<string>',
  },
  {
    name: 'union branch removed',
    from: replaceQty(['null', 'int', 'string']),
    to: replaceQty(['null', 'int']),
    kinds: ['union-branch-removed'],
    backward: true,
    forward: false,
  },
  {
    name: 'union branch int → long',
    from: replaceQty(['null', 'int']),
    to: replaceQty(['null', 'long']),
    kinds: ['union-branch-added', 'union-branch-removed'],
    backward: false,
    forward: true,
  },
  {
    name: 'enum symbol added',
    from: withField({ name: 's', type: status(['A', 'B']) }),
    to: withField({ name: 's', type: status(['A', 'B', 'C']) }),
    kinds: ['enum-symbols-added'],
    backward: false,
    forward: true,
    path: 's',
    apicurio: { forward: false },
  },
  {
    name: 'enum symbol added, old enum has a default',
    from: withField({ name: 's', type: status(['A', 'B'], { default: 'A' }) }),
    to: withField({ name: 's', type: status(['A', 'B', 'C'], { default: 'A' }) }),
    kinds: ['enum-symbols-added'],
    backward: false,
    forward: false,
  },
  {
    name: 'enum symbol removed',
    from: withField({ name: 's', type: status(['A', 'B']) }),
    to: withField({ name: 's', type: status(['A']) }),
    kinds: ['enum-symbols-removed'],
    backward: true,
    forward: false,
    apicurio: { backward: false },
  },
  {
    name: 'fixed size changed',
    from: withField({ name: 'h', type: { type: 'fixed', name: 'Hash', size: 16 } }),
    to: withField({ name: 'h', type: { type: 'fixed', name: 'Hash', size: 32 } }),
    kinds: ['fixed-size-changed'],
    backward: true,
    forward: true,
  },
  {
    name: 'record renamed without an alias',
    from: record(base),
    to: { ...record(base), name: 'Purchase' },
    kinds: ['name-changed'],
    backward: true,
    forward: true,
    path: '',
    apicurio: { backward: false, forward: false },
  },
  {
    name: 'record renamed with an alias',
    from: record(base),
    to: { ...record(base), name: 'Purchase', aliases: ['Order'] },
    kinds: ['name-changed', 'aliases-changed'],
    backward: false,
    forward: true,
    apicurio: { forward: false },
  },
  {
    name: 'namespace changed',
    from: record(base),
    to: { ...record(base), namespace: 'store' },
    kinds: ['namespace-changed'],
    backward: false,
    forward: false,
  },
  {
    name: 'field renamed through an alias',
    from: record(base),
    to: record([base[0], { name: 'quantity', type: 'int', aliases: ['qty'] }]),
    kinds: ['field-renamed', 'aliases-changed'],
    backward: false,
    forward: true,
  },
  {
    name: 'nested record gains a field without a default',
    from: withField({ name: 'address', type: record([{ name: 'city', type: 'string' }], { name: 'Address' }) }),
    to: withField({
      name: 'address',
      type: record(
        [
          { name: 'city', type: 'string' },
          { name: 'zip', type: 'string' },
        ],
        { name: 'Address' },
      ),
    }),
    kinds: ['field-added'],
    backward: true,
    forward: false,
    path: 'address.zip',
  },
  {
    name: 'array items int → long',
    from: withField({ name: 'tags', type: { type: 'array', items: 'int' } }),
    to: withField({ name: 'tags', type: { type: 'array', items: 'long' } }),
    kinds: ['type-changed'],
    backward: false,
    forward: true,
    path: 'tags[]',
  },
  {
    name: 'map values string → int',
    from: withField({ name: 'attrs', type: { type: 'map', values: 'string' } }),
    to: withField({ name: 'attrs', type: { type: 'map', values: 'int' } }),
    kinds: ['type-changed'],
    backward: true,
    forward: true,
    path: 'attrs{}',
  },
  {
    name: 'default added',
    from: record(base),
    to: replaceQty('int', { default: 0 }),
    kinds: ['default-added'],
    backward: false,
    forward: false,
  },
  {
    name: 'default removed',
    from: replaceQty('int', { default: 0 }),
    to: record(base),
    kinds: ['default-removed'],
    backward: false,
    forward: false,
  },
  {
    name: 'default changed',
    from: replaceQty('int', { default: 0 }),
    to: replaceQty('int', { default: 1 }),
    kinds: ['default-changed'],
    backward: false,
    forward: false,
  },
  {
    name: 'logical type added',
    from: withField({ name: 'at', type: 'long' }),
    to: withField({ name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } }),
    kinds: ['logical-type-changed'],
    backward: false,
    forward: false,
  },
  {
    name: 'decimal scale changed',
    from: withField({ name: 'amount', type: { type: 'bytes', logicalType: 'decimal', precision: 12, scale: 2 } }),
    to: withField({ name: 'amount', type: { type: 'bytes', logicalType: 'decimal', precision: 12, scale: 4 } }),
    kinds: ['logical-type-changed'],
    backward: false,
    forward: false,
  },
  {
    name: 'doc changed',
    from: record(base, { doc: 'old' }),
    to: record(base, { doc: 'new' }),
    kinds: ['doc-changed'],
    backward: false,
    forward: false,
  },
  {
    name: 'field doc changed',
    from: record(base),
    to: replaceQty('int', { doc: 'how many' }),
    kinds: ['doc-changed'],
    backward: false,
    forward: false,
  },
];
