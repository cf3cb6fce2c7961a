export {
  createRegistryClient,
  mapRegistryError,
  probeRegistry,
  verboseMessages,
  type CompatibilityAnswer,
  type RegisteredSchema,
  type RegistryClient,
  type RegistryClientOptions,
} from './client.ts';
