// Settings: this device's name and ids, the sync server, exchange folders, bundles by hand, and the
// theme. Every action says what it is doing while it runs and then what came of it, in words,
// beside its button; the journal's settings shown are always the engine's latest answer.

import { useCallback, useEffect, useId, useState, type ReactNode, type SubmitEvent } from 'react';
import { useEvent, useFerry, useLoad } from '../api/ferry-context.js';
import type { Peer, Settings } from '../api/types.js';
import { ago, fullTime } from '../ui/time.js';
import type { Theme } from './theme.js';
import './settings.css';
import { errorWords } from '../ui/error-words.js';

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
  // An exchange folder was looked at: its last scan (or error) changed.
  useEvent('bundleImported', load);

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

type SectionProps = { settings: Settings; onSettings: (settings: Settings) => void };

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
        <button type="submit" disabled={action.running !== null}>
          {action.running === 'save' ? 'Saving…' : 'Save'}
        </button>
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

function ServerSection({ settings, onSettings }: SectionProps) {
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
      const result = await api.testConnection({ url: needUrl(), token });
      return result.holdsThisJournal ? 'Connected: the server holds this journal' : 'Connected; the journal will be created on the first sync';
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
          <button type="button" onClick={test} disabled={action.running !== null}>
            {action.running === 'test' ? 'Testing…' : 'Test connection'}
          </button>
          <button type="submit" className="primary" disabled={action.running !== null}>
            {action.running === 'save' ? 'Saving…' : 'Save'}
          </button>
          {remote !== null && (
            <button type="button" className="danger" onClick={remove} disabled={action.running !== null}>
              {action.running === 'remove' ? 'Removing…' : 'Remove'}
            </button>
          )}
          <Outcome action={action} />
        </div>
      </form>
    </Section>
  );
}

function FoldersSection({ settings, onSettings }: SectionProps) {
  const api = useFerry();
  const action = useAction();
  const [path, setPath] = useState('');
  const now = Date.now();

  const add = (event: SubmitEvent) => {
    event.preventDefault();
    action.run('add', async () => {
      const folder = path.trim();
      if (folder === '') throw new Error('Type the folder’s path first.');
      onSettings(await api.addExchangeFolder({ path: folder }));
      setPath('');
      return `Added ${folder}: bundles found there are imported, and this device’s bundle is kept there.`;
    });
  };

  const remove = (folder: string) =>
    action.run(`remove ${folder}`, async () => {
      onSettings(await api.removeExchangeFolder({ path: folder }));
      return `Removed ${folder}: Ferry no longer looks there. The files in it are left as they are.`;
    });

  return (
    <Section title="Exchange folders">
      <p className="muted">
        An exchange folder is a folder on a USB stick or a synced folder: bundles from other devices found there are imported, and this device’s bundle is kept up to date there.
      </p>
      {settings.exchangeFolders.length === 0 ? (
        <p className="muted">No exchange folder yet.</p>
      ) : (
        <ul className="settings-folders">
          {settings.exchangeFolders.map((folder) => (
            <li key={folder.path}>
              <code className="settings-path">{folder.path}</code>
              <span className="muted" title={folder.lastScan === null ? undefined : fullTime(folder.lastScan)}>
                {folder.lastScan === null ? 'not looked at yet' : `looked ${ago(folder.lastScan, now)}`}
              </span>
              {folder.lastError !== null && <span className="error-text">{folder.lastError}</span>}
              <button type="button" onClick={() => remove(folder.path)} disabled={action.running !== null}>
                {action.running === `remove ${folder.path}` ? 'Removing…' : 'Remove'}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="settings-row" onSubmit={add}>
        <Field label="Folder path">{(id) => <input id={id} type="text" spellCheck={false} value={path} onChange={(e) => setPath(e.target.value)} placeholder="/media/usb/ferry" />}</Field>
        <button type="submit" disabled={action.running !== null}>
          {action.running === 'add' ? 'Adding…' : 'Add folder'}
        </button>
        <Outcome action={action} />
      </form>
    </Section>
  );
}

function BundlesSection() {
  const api = useFerry();
  const peers = useLoad((a) => a.peers(), [], { onEvents: ['bundleImported'] });
  const exporting = useAction();
  const importing = useAction();
  const [exportPath, setExportPath] = useState('');
  const [peer, setPeer] = useState('');
  const [importPath, setImportPath] = useState('');
  const others = (peers.value ?? []).filter((p) => !p.self);
  const chosen = others.find((p) => p.replicaId === peer);

  const exportBundle = (event: SubmitEvent) => {
    event.preventDefault();
    exporting.run('export', async () => {
      const path = exportPath.trim();
      if (path === '') throw new Error('Type where to write the bundle: a file, or a folder such as a USB stick.');
      const made = await api.exportBundle(peer === '' ? { path } : { path, peer });
      return `Wrote ${count(made.versions, 'version')} (${size(made.bytes)}) to ${made.file}`;
    });
  };

  const importBundle = (event: SubmitEvent) => {
    event.preventDefault();
    importing.run('import', async () => {
      const path = importPath.trim();
      if (path === '') throw new Error('Type the path of the bundle file (a .ferry file).');
      const result = await api.importBundle({ path });
      peers.reload();
      return result.stored === 0 ? 'Nothing new: this journal already holds all of it' : `Imported ${count(result.stored, 'version')} changing ${count(result.notes, 'note')}`;
    });
  };

  return (
    <Section title="Bundles">
      <p className="muted">A bundle is a file that carries versions to a device by hand, on a USB stick or any other way. Paths are on the machine Ferry’s engine runs on.</p>
      <form className="settings-form" onSubmit={exportBundle}>
        <h3>Export</h3>
        <Field label="Export to (file or folder)">
          {(id) => <input id={id} type="text" spellCheck={false} value={exportPath} onChange={(e) => setExportPath(e.target.value)} placeholder="/media/usb/" />}
        </Field>
        <Field label="Bundle holds">
          {(id) => (
            <select id={id} value={peer} onChange={(e) => setPeer(e.target.value)}>
              <option value="">Everything (a full bundle)</option>
              {others.map((p) => (
                <option key={p.replicaId} value={p.replicaId}>
                  {`What ${peerName(p)} lacks`}
                </option>
              ))}
            </select>
          )}
        </Field>
        {chosen?.behind === null && <p className="muted">Ferry never heard what {peerName(chosen)} holds, so this bundle holds everything.</p>}
        <div className="settings-row">
          <button type="submit" disabled={exporting.running !== null}>
            {exporting.running === null ? 'Export bundle' : 'Exporting…'}
          </button>
          <Outcome action={exporting} />
        </div>
      </form>
      <form className="settings-form" onSubmit={importBundle}>
        <h3>Import</h3>
        <Field label="Bundle file">{(id) => <input id={id} type="text" spellCheck={false} value={importPath} onChange={(e) => setImportPath(e.target.value)} placeholder="/media/usb/laptop.ferry" />}</Field>
        <div className="settings-row">
          <button type="submit" disabled={importing.running !== null}>
            {importing.running === null ? 'Import bundle' : 'Importing…'}
          </button>
          <Outcome action={importing} />
        </div>
      </form>
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

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="settings-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** A visible label tied to its control. */
function Field({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <span className="settings-field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </span>
  );
}

interface Action {
  /** Which of the section's actions runs, or null. */
  running: string | null;
  outcome: { ok: boolean; text: string } | null;
  /** Runs `work` (which returns what came of it in words); an error becomes its message. */
  run: (key: string, work: () => Promise<string>) => void;
}

function useAction(): Action {
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
  return { running, outcome, run };
}

function Outcome({ action }: { action: Action }) {
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

function peerName(peer: Peer): string {
  return peer.deviceName ?? `unnamed device ${peer.replicaId.slice(0, 8)}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function size(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
