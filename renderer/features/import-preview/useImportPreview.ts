// The input side of an import preview: images (QR codes), export files of other apps and pasted text
// all go into one preview kept in main; this hook keeps main's answer (metadata only, never a secret).
// Sources go in one at a time, so the parts of a Google Authenticator export spread over several
// screenshots come together. An encrypted file pauses the queue until its password is given (or the
// file is skipped); a wrong password adds nothing and says so.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportPreview } from '../../../shared/api/import-contract';
import type { Result } from '../../../shared/api/result';
import { useApi } from '../api/ApiContext';
import { blobToBase64, imageProblem, type ImageItem } from '../qr-import/image-bytes';
import { fileProblem, isImageFile } from './file-kind';

export interface LocalProblem {
  source: string;
  message: string;
}

/** An encrypted export file waiting for its password. */
export interface LockedFile {
  name: string;
  /** Shown under the password field: set after a wrong password. */
  error: string | null;
}

export interface ImportPreviewState {
  preview: ImportPreview | null;
  /** What is being read right now ("shot.png", "the screen"), or null when idle. */
  busy: string | null;
  /** Sources refused before sending (too large, empty, unreadable) or failed in main (unknown format). */
  problems: LocalProblem[];
  /** A failed call that is not about one source (e.g. screen capture refused); the preview so far is kept. */
  error: string | null;
  locked: LockedFile | null;
  scanImages(items: ImageItem[]): Promise<void>;
  scanScreen(): Promise<void>;
  /** Any files: images are scanned for QR codes, everything else is read as an export file. */
  addFiles(files: File[]): Promise<void>;
  /** The password for `locked`; the queue goes on once it is right (or the file is skipped). */
  unlockFile(password: string): Promise<void>;
  skipLocked(): Promise<void>;
  /** Pasted text into a fresh preview (the previous one is discarded); resolves to main's answer. */
  setText(text: string): Promise<ImportPreview | null>;
  /** Forgets the preview here and in main. */
  reset(): void;
}

export function useImportPreview(): ImportPreviewState {
  const api = useApi();
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [problems, setProblems] = useState<LocalProblem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [locked, setLocked] = useState<LockedFile | null>(null);
  // The id the next source adds to; a ref, so sources queued in one drop see the id the first one got.
  const previewId = useRef<string | undefined>(undefined);
  // Files still to read after the encrypted one that is waiting for its password (which is first).
  const queue = useRef<File[]>([]);
  const textRound = useRef(0);

  // Leaving the dialog forgets the secrets in main right away rather than at expiry.
  useEffect(
    () => () => {
      if (previewId.current) void api.import.discard(previewId.current);
    },
    [api],
  );

  const accept = useCallback((result: Result<ImportPreview>, source?: string): boolean => {
    if (result.ok) {
      previewId.current = result.value.previewId;
      setPreview(result.value);
      return true;
    }
    if (result.error.code === 'NOT_FOUND') {
      // Expired (the dialog sat open for a long time): start over instead of failing every later source.
      previewId.current = undefined;
      setPreview(null);
    }
    if (source === undefined) setError(result.error.message);
    else setProblems((p) => [...p, { source, message: result.error.message }]);
    return false;
  }, []);

  const scanImages = useCallback(
    async (items: ImageItem[]) => {
      setError(null);
      for (const item of items) {
        const problem = imageProblem(item);
        if (problem) {
          setProblems((p) => [...p, { source: item.name, message: problem }]);
          continue;
        }
        setBusy(item.name);
        let data: string;
        try {
          data = await blobToBase64(item.blob);
        } catch (e) {
          setProblems((p) => [...p, { source: item.name, message: `Cannot read the file: ${e instanceof Error ? e.message : String(e)}` }]);
          continue;
        }
        accept(await api.qr.scanImage(data, item.name.slice(0, 256) || 'image', previewId.current));
      }
      setBusy(null);
    },
    [api, accept],
  );

  const scanScreen = useCallback(async () => {
    setError(null);
    setBusy('the screen');
    accept(await api.qr.scanScreen(previewId.current));
    setBusy(null);
  }, [api, accept]);

  /** Reads files until one needs a password (it stays first in the queue) or the queue is empty. */
  const drain = useCallback(
    async (password: string | null) => {
      let pass = password;
      while (queue.current.length > 0) {
        const file = queue.current[0]!;
        const name = file.name.slice(0, 256) || 'file';
        if (isImageFile(file)) {
          queue.current.shift();
          await scanImages([{ blob: file, name }]);
          continue;
        }
        const problem = fileProblem(file);
        if (problem) {
          queue.current.shift();
          setProblems((p) => [...p, { source: name, message: problem }]);
          continue;
        }
        setBusy(name);
        let data: string;
        try {
          data = await blobToBase64(file);
        } catch (e) {
          queue.current.shift();
          setProblems((p) => [...p, { source: name, message: `Cannot read the file: ${e instanceof Error ? e.message : String(e)}` }]);
          continue;
        }
        const result = await api.import.previewFile(data, name, pass, previewId.current);
        setBusy(null);
        if (!result.ok && (result.error.code === 'IMPORT_PASSWORD_REQUIRED' || result.error.code === 'IMPORT_WRONG_PASSWORD')) {
          setLocked({ name, error: result.error.code === 'IMPORT_WRONG_PASSWORD' ? 'Wrong password: nothing from this file was imported. Try again.' : null });
          return;
        }
        queue.current.shift();
        setLocked(null);
        accept(result, name);
        pass = null;
      }
      setBusy(null);
    },
    [api, accept, scanImages],
  );

  const addFiles = useCallback(
    async (files: File[]) => {
      setError(null);
      const waiting = queue.current.length > 0;
      queue.current.push(...files);
      // A file waiting for its password holds the queue; the new ones follow it.
      if (!waiting) await drain(null);
    },
    [drain],
  );

  const unlockFile = useCallback((password: string) => drain(password), [drain]);

  const skipLocked = useCallback(async () => {
    queue.current.shift();
    setLocked(null);
    await drain(null);
  }, [drain]);

  const setText = useCallback(
    async (text: string): Promise<ImportPreview | null> => {
      const round = ++textRound.current;
      const old = previewId.current;
      previewId.current = undefined;
      if (old) void api.import.discard(old);
      setProblems([]);
      setError(null);
      if (text.trim() === '') {
        setPreview(null);
        return null;
      }
      const result = await api.import.previewText(text);
      if (round !== textRound.current) {
        // Typed on meanwhile: this answer is stale; forget it in main too.
        if (result.ok) void api.import.discard(result.value.previewId);
        return null;
      }
      if (!result.ok) {
        setPreview(null);
        setError(result.error.message);
        return null;
      }
      accept(result);
      return result.value;
    },
    [api, accept],
  );

  const reset = useCallback(() => {
    if (previewId.current) void api.import.discard(previewId.current);
    previewId.current = undefined;
    queue.current = [];
    textRound.current += 1;
    setPreview(null);
    setProblems([]);
    setError(null);
    setLocked(null);
  }, [api]);

  return { preview, busy, problems, error, locked, scanImages, scanScreen, addFiles, unlockFile, skipLocked, setText, reset };
}
