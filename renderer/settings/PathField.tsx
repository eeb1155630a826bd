// A path on the machine the engine runs on: typed, or — in the desktop app, which has the
// system's file dialogs (hostFeatures) — chosen with "Choose…". In a browser there is no button:
// a page cannot name a file on the disk, so the path is typed.

import { useState } from 'react';
import type { FerryApi } from '../../shared/app-client.js';
import type { CallResult, PathPurpose } from '../../shared/app-contract.js';
import { useFerry, useLoad } from '../api/ferry-context.js';
import { errorWords } from '../ui/error-words.js';
import { Field } from './settings-parts.js';

export interface PathFieldProps {
  label: string;
  value: string;
  onChange: (path: string) => void;
  placeholder: string;
  purpose: PathPurpose;
  /** The file name the save dialog proposes. */
  suggestedName?: string;
}

/** What the host can do, asked once per connection (Settings has several path fields). */
const features = new WeakMap<FerryApi, Promise<CallResult<'hostFeatures'>>>();
function hostFeaturesOf(api: FerryApi): Promise<CallResult<'hostFeatures'>> {
  let asked = features.get(api);
  if (asked === undefined) features.set(api, (asked = api.hostFeatures()));
  return asked;
}

export function PathField({ label, value, onChange, placeholder, purpose, suggestedName }: PathFieldProps) {
  const api = useFerry();
  const host = useLoad(hostFeaturesOf, [], { onEvents: [] });
  const [error, setError] = useState<string | null>(null);
  const choose = () => {
    setError(null);
    api
      .choosePath(suggestedName === undefined ? { purpose } : { purpose, suggestedName })
      .then(({ path }) => {
        if (path !== null) onChange(path);
      })
      .catch((failure: unknown) => setError(errorWords(failure)));
  };
  return (
    <Field label={label}>
      {(id) => (
        <span className="settings-path-field">
          <input id={id} type="text" spellCheck={false} value={value} onChange={(e) => onChange(e.target.value)} placeholder={placeholder} />
          {host.value?.fileDialogs === true && (
            <button type="button" onClick={choose} aria-label={`Choose: ${label}`}>
              Choose…
            </button>
          )}
          {error !== null && <span className="error-text">{error}</span>}
        </span>
      )}
    </Field>
  );
}
