/**
 * The semantic rules behind the contracts' `format` keywords (contracts/names.ts): one checker per format, which
 * Ajv calls to accept a value and the error translation calls again to say why it was refused.
 */
import { connectorNameProblem, pathSegmentProblem, subjectProblem, validateTopicName } from '../../domain/names.ts';

export type FormatChecker = (value: string) => string | null;

export const FORMATS: Record<string, FormatChecker> = {
  'kafka-topic': (value) => {
    const check = validateTopicName(value);
    return check.ok ? null : check.reason;
  },
  subject: subjectProblem,
  'connector-name': connectorNameProblem,
  'path-segment': (value) => pathSegmentProblem(value),
};
