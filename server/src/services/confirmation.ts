import { AppError } from '../errors/app-error.ts';

/**
 * A destructive action's typed confirmation, checked by the server: absent → 400 CONFIRMATION_REQUIRED, anything
 * but `expected` → 400 CONFIRMATION_MISMATCH; either way nothing has been touched yet.
 */
export function requireConfirmation(expected: string, given: string | undefined, action: string): void {
  if (given === undefined || given === '') {
    throw new AppError(400, 'CONFIRMATION_REQUIRED', `${action} needs the JSON body field "confirm": "${expected}"; nothing was changed`, {
      expected: { confirm: expected },
    });
  }
  if (given !== expected) {
    throw new AppError(400, 'CONFIRMATION_MISMATCH', `${action}: the confirmation must be exactly "${expected}"; nothing was changed`, {
      expected: { confirm: expected },
    });
  }
}
