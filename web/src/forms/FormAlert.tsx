import type { FormState } from './formState';
import styles from './forms.module.css';

/** The form-level message of an action's result (errors like throttling, or a success note). */
export function FormAlert({ state }: { state: FormState<string> }) {
  if (!state.message) return null;
  const tone = state.status === 'success' ? styles.alertSuccess : styles.alertError;
  return (
    <p className={`${styles.alert} ${tone}`} role={state.status === 'success' ? 'status' : 'alert'}>
      {state.message}
    </p>
  );
}
