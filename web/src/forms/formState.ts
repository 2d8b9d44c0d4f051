import { z } from 'zod';

/**
 * What a Server Action used with `useActionState` returns: field-level messages, one form-level
 * message, and the typed values (never passwords) so the form can show them again after an error.
 */
export interface FormState<F extends string = string> {
  status: 'idle' | 'error' | 'success';
  message?: string;
  /** a second, smaller line under a success message */
  note?: string;
  fieldErrors?: Partial<Record<F, string>>;
  values?: Partial<Record<F, string>>;
}

export const idleState: FormState = { status: 'idle' };

/** A FormData entry as a string ('' when absent or a file). */
export function formText(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
}

/** Reads the named text fields of a form into a plain object (absent fields become ''). */
export function readForm<F extends string>(data: FormData, fields: readonly F[]): Record<F, string> {
  const out = {} as Record<F, string>;
  for (const field of fields) out[field] = formText(data, field);
  return out;
}

/** The first message for each field of a failed parse. */
export function fieldErrorsOf<F extends string>(error: z.ZodError): Partial<Record<F, string>> {
  const out: Partial<Record<F, string>> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '') as F;
    if (key && out[key] === undefined) out[key] = issue.message;
  }
  return out;
}

/** Values to echo back into the form: everything typed except secrets. */
export function echoValues<F extends string>(values: Record<F, string>, secret: readonly NoInfer<F>[]): Partial<Record<F, string>> {
  const out: Partial<Record<F, string>> = {};
  for (const key of Object.keys(values) as F[]) if (!secret.includes(key)) out[key] = values[key];
  return out;
}

export function errorState<F extends string>(
  message: string | undefined,
  fieldErrors: Partial<Record<F, string>> = {},
  values: Partial<Record<F, string>> = {},
): FormState<F> {
  return { status: 'error', message, fieldErrors, values };
}
