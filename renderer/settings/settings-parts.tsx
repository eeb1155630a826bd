// What the settings sections are made of: a titled section, a labelled field, and an action that
// says while it runs and then what came of it, in words, beside its button.

import { useCallback, useId, useState, type ReactNode } from 'react';
import type { Peer, Settings } from '../api/types.js';
import { errorWords } from '../ui/error-words.js';

export type SectionProps = { settings: Settings; onSettings: (settings: Settings) => void };

export function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="settings-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** A visible label tied to its control. */
export function Field({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <span className="settings-field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </span>
  );
}

export interface Action {
  /** Which of the section's actions runs, or null. */
  running: string | null;
  outcome: { ok: boolean; text: string } | null;
  /** Runs `work` (which returns what came of it in words); an error becomes its message. */
  run: (key: string, work: () => Promise<string>) => void;
  /** Forgets what the last action came to (another action made it untrue). */
  clear: () => void;
}

export function useAction(): Action {
  const [running, setRunning] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Action['outcome']>(null);
  const run = useCallback((key: string, work: () => Promise<string>) => {
    setRunning(key);
    setOutcome(null);
    void work()
      .then(
        (text) => setOutcome({ ok: true, text }),
        (error: unknown) => setOutcome({ ok: false, text: errorWords(error) }),
      )
      .finally(() => setRunning(null));
  }, []);
  const clear = useCallback(() => setOutcome(null), []);
  return { running, outcome, run, clear };
}

/** A button that runs one of a section's actions: all of them wait while any runs, and it says when it is the one running. */
export function ActionButton(props: { action: Action; run: string; label: string; busy: string; type?: 'button' | 'submit'; className?: string; onClick?: () => void }) {
  const { action, run, label, busy, type = 'button', className, onClick } = props;
  return (
    <button type={type} className={className} onClick={onClick} disabled={action.running !== null}>
      {action.running === run ? busy : label}
    </button>
  );
}

export function Outcome({ action }: { action: Action }) {
  const { outcome } = action;
  return (
    <>
      <span className="settings-outcome" role="status">
        {outcome?.ok === true ? outcome.text : ''}
      </span>
      {outcome?.ok === false && (
        <span className="settings-outcome error-text" role="alert">
          {outcome.text}
        </span>
      )}
    </>
  );
}

export function peerName(peer: Peer): string {
  return peer.deviceName ?? `unnamed device ${peer.replicaId.slice(0, 8)}`;
}

export { count } from '../../shared/count.js';

export function size(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
