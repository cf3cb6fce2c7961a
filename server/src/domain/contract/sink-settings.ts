/**
 * The connector's `clickhouseSettings` as the sink v1.5.0 parses them (ClickHouse/clickhouse-kafka-connect@v1.5.0
 * src/main/java/com/clickhouse/kafka/connect/sink/ClickHouseSinkConfig.java): comma-separated `key=value` pairs, a
 * pair with other than exactly one `=` ignored; the sink sends them as settings of every INSERT.
 */
export function parseClickhouseSettings(text: string | undefined): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const pair of (text ?? '').trim().split(',')) {
    const parts = pair.trim().split('=');
    if (parts.length === 2) settings[parts[0]!.trim()] = parts[1]!.trim();
  }
  return settings;
}

/** input_format_binary_read_json_as_string=1 (or true) lets the sink write JSON columns from strings and records. */
export function jsonAsString(settings: Record<string, string>): boolean {
  const value = settings['input_format_binary_read_json_as_string'];
  return value !== undefined && (value.toLowerCase() === 'true' || value === '1');
}
