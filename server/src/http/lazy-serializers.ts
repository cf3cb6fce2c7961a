import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';

type SerializerFactory = ReturnType<typeof SerializerSelector>;
type Serializer = (doc: unknown) => string;

/**
 * Fastify's response serializers (fast-json-stringify, from the route schemas), built on a route's first answer
 * instead of at start-up: building all of them is most of what a start costs, and a route that is never called never
 * needs one. One schema object shared by many routes (the error body) is built once.
 */
export function lazySerializers(): SerializerFactory {
  return (externalSchemas, options) => {
    let compiler: ReturnType<SerializerFactory> | undefined;
    const compile: ReturnType<SerializerFactory> = (route) => (compiler ??= SerializerSelector()(externalSchemas, options))(route);
    const built = new WeakMap<object, Serializer>();
    return (route) => {
      let serialize: Serializer | undefined;
      return (doc: unknown) => {
        if (!serialize) {
          const schema = route.schema;
          const shared = typeof schema === 'object' && schema !== null ? built.get(schema) : undefined;
          serialize = shared ?? compile(route);
          if (!shared && typeof schema === 'object' && schema !== null) built.set(schema, serialize);
        }
        return serialize(doc);
      };
    };
  };
}
