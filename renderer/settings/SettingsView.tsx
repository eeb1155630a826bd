// Settings: this device's name and ids, the sync server, exchange folders, bundles by hand, and the
// theme. Every action says what it is doing while it runs and then what came of it, in words,
// beside its button; the journal's settings shown are always the engine's latest answer.

import { useCallback, useEffect, useId, useState, type SubmitEvent } from 'react';
import { useEvent, useFerry } from '../api/ferry-context.js';
import type { Settings } from '../api/types.js';
import { errorWords } from '../ui/error-words.js';
import { BundlesSection } from './BundlesSection.js';
import { FoldersSection } from './FoldersSection.js';
import { ServerSection } from './ServerSection.js';
import { ActionButton, Section, Field, useAction, Outcome, type SectionProps } from './settings-parts.js';
import type { Theme } from './theme.js';
import './settings.css';

export function SettingsView(props: { theme: Theme; onTheme(theme: Theme): void }) {
  const api = useFerry();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const load = useCallback(() => {
    api.settings().then(
      (loaded) => {
        setSettings(loaded);
        setLoadError(null);
      },
      (error: unknown) => setLoadError(errorWords(error)),
    );
  }, [api]);
  useEffect(load, [load]);
  // Something happened in an exchange folder: what it did last (or what is wrong) changed.
  useEvent('exchangeFolderChanged', load);
  // `ferry remote set` or `ferry exchange add` in a terminal while this is open.
  useEvent('settingsChanged', load);

  return (
    <div className="settings-view">
      <h1>Settings</h1>
      {settings === null ? (
        loadError === null ? (
          <p className="muted">Loading settings…</p>
        ) : (
          <p role="alert" className="error-text">
            {loadError}{' '}
            <button type="button" onClick={load}>
              Try again
            </button>
          </p>
        )
      ) : (
        <>
          <DeviceSection settings={settings} onSettings={setSettings} />
          <ServerSection settings={settings} onSettings={setSettings} />
          <FoldersSection settings={settings} onSettings={setSettings} />
        </>
      )}
      <BundlesSection />
      <AppearanceSection theme={props.theme} onTheme={(theme) => props.onTheme(theme)} />
    </div>
  );
}

function DeviceSection({ settings, onSettings }: SectionProps) {
  const api = useFerry();
  const action = useAction();
  const [name, setName] = useState<string | null>(null);
  const value = name ?? settings.deviceName;

  const save = (event: SubmitEvent) => {
    event.preventDefault();
    action.run('save', async () => {
      const trimmed = value.trim();
      if (trimmed === '') throw new Error('A device name cannot be empty: other devices show it in their lists.');
      const next = await api.setDeviceName({ name: trimmed });
      onSettings(next);
      setName(null);
      return `Saved: other devices see “${next.deviceName}” after the next sync or bundle.`;
    });
  };

  return (
    <Section title="This device">
      <form className="settings-row" onSubmit={save}>
        <Field label="Device name">{(id) => <input id={id} value={value} maxLength={200} onChange={(e) => setName(e.target.value)} />}</Field>
        <ActionButton action={action} run="save" label="Save" busy="Saving…" type="submit" />
        <Outcome action={action} />
      </form>
      <dl className="settings-ids">
        <dt>Journal id</dt>
        <dd>
          <code>{settings.journalId}</code>
        </dd>
        <dt>This device’s replica id</dt>
        <dd>
          <code>{settings.replicaId}</code>
        </dd>
      </dl>
    </Section>
  );
}

function AppearanceSection({ theme, onTheme }: { theme: Theme; onTheme: (theme: Theme) => void }) {
  const name = useId();
  const choices: [Theme, string][] = [
    ['light', 'Light'],
    ['dark', 'Dark'],
    ['system', 'Follow the system'],
  ];
  return (
    <Section title="Appearance">
      <fieldset className="settings-choices">
        <legend>Theme</legend>
        {choices.map(([value, label]) => (
          <label key={value}>
            <input type="radio" name={name} value={value} checked={theme === value} onChange={() => onTheme(value)} /> {label}
          </label>
        ))}
      </fieldset>
    </Section>
  );
}

