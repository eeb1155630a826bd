// The renderer's entry: connect to the engine (desktop bridge or web host) and start the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connect } from './api/connect.js';
import { FerryProvider } from './api/ferry-context.js';
import { App } from './app/App.js';
import './app/app.css';
import { applyTheme, loadTheme } from './settings/theme.js';

// Before the first paint, so a dark theme does not flash white.
applyTheme(loadTheme());

const connection = connect();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <FerryProvider api={connection.api}>
      <App connection={connection} />
    </FerryProvider>
  </StrictMode>,
);
