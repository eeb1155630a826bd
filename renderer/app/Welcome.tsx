// The main pane of a journal with no notes yet: what Ferry does with what is written, and the
// three ways to begin: a note, today's journal entry, or the notes of another device (through a
// sync server or a bundle file, both set up in Settings), whose journal this device simply takes
// while it holds nothing of its own, and joins bringing its notes when asked (joining.ts).

import { useId } from 'react';
import { hint } from '../../shared/shortcuts.js';

export interface WelcomeProps {
  mac: boolean;
  onNewNote: () => void;
  onToday: () => void;
  onSettings: () => void;
}

export function Welcome({ mac, onNewNote, onToday, onSettings }: WelcomeProps) {
  const heading = useId();
  return (
    <section className="welcome" aria-labelledby={heading}>
      <h2 id={heading}>Welcome to Ferry Notes</h2>
      <p>What you write is saved on this device as you type, and every version of every note is kept. Nothing here needs a network.</p>
      <ul className="welcome-ways">
        <li>
          <button type="button" className="primary" onClick={onNewNote}>
            Write a note
          </button>
          <span className="muted">{hint('newNote', mac)}</span>
        </li>
        <li>
          <button type="button" onClick={onToday}>
            Start today’s journal entry
          </button>
          <span className="muted">{hint('today', mac)}</span>
        </li>
        <li>
          <button type="button" onClick={onSettings}>
            Bring notes from another device
          </button>
        </li>
      </ul>
      <p className="muted">
        Another device’s notes come through a sync server, or in a bundle file carried on a USB stick: both are set up in Settings. Best before writing here: this device then
        simply takes that device’s journal. One that already has notes can still join it, bringing them along.
      </p>
    </section>
  );
}
