// @vitest-environment jsdom
// Settings: each action calls the engine and says what came of it (or what went wrong) in words
// beside its button; the theme is chosen, kept and applied.
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FerryError } from '../../shared/errors.js';
import { FerryProvider } from '../api/ferry-context.js';
import type { Peer, Settings } from '../api/types.js';
import { fakeApi, type FakeHandlers } from '../testing/fake-api.js';
import { SettingsView } from './SettingsView.js';
import { applyTheme, loadTheme, saveTheme, themeKey, type Theme } from './theme.js';

const journalId = 'a1'.repeat(16);
const replicaId = 'b2'.repeat(16);
const laptopId = 'c3'.repeat(16);

const settings = (change: Partial<Settings> = {}): Settings => ({
  journalId,
  replicaId,
  deviceName: 'desk',
  remote: null,
  exchangeFolders: [],
  ...change,
});

const peers: Peer[] = [
  { replicaId, deviceName: 'desk', self: true, behind: 0, ahead: 0, lastHeard: null, source: null },
  { replicaId: laptopId, deviceName: 'laptop', self: false, behind: 3, ahead: 0, lastHeard: Date.now() - 60_000, source: '/media/usb/laptop.ferry' },
];

function setup(handlers: FakeHandlers, theme: Theme = 'system') {
  const fake = fakeApi({ settings: () => settings(), peers: () => peers, ...handlers });
  const onTheme = vi.fn();
  render(
    <FerryProvider api={fake.api}>
      <SettingsView theme={theme} onTheme={onTheme} />
    </FerryProvider>,
  );
  const section = async (name: string) => within(await screen.findByRole('region', { name }));
  return { calls: fake.calls, onTheme, section, emit: (...args: Parameters<typeof fake.emit>) => fake.emit(...args) };
}

describe('SettingsView: this device', () => {
  it('shows the ids and saves a new device name', async () => {
    const { section, calls } = setup({ setDeviceName: ({ name }: { name: string }) => settings({ deviceName: name }) });
    const device = await section('This device');
    expect(device.getByText(journalId)).toBeTruthy();
    expect(device.getByText(replicaId)).toBeTruthy();
    const input = device.getByLabelText<HTMLInputElement>('Device name');
    expect(input.value).toBe('desk');
    fireEvent.change(input, { target: { value: '  kitchen  ' } });
    fireEvent.click(device.getByRole('button', { name: 'Save' }));
    expect(device.getByRole('button', { name: 'Saving…' })).toBeTruthy();
    expect(await device.findByText(/^Saved: other devices see “kitchen”/u)).toBeTruthy();
    expect(calls.find((c) => c.name === 'setDeviceName')?.args).toEqual({ name: 'kitchen' });
    expect(input.value).toBe('kitchen');
  });

  it('refuses an empty name in words without calling the engine', async () => {
    const { section, calls } = setup({});
    const device = await section('This device');
    fireEvent.change(device.getByLabelText('Device name'), { target: { value: '   ' } });
    fireEvent.click(device.getByRole('button', { name: 'Save' }));
    expect((await device.findByRole('alert')).textContent).toMatch(/cannot be empty/u);
    expect(calls.some((c) => c.name === 'setDeviceName')).toBe(false);
  });
});

describe('SettingsView: sync server', () => {
  const laptops = 'ed6b5adfd42ebb9715a630986ad249ab';
  it.each([
    [{ outcome: 'holds', journalId: null, versions: 1204, journals: 1, heldHere: '3 notes' }, 'status', 'Connected: the server holds this journal (1,204 versions)'],
    [{ outcome: 'creates', journalId: null, versions: 0, journals: 1, heldHere: '3 notes' }, 'status', 'Connected: the server takes this journal on the first sync'],
    [{ outcome: 'joins', journalId: laptops, versions: 1204, journals: 1, heldHere: null }, 'status', 'Connected: save, and this device joins journal ed6b5adf and brings its 1,204 versions here'],
    [{ outcome: 'joins', journalId: laptops, versions: 0, journals: 1, heldHere: null }, 'status', 'Connected: save, and this device joins journal ed6b5adf, which the server holds nothing of yet'],
    [{ outcome: 'several', journalId: null, versions: 0, journals: 2, heldHere: null }, 'alert', 'Connected, but this token opens 2 journals: this device can join one, so use a token for just that one'],
    [
      { outcome: 'another', journalId: laptops, versions: 0, journals: 1, heldHere: '3 notes' },
      'alert',
      'Connected, but this token opens journal ed6b5adf, not this device’s, which has 3 notes of its own. Use a token for this journal, or join that one below.',
    ],
    [{ outcome: 'none', journalId: null, versions: 0, journals: 0, heldHere: null }, 'alert', 'Connected, but this token opens no journal: make one for this journal on the server'],
  ] as const)('tests a connection and says what saving would do ($0.outcome)', async (answer, role, words) => {
    const { section, calls } = setup({ testConnection: () => answer });
    const server = await section('Sync server');
    fireEvent.change(server.getByLabelText('Server URL'), { target: { value: 'https://sync.example.org' } });
    fireEvent.change(server.getByLabelText('Token'), { target: { value: 's3cret' } });
    fireEvent.click(server.getByRole('button', { name: 'Test connection' }));
    expect(await server.findByText(words)).toBeTruthy();
    if (role === 'alert') expect((await server.findByRole('alert')).textContent).toBe(words);
    else expect(server.queryByRole('alert')).toBeNull();
    expect(calls.find((c) => c.name === 'testConnection')?.args).toEqual({ url: 'https://sync.example.org', token: 's3cret' });
  });

  it('offers, for a token of another journal, to join it bringing this device’s notes, and says where the journal as it was is kept', async () => {
    const laptops = 'ed6b5adfd42ebb9715a630986ad249ab';
    const { section, calls } = setup({
      testConnection: () => ({ outcome: 'another', journalId: laptops, versions: 0, journals: 1, heldHere: '3 notes' }),
      joinJournal: ({ url }: { url: string }) => ({ carried: 3, keptCopy: '/home/me/notes/before-joining-ed6b5adf', settings: settings({ journalId: laptops, remote: { url, hasToken: true } }) }),
    });
    const server = await section('Sync server');
    expect(server.queryByRole('button', { name: /^Join journal/u })).toBeNull();
    fireEvent.change(server.getByLabelText('Server URL'), { target: { value: 'https://sync.example.org' } });
    fireEvent.change(server.getByLabelText('Token'), { target: { value: 's3cret' } });
    fireEvent.click(server.getByRole('button', { name: 'Test connection' }));
    fireEvent.click(await server.findByRole('button', { name: 'Join journal ed6b5adf, bringing 3 notes' }));
    expect(await server.findByText('Joined journal ed6b5adf, bringing 3 notes. This device’s journal as it was is kept, to read from, in /home/me/notes/before-joining-ed6b5adf.')).toBeTruthy();
    expect(calls.find((c) => c.name === 'joinJournal')?.args).toEqual({ url: 'https://sync.example.org', token: 's3cret', journalId: laptops });
    expect(server.queryByRole('button', { name: /^Join journal/u })).toBeNull();
    expect(server.getByText(/Syncing with/u)).toBeTruthy();
    expect(server.queryByText(/this token opens journal/u)).toBeNull();
  });

  it('takes the offer to join away once the server is saved instead (this device keeps its journal)', async () => {
    const { section } = setup({
      testConnection: () => ({ outcome: 'another', journalId: 'ed6b5adfd42ebb9715a630986ad249ab', versions: 0, journals: 1, heldHere: '3 notes' }),
      setRemote: ({ url }: { url: string }) => settings({ remote: { url, hasToken: true } }),
    });
    const server = await section('Sync server');
    fireEvent.change(server.getByLabelText('Server URL'), { target: { value: 'https://sync.example.org' } });
    fireEvent.change(server.getByLabelText('Token'), { target: { value: 's3cret' } });
    fireEvent.click(server.getByRole('button', { name: 'Test connection' }));
    expect(await server.findByRole('button', { name: /^Join journal/u })).toBeTruthy();
    fireEvent.click(server.getByRole('button', { name: 'Save' }));
    expect(await server.findByText('Saved: this device syncs with https://sync.example.org.')).toBeTruthy();
    expect(server.queryByRole('button', { name: /^Join journal/u })).toBeNull();
  });

  it('says why a connection failed', async () => {
    const { section } = setup({
      testConnection: () => {
        throw new FerryError('AuthRejected', 'The sync server refused the token.');
      },
    });
    const server = await section('Sync server');
    fireEvent.change(server.getByLabelText('Server URL'), { target: { value: 'https://sync.example.org' } });
    fireEvent.click(server.getByRole('button', { name: 'Test connection' }));
    expect((await server.findByRole('alert')).textContent).toBe('The sync server refused the token.');
  });

  it('saves the server, then shows it and that a token is set, never the token', async () => {
    const { section, calls } = setup({ setRemote: ({ url }: { url: string }) => settings({ remote: { url, hasToken: true } }) });
    const server = await section('Sync server');
    expect(server.getByText(/No sync server set/u)).toBeTruthy();
    expect(server.queryByRole('button', { name: 'Remove' })).toBeNull();
    expect(server.getByLabelText<HTMLInputElement>('Token').type).toBe('password');
    fireEvent.change(server.getByLabelText('Server URL'), { target: { value: 'https://sync.example.org' } });
    fireEvent.change(server.getByLabelText('Token'), { target: { value: 's3cret' } });
    fireEvent.click(server.getByRole('button', { name: 'Save' }));
    expect(await server.findByText('Saved: this device syncs with https://sync.example.org.')).toBeTruthy();
    expect(calls.find((c) => c.name === 'setRemote')?.args).toEqual({ url: 'https://sync.example.org', token: 's3cret' });
    expect(server.getByText(/a token is set/u)).toBeTruthy();
    expect(server.getByLabelText<HTMLInputElement>('Token').value).toBe('');
    expect(document.body.textContent).not.toContain('s3cret');
  });

  it('asks for the token again rather than saving an empty one', async () => {
    const { section, calls } = setup({ settings: () => settings({ remote: { url: 'https://sync.example.org', hasToken: true } }) });
    const server = await section('Sync server');
    expect(server.getByLabelText<HTMLInputElement>('Server URL').value).toBe('https://sync.example.org');
    fireEvent.click(server.getByRole('button', { name: 'Save' }));
    expect((await server.findByRole('alert')).textContent).toMatch(/Type the token again/u);
    expect(calls.some((c) => c.name === 'setRemote')).toBe(false);
  });

  it('removes the server', async () => {
    const { section } = setup({
      settings: () => settings({ remote: { url: 'https://sync.example.org', hasToken: false } }),
      removeRemote: () => settings(),
    });
    const server = await section('Sync server');
    expect(server.getByText(/no token is set/u)).toBeTruthy();
    fireEvent.click(server.getByRole('button', { name: 'Remove' }));
    expect(await server.findByText(/^Removed: this device no longer syncs/u)).toBeTruthy();
    expect(server.getByText(/No sync server set/u)).toBeTruthy();
    expect(server.queryByRole('button', { name: 'Remove' })).toBeNull();
  });

  it('shows a server set in a terminal (`ferry remote set`) while it is open', async () => {
    let current = settings();
    const { section, emit } = setup({ settings: () => current });
    const server = await section('Sync server');
    expect(server.getByText(/No sync server set/u)).toBeTruthy();
    current = settings({ remote: { url: 'https://sync.example.org', hasToken: true } });
    act(() => emit('settingsChanged', {}));
    expect(await server.findByText('https://sync.example.org')).toBeTruthy();
  });
});

describe('SettingsView: exchange folders', () => {
  it('adds a folder and removes it again, showing what was done there last and what is wrong', async () => {
    let folders: Settings['exchangeFolders'] = [];
    const { section, calls } = setup({
      settings: () => settings({ exchangeFolders: folders }),
      addExchangeFolder: ({ path }: { path: string }) => settings({ exchangeFolders: (folders = [{ path, lastImport: { time: Date.now() - 120_000, text: 'Imported 2 versions from “desk” (desk-45d6d47b.ferry)' }, lastWrite: null, lastError: 'The stick was pulled mid-read.' }]) }),
      removeExchangeFolder: () => settings({ exchangeFolders: (folders = []) }),
    });
    const exchange = await section('Exchange folders');
    expect(exchange.getByText(/a folder on a USB stick or a synced folder/u)).toBeTruthy();
    expect(exchange.getByText('No exchange folder yet.')).toBeTruthy();

    fireEvent.change(exchange.getByLabelText('Folder path'), { target: { value: '/media/usb/ferry' } });
    fireEvent.click(exchange.getByRole('button', { name: 'Add folder' }));
    expect(await exchange.findByText(/^Added \/media\/usb\/ferry/u)).toBeTruthy();
    const item = within(exchange.getByRole('listitem'));
    expect(item.getByText('/media/usb/ferry')).toBeTruthy();
    expect(item.getByText('Imported 2 versions from “desk” (desk-45d6d47b.ferry) — 2 min ago')).toBeTruthy();
    expect(item.getByText('The stick was pulled mid-read.')).toBeTruthy();
    expect(exchange.getByLabelText<HTMLInputElement>('Folder path').value).toBe('');

    fireEvent.click(item.getByRole('button', { name: 'Remove' }));
    expect(await exchange.findByText(/^Removed \/media\/usb\/ferry/u)).toBeTruthy();
    expect(exchange.queryByRole('listitem')).toBeNull();
    expect(calls.filter((c) => c.name.endsWith('ExchangeFolder')).map((c) => c.args)).toEqual([{ path: '/media/usb/ferry' }, { path: '/media/usb/ferry' }]);
  });

  it('shows what happens in a folder while Settings is open: a bundle written, one imported, the stick pulled', async () => {
    const path = '/media/usb/ferry';
    let folders: Settings['exchangeFolders'] = [{ path, lastImport: null, lastWrite: null, lastError: null }];
    const { section, emit } = setup({ settings: () => settings({ exchangeFolders: folders }) });
    const exchange = await section('Exchange folders');
    const item = within(exchange.getByRole('listitem'));
    expect(item.getByText('Watched: nothing exchanged there since Ferry started.')).toBeTruthy();

    const wrote = { time: Date.now(), text: 'Wrote this device’s bundle (laptop-d97e6253.ferry): 3 versions for the other devices' };
    folders = [{ path, lastImport: null, lastWrite: wrote, lastError: null }];
    act(() => emit('exchangeFolderChanged', { path }));
    expect(await item.findByText(`${wrote.text} — just now`)).toBeTruthy();
    expect(item.queryByText(/^Watched/u)).toBeNull();

    const imported = { time: Date.now(), text: 'Imported 1 version from “desk” (desk-45d6d47b.ferry)' };
    folders = [{ path, lastImport: imported, lastWrite: wrote, lastError: 'The folder is not there (a USB stick that was pulled?).' }];
    act(() => emit('exchangeFolderChanged', { path }));
    expect(await item.findByText('The folder is not there (a USB stick that was pulled?).')).toBeTruthy();
    expect(item.getByText(`${imported.text} — just now`)).toBeTruthy();
    expect(item.getByText(`${wrote.text} — just now`)).toBeTruthy();
  });

  it('says why a folder could not be added', async () => {
    const { section } = setup({
      addExchangeFolder: () => {
        throw new FerryError('BadInput', 'No folder at /nowhere.');
      },
    });
    const exchange = await section('Exchange folders');
    fireEvent.change(exchange.getByLabelText('Folder path'), { target: { value: '/nowhere' } });
    fireEvent.click(exchange.getByRole('button', { name: 'Add folder' }));
    expect((await exchange.findByRole('alert')).textContent).toBe('No folder at /nowhere.');
  });
});

describe('SettingsView: bundles', () => {
  it('exports everything, or what a peer lacks', async () => {
    const { section, calls } = setup({
      exportBundle: ({ path, peer }: { path: string; peer?: string }) => ({ file: `${path}desk.ferry`, versions: peer === undefined ? 120 : 3, bytes: peer === undefined ? 48_300 : 900, peer: peer === undefined ? null : 'laptop' }),
    });
    const bundles = await section('Bundles');
    const holds = bundles.getByLabelText<HTMLSelectElement>('Bundle holds');
    expect(await bundles.findByRole('option', { name: 'What laptop lacks' })).toBeTruthy();
    expect([...holds.options].map((o) => o.textContent)).toEqual(['Everything (a full bundle)', 'What laptop lacks']);

    fireEvent.change(bundles.getByLabelText('Export to (file or folder)'), { target: { value: '/media/usb/' } });
    fireEvent.click(bundles.getByRole('button', { name: 'Export bundle' }));
    expect(await bundles.findByText('Wrote 120 versions (48.3 kB) to /media/usb/desk.ferry')).toBeTruthy();

    fireEvent.change(holds, { target: { value: laptopId } });
    fireEvent.click(bundles.getByRole('button', { name: 'Export bundle' }));
    expect(await bundles.findByText('Wrote 3 versions (900 bytes) to /media/usb/desk.ferry')).toBeTruthy();
    expect(calls.filter((c) => c.name === 'exportBundle').map((c) => c.args)).toEqual([{ path: '/media/usb/' }, { path: '/media/usb/', peer: laptopId }]);
  });

  it.each([
    [{ run: 4, stored: 12, alreadyHeld: 0, notes: 5, carried: null }, 'Imported 12 versions changing 5 notes'],
    [{ run: 5, stored: 1, alreadyHeld: 2, notes: 1, carried: null }, 'Imported 1 version changing 1 note'],
    [{ run: null, stored: 0, alreadyHeld: 12, notes: 0, carried: null }, 'Nothing new: this journal already holds all of it'],
  ])('imports a bundle and says what it brought (%#)', async (result, words) => {
    const { section, calls } = setup({ importBundle: () => result });
    const bundles = await section('Bundles');
    fireEvent.change(bundles.getByLabelText('Bundle file'), { target: { value: '/media/usb/laptop.ferry' } });
    fireEvent.click(bundles.getByRole('button', { name: 'Import bundle' }));
    expect(await bundles.findByText(words)).toBeTruthy();
    expect(calls.find((c) => c.name === 'importBundle')?.args).toEqual({ path: '/media/usb/laptop.ferry' });
  });

  it('says why a bundle was refused', async () => {
    let finish: () => void = () => undefined;
    const { section } = setup({
      importBundle: () =>
        new Promise((_resolve, reject) => {
          finish = () => reject(new FerryError('BundleDamaged', 'laptop.ferry is damaged (its checksum does not match): nothing was imported.'));
        }),
    });
    const bundles = await section('Bundles');
    fireEvent.change(bundles.getByLabelText('Bundle file'), { target: { value: '/media/usb/laptop.ferry' } });
    fireEvent.click(bundles.getByRole('button', { name: 'Import bundle' }));
    const busy = await bundles.findByRole<HTMLButtonElement>('button', { name: 'Importing…' });
    expect(busy.disabled).toBe(true);
    act(() => finish());
    expect((await bundles.findByRole('alert')).textContent).toBe('laptop.ferry is damaged (its checksum does not match): nothing was imported.');
    expect(bundles.getByRole<HTMLButtonElement>('button', { name: 'Import bundle' }).disabled).toBe(false);
  });
});

describe('SettingsView: another journal’s bundle on a device with notes of its own', () => {
  it('offers to join that journal bringing this device’s notes, and says where the journal as it was is kept', async () => {
    const asked: unknown[] = [];
    const { section } = setup({
      importBundle: (args: { path: string; join?: boolean }) => {
        asked.push(args);
        if (args.join !== true) throw new FerryError('JournalMismatch', '/media/usb/laptop.ferry belongs to another journal (ed6b5adf, written by "laptop"); this one is b7ac3982. This one already has 3 notes of its own: …');
        return { run: 1, stored: 41, alreadyHeld: 0, notes: 12, carried: { notes: 3, keptCopy: '/home/me/notes/before-joining-ed6b5adf' } };
      },
    });
    const bundles = await section('Bundles');
    fireEvent.change(bundles.getByLabelText('Bundle file'), { target: { value: '/media/usb/laptop.ferry' } });
    fireEvent.click(bundles.getByRole('button', { name: 'Import bundle' }));
    expect((await bundles.findByRole('alert')).textContent).toContain('belongs to another journal');
    fireEvent.click(await bundles.findByRole('button', { name: 'Join its journal, bringing this device’s notes' }));
    expect(await bundles.findByText('Joined its journal, bringing 3 notes, and imported 41 versions. This device’s journal as it was is kept, to read from, in /home/me/notes/before-joining-ed6b5adf.')).toBeTruthy();
    expect(asked).toEqual([{ path: '/media/usb/laptop.ferry' }, { path: '/media/usb/laptop.ferry', join: true }]);
    expect(bundles.queryByRole('button', { name: /^Join its journal/u })).toBeNull();
  });
});

describe('SettingsView: paths chosen in the system’s dialogs (the desktop app)', () => {
  it('each path field has Choose…, which fills it with what the person picked, and leaves it when they cancel', async () => {
    const picked: Record<string, string | null> = { importBundle: '/media/usb/laptop.ferry', exportBundle: '/media/usb/for-laptop.ferry', exchangeFolder: null };
    const { section, calls } = setup({ hostFeatures: () => ({ fileDialogs: true }), choosePath: ({ purpose }: { purpose: string }) => ({ path: picked[purpose] ?? null }) });
    const bundles = await section('Bundles');
    fireEvent.click(await bundles.findByRole('button', { name: 'Choose: Bundle file' }));
    await vi.waitFor(() => expect(bundles.getByLabelText<HTMLInputElement>('Bundle file').value).toBe('/media/usb/laptop.ferry'));
    fireEvent.click(bundles.getByRole('button', { name: 'Choose: Export to (file or folder)' }));
    await vi.waitFor(() => expect(bundles.getByLabelText<HTMLInputElement>('Export to (file or folder)').value).toBe('/media/usb/for-laptop.ferry'));
    // The save dialog proposes a name saying which device wrote it, on which day (the desktop menu's Export bundle… proposes the same).
    expect(calls.find((c) => c.name === 'choosePath' && (c.args as { purpose: string }).purpose === 'exportBundle')?.args).toEqual({ purpose: 'exportBundle', suggestedName: expect.stringMatching(/^desk-\d{4}-\d{2}-\d{2}\.ferry$/u) });

    const folders = await section('Exchange folders');
    const folder = folders.getByLabelText<HTMLInputElement>('Folder path');
    fireEvent.change(folder, { target: { value: '/media/usb/ferry' } });
    fireEvent.click(folders.getByRole('button', { name: 'Choose: Folder path' }));
    await vi.waitFor(() => expect(calls.filter((c) => c.name === 'choosePath')).toHaveLength(3));
    expect(folder.value).toBe('/media/usb/ferry');
  });

  it('in a browser there is no Choose…: the path is typed', async () => {
    const { section, calls } = setup({ hostFeatures: () => ({ fileDialogs: false }) });
    const bundles = await section('Bundles');
    await vi.waitFor(() => expect(calls.some((c) => c.name === 'hostFeatures')).toBe(true));
    expect(bundles.getByLabelText('Bundle file')).toBeTruthy();
    expect(bundles.queryByRole('button', { name: /^Choose/u })).toBeNull();
  });
});

describe('SettingsView: appearance', () => {
  afterEach(() => {
    localStorage.clear();
    delete document.documentElement.dataset.theme;
  });

  it('offers the three themes with the current one checked, and tells the choice', async () => {
    const { section, onTheme } = setup({}, 'dark');
    const appearance = await section('Appearance');
    const group = within(appearance.getByRole('group', { name: 'Theme' }));
    expect(group.getByRole<HTMLInputElement>('radio', { name: 'Dark' }).checked).toBe(true);
    fireEvent.click(group.getByRole('radio', { name: 'Follow the system' }));
    expect(onTheme).toHaveBeenCalledWith('system');
    fireEvent.click(group.getByRole('radio', { name: 'Light' }));
    expect(onTheme).toHaveBeenLastCalledWith('light');
  });

  it('switches the theme when the app keeps the choice', async () => {
    function App() {
      const [theme, setTheme] = useState<Theme>(() => loadTheme());
      return (
        <FerryProvider api={fakeApi({ settings: () => settings(), peers: () => peers }).api}>
          <SettingsView
            theme={theme}
            onTheme={(next) => {
              saveTheme(next);
              applyTheme(next);
              setTheme(next);
            }}
          />
        </FerryProvider>
      );
    }
    render(<App />);
    const group = within(await screen.findByRole('group', { name: 'Theme' }));
    expect(group.getByRole<HTMLInputElement>('radio', { name: 'Follow the system' }).checked).toBe(true);
    fireEvent.click(group.getByRole('radio', { name: 'Dark' }));
    expect(group.getByRole<HTMLInputElement>('radio', { name: 'Dark' }).checked).toBe(true);
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(localStorage.getItem(themeKey)).toBe('dark');
    fireEvent.click(group.getByRole('radio', { name: 'Follow the system' }));
    expect(document.documentElement.dataset.theme).toBeUndefined();
    expect(loadTheme()).toBe('system');
  });

  it('loads, saves and applies a theme, and falls back to the system for anything else', () => {
    expect(loadTheme()).toBe('system');
    saveTheme('light');
    expect(loadTheme()).toBe('light');
    localStorage.setItem(themeKey, 'purple');
    expect(loadTheme()).toBe('system');
    expect(loadTheme({ getItem: () => { throw new Error('blocked'); } })).toBe('system');
    expect(() => saveTheme('dark', { setItem: () => { throw new Error('full'); } })).not.toThrow();
    applyTheme('light');
    expect(document.documentElement.dataset.theme).toBe('light');
    applyTheme('system');
    expect(document.documentElement.dataset.theme).toBeUndefined();
  });
});

describe('SettingsView: loading', () => {
  it('says when the settings cannot be read, and tries again', async () => {
    let fail = true;
    setup({
      settings: () => {
        if (fail) throw new FerryError('JournalBusy', 'The journal is busy.');
        return settings();
      },
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/The journal is busy\./u);
    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('region', { name: 'This device' })).toBeTruthy();
  });
});
