// Settings: the sync server, its address and token, a test of the connection (which says what
// saving would do), and, for a token of another journal on a device with notes of its own, the
// offer to join that journal bringing them.

import { useState, type SubmitEvent } from 'react';
import { useFerry } from '../api/ferry-context.js';
import { connectionWords } from './connection-words.js';
import { ActionButton, Section, Field, useAction, Outcome, count, type SectionProps } from './settings-parts.js';

export function ServerSection({ settings, onSettings }: SectionProps) {
  const api = useFerry();
  const action = useAction();
  const [url, setUrl] = useState<string | null>(null);
  const [token, setToken] = useState('');
  // A token of another journal, this device having notes of its own: joining it brings them along.
  const [offer, setOffer] = useState<{ url: string; token: string; journalId: string; held: string } | null>(null);
  const joining = useAction();
  const remote = settings.remote;
  const urlValue = url ?? remote?.url ?? '';

  const needUrl = (): string => {
    const trimmed = urlValue.trim();
    if (trimmed === '') throw new Error('Type the sync server’s URL first (for example https://sync.example.org).');
    return trimmed;
  };

  const test = () =>
    action.run('test', async () => {
      setOffer(null);
      const serverUrl = needUrl();
      const result = await api.testConnection({ url: serverUrl, token });
      const words = connectionWords(result);
      if (result.outcome === 'another' && result.journalId !== null) setOffer({ url: serverUrl, token, journalId: result.journalId, held: result.heldHere ?? 'notes' });
      if (words.problem) throw new Error(words.text);
      return words.text;
    });

  const save = (event: SubmitEvent) => {
    event.preventDefault();
    action.run('save', async () => {
      const serverUrl = needUrl();
      if (token === '') {
        throw new Error(remote?.hasToken === true ? 'Type the token again to save: Ferry never shows the one it keeps.' : 'Type the token the sync server gave you.');
      }
      const next = await api.setRemote({ url: serverUrl, token });
      onSettings(next);
      setOffer(null);
      setUrl(null);
      setToken('');
      return `Saved: this device syncs with ${next.remote?.url ?? serverUrl}.`;
    });
  };

  const join = () =>
    joining.run('join', async () => {
      if (offer === null) return '';
      const joined = await api.joinJournal({ url: offer.url, token: offer.token, journalId: offer.journalId });
      onSettings(joined.settings);
      setOffer(null);
      // What Test connection said (another journal) is no longer so.
      action.clear();
      setUrl(null);
      setToken('');
      return `Joined journal ${offer.journalId.slice(0, 8)}, bringing ${count(joined.carried, 'note')}. This device’s journal as it was is kept, to read from, in ${joined.keptCopy}.`;
    });

  const remove = () =>
    action.run('remove', async () => {
      const next = await api.removeRemote();
      onSettings(next);
      setOffer(null);
      setUrl(null);
      setToken('');
      return 'Removed: this device no longer syncs with a server. Its notes stay here.';
    });

  return (
    <Section title="Sync server">
      <p className="settings-current">
        {remote === null ? (
          'No sync server set: this journal is kept on this device, and travels by bundle.'
        ) : (
          <>
            Syncing with <code>{remote.url}</code>; {remote.hasToken ? 'a token is set.' : 'no token is set.'}
          </>
        )}
      </p>
      <form className="settings-form" onSubmit={save}>
        <Field label="Server URL">
          {(id) => <input id={id} type="text" inputMode="url" autoComplete="url" spellCheck={false} value={urlValue} onChange={(e) => setUrl(e.target.value)} placeholder="https://sync.example.org" />}
        </Field>
        <Field label="Token">
          {(id) => (
            <input
              id={id}
              type="password"
              autoComplete="off"
              value={token}
              onChange={(e) => setToken(e.target.value)}
              placeholder={remote?.hasToken === true ? 'a token is set; type one to change it' : 'the token the server gave you'}
            />
          )}
        </Field>
        <div className="settings-row">
          <ActionButton action={action} run="test" label="Test connection" busy="Testing…" onClick={test} />
          <ActionButton action={action} run="save" label="Save" busy="Saving…" type="submit" className="primary" />
          {remote !== null && (
            <ActionButton action={action} run="remove" label="Remove" busy="Removing…" className="danger" onClick={remove} />
          )}
          <Outcome action={action} />
        </div>
      </form>
      {offer !== null && (
        <div className="settings-offer">
          <p>
            Or join journal {offer.journalId.slice(0, 8)} and bring this device’s {offer.held} into it: each note goes with its latest text, and its history here stays in a copy of this
            journal, kept beside it to read from.
          </p>
          <div className="settings-row">
            <ActionButton action={joining} run="join" label={`Join journal ${offer.journalId.slice(0, 8)}, bringing ${offer.held}`} busy="Joining…" onClick={join} />
          </div>
        </div>
      )}
      <div className="settings-row">
        <Outcome action={joining} />
      </div>
    </Section>
  );
}
