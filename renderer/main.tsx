// Entry point: connect to the backend (Electron preload or the web bridge), then render.
// If no connection can be made, the whole page explains why instead of showing a broken UI.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectApi, type ConnectionProblem } from './bridge';
import { ConnectionError } from './features/status/ConnectionError';
import './styles/index.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
const root = createRoot(container);

connectApi().then(
  (api) => {
    root.render(
      <StrictMode>
        <App api={api} />
      </StrictMode>,
    );
  },
  (error: unknown) => {
    const problem = (error as { details?: { problem?: ConnectionProblem } } | null)?.details?.problem;
    root.render(<ConnectionError message={error instanceof Error ? error.message : String(error)} problem={problem} />);
  },
);
