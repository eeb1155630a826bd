// Settings: the sync server, its address and token, a test of the connection, and sync paused
// or running.

import { useState, type SubmitEvent } from 'react';
import { useFerry } from '../api/ferry-context.js';
import { connectionWords } from './connection-words.js';
import { ActionButton, Section, Field, useAction, Outcome, type SectionProps } from './settings-parts.js';

export function ServerSection({ settings, onSettings }: SectionProps) {
  const api = useFerry();
  const action = useAction();
  const [url, setUrl] = useState<string | null>(null);
  const [token, setToken] = useState('');
  const remote = settings.remote;
  const urlValue = url ?? remote?.url ?? '';

  const needUrl = (): string => {
    const trimmed = urlValue.trim();
    if (trimmed === '') throw new Error('Type the sync server’s URL first (for example https://sync.example.org).');
    return trimmed;
  };

  const test = () =>
    action.run('test', async () => {
      const words = connectionWords(await api.testConnection({ url: needUrl(), token }));
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
      setUrl(null);
      setToken('');
      return `Saved: this device syncs with ${next.remote?.url ?? serverUrl}.`;
    });
  };

  const remove = () =>
    action.run('remove', async () => {
      const next = await api.removeRemote();
      onSettings(next);
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
    </Section>
  );
}
