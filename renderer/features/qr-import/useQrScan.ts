// The scan side of the QR import: sends images (or asks main to capture the screen) and keeps the
// preview main sends back. Images go one at a time into the same preview, so the parts of a Google
// Authenticator export spread over several screenshots come together.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { QrScanPreview } from '../../../shared/api/qr-contract';
import type { Result } from '../../../shared/api/result';
import { useApi } from '../api/ApiContext';
import { blobToBase64, imageProblem, type ImageItem } from './image-bytes';

export interface LocalProblem {
  source: string;
  message: string;
}

export interface QrScanState {
  preview: QrScanPreview | null;
  /** What is being scanned right now ("shot.png", "the screen"), or null when idle. */
  busy: string | null;
  /** Images refused before sending (too large, empty, unreadable). */
  problems: LocalProblem[];
  /** A failed call (e.g. screen capture refused); the preview so far is kept. */
  error: string | null;
  scanImages(items: ImageItem[]): Promise<void>;
  scanScreen(): Promise<void>;
  /** Forgets the preview here and in main. */
  reset(): void;
}

export function useQrScan(): QrScanState {
  const api = useApi();
  const [preview, setPreview] = useState<QrScanPreview | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [problems, setProblems] = useState<LocalProblem[]>([]);
  const [error, setError] = useState<string | null>(null);
  // The id the next scan adds to; a ref, so scans queued in one drop see the id the first one got.
  const previewId = useRef<string | undefined>(undefined);

  // Leaving the dialog forgets the scanned secrets in main right away rather than at expiry.
  useEffect(
    () => () => {
      if (previewId.current) void api.qr.discardPreview(previewId.current);
    },
    [api],
  );

  const accept = useCallback((result: Result<QrScanPreview>) => {
    if (result.ok) {
      previewId.current = result.value.previewId;
      setPreview(result.value);
      return;
    }
    if (result.error.code === 'NOT_FOUND') {
      // Expired (the dialog sat open for a long time): start over instead of failing every later scan.
      previewId.current = undefined;
      setPreview(null);
    }
    setError(result.error.message);
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

  const reset = useCallback(() => {
    if (previewId.current) void api.qr.discardPreview(previewId.current);
    previewId.current = undefined;
    setPreview(null);
    setProblems([]);
    setError(null);
  }, [api]);

  return { preview, busy, problems, error, scanImages, scanScreen, reset };
}
