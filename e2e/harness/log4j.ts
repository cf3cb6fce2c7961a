import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A log4j2 config (properties syntax, so it needs no YAML/JSON jars) that sends everything at INFO to one file:
 * quiet on the console, complete for debugging a failed start.
 */
export function writeLog4jConfig(dir: string, name: string, logFile: string): string {
  const path = join(dir, `${name}-log4j2.properties`);
  writeFileSync(
    path,
    [
      'status = warn',
      'appender.file.type = File',
      'appender.file.name = file',
      `appender.file.fileName = ${logFile}`,
      'appender.file.layout.type = PatternLayout',
      'appender.file.layout.pattern = [%d] %p %m (%c)%n',
      'rootLogger.level = INFO',
      'rootLogger.appenderRef.file.ref = file',
      // Per-request and per-fetch chatter that drowns the useful lines.
      'logger.clients.name = org.apache.kafka.clients',
      'logger.clients.level = WARN',
      '',
    ].join('\n'),
  );
  return path;
}
