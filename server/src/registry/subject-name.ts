import { AppError } from '../errors/app-error.ts';

export const MAX_SUBJECT_LENGTH = 255;

/**
 * Subjects become a path segment of the registry's REST API, so the panel refuses anything that could change the
 * URL or be mistaken for quoting: slashes, backslashes, quotes, control characters, surrounding whitespace.
 */
export function subjectProblem(subject: unknown): string | null {
  if (typeof subject !== 'string' || subject === '') return 'subject is empty';
  if (subject.length > MAX_SUBJECT_LENGTH) return `subject is ${subject.length} characters long; the limit is ${MAX_SUBJECT_LENGTH}`;
  if (subject.trim() !== subject) return 'subject starts or ends with whitespace';
  const bad = [...subject].find((c) => /[/\\"'`\u0000-\u001f\u007f]/.test(c));
  if (bad !== undefined) {
    const shown = /[\u0000-\u001f\u007f]/.test(bad)
      ? `control character U+${bad.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
      : JSON.stringify(bad);
    return `subject ${JSON.stringify(subject)} contains ${shown}; use letters, digits, ".", "_" and "-" (e.g. <topic>-value)`;
  }
  return null;
}

export function assertSubject(subject: unknown): asserts subject is string {
  const problem = subjectProblem(subject);
  if (problem) throw new AppError(400, 'INVALID_SUBJECT', problem, { subject });
}
