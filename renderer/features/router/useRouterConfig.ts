// router.json in the editor: the saved text, the user's draft (shared by the structured and JSON views),
// validation of the draft by the main process (the same parser the router uses, so errors carry the
// same JSON paths), save/revert, and the port shortcut.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppErrorData } from '../../../shared/api/errors';
import type { RouterConfigIssue, RouterConfigView, RouterValidation } from '../../../shared/api/router-contract';
import { useApi } from '../api/ApiContext';
import { editDoc, setFirstPort } from './config-doc';
import { routerDraftKeeper, type DraftKeeper } from './draft-keeper';

const VALIDATE_DELAY_MS = 250;

export interface RouterConfigState {
  config: RouterConfigView | null;
  draft: string;
  setDraft: (text: string) => void;
  dirty: boolean;
  /** Validation of the draft (of the saved config while the draft is unchanged). */
  validation: RouterValidation | null;
  saving: boolean;
  error: AppErrorData | null;
  save: () => Promise<boolean>;
  revert: () => void;
  setPort: (port: number) => Promise<boolean>;
  reload: () => Promise<void>;
  dismissError: () => void;
}

/** Issues from a refused save (details.issues of INVALID_ARGUMENT). */
export function issuesOf(error: AppErrorData | null): RouterConfigIssue[] {
  const issues = error?.details?.issues;
  return Array.isArray(issues) ? (issues as RouterConfigIssue[]) : [];
}

export function useRouterConfig(keeper: DraftKeeper = routerDraftKeeper): RouterConfigState {
  const api = useApi();
  const [config, setConfig] = useState<RouterConfigView | null>(null);
  const [draft, setDraftState] = useState('');
  const [validation, setValidation] = useState<RouterValidation | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);
  const validateRun = useRef(0);

  const adopt = useCallback((view: RouterConfigView) => {
    setConfig(view);
    setDraftState(view.text);
    setValidation(view);
  }, []);

  const load = useCallback(async (): Promise<RouterConfigView | null> => {
    const r = await api.router.getConfig();
    if (!r.ok) {
      setError(r.error);
      return null;
    }
    adopt(r.value);
    return r.value;
  }, [api, adopt]);
  const reload = useCallback(async () => void (await load()), [load]);

  // First load: bring back the unsaved draft left when the screen was last unmounted (section switch).
  useEffect(() => {
    let live = true;
    void load().then((view) => {
      // Unmounted meanwhile: leave the kept draft for the next mount.
      if (!live || !view) return;
      const kept = keeper.take(view.text);
      if (kept !== null) setDraftState(kept);
    });
    return () => {
      live = false;
    };
  }, [load, keeper]);

  // On unmount, keep an unsaved draft for the next mount (latest values via a ref: cleanup runs once).
  const latest = useRef({ config, draft });
  latest.current = { config, draft };
  useEffect(
    () => () => {
      const { config: saved, draft: text } = latest.current;
      if (saved) keeper.keep(saved.text, text);
    },
    [keeper],
  );

  // Validate the draft shortly after typing stops; only the latest answer counts.
  useEffect(() => {
    if (!config || draft === config.text) {
      if (config) setValidation(config);
      return;
    }
    const run = ++validateRun.current;
    const timer = setTimeout(() => {
      void api.router.validateConfig(draft).then((r) => {
        if (run !== validateRun.current) return;
        if (r.ok) setValidation(r.value);
      });
    }, VALIDATE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [api, config, draft]);

  const save = useCallback(async () => {
    setSaving(true);
    const r = await api.router.saveConfig(draft);
    setSaving(false);
    if (r.ok) {
      adopt(r.value);
      setError(null);
    } else {
      setError(r.error);
    }
    return r.ok;
  }, [api, adopt, draft]);

  const setPort = useCallback(
    async (port: number) => {
      const r = await api.router.setPort(port);
      if (r.ok) {
        const unsaved = config !== null && draft !== config.text ? draft : null;
        adopt(r.value);
        // Unsaved edits stay in the editor, with the new port applied to them too.
        if (unsaved !== null) setDraftState(editDoc(unsaved, (doc) => setFirstPort(doc, port)));
        setError(null);
      } else {
        setError(r.error);
      }
      return r.ok;
    },
    [api, adopt, config, draft],
  );

  const revert = useCallback(() => {
    if (config) setDraftState(config.text);
    setError(null);
  }, [config]);

  // An edit makes a refused save's issue list stale; the draft's own validation takes over.
  const setDraft = useCallback((text: string) => {
    setDraftState(text);
    setError((e) => (issuesOf(e).length > 0 ? null : e));
  }, []);

  return {
    config,
    draft,
    setDraft,
    dirty: config !== null && draft !== config.text,
    validation,
    saving,
    error,
    save,
    revert,
    setPort,
    reload,
    dismissError: useCallback(() => setError(null), []),
  };
}
