import avro from 'avsc';

/**
 * Why a new Avro schema is incompatible with the latest one, computed locally with avsc's schema resolution.
 * Used only when the registry gives a verdict without reasons (Apicurio's ccompat API ignores ?verbose=true);
 * every message says it comes from the panel, not the registry.
 */
export function localIncompatibilityReasons(level: string, candidate: string, latest: string): string[] {
  let next: avro.Type;
  let prev: avro.Type;
  try {
    next = avro.Type.forSchema(JSON.parse(candidate) as avro.Schema);
    prev = avro.Type.forSchema(JSON.parse(latest) as avro.Schema);
  } catch {
    return [];
  }
  const reasons: string[] = [];
  const readable = (reader: avro.Type, writer: avro.Type, what: string) => {
    try {
      reader.createResolver(writer);
    } catch (error) {
      reasons.push(`panel check (avsc): ${what}: ${(error as Error).message}`);
    }
  };
  const backward = level.startsWith('BACKWARD') || level.startsWith('FULL');
  const forward = level.startsWith('FORWARD') || level.startsWith('FULL');
  if (backward) readable(next, prev, 'the new schema cannot read data written with the latest version');
  if (forward) readable(prev, next, 'the latest version cannot read data written with the new schema');
  return reasons;
}
