import { describe, expect, it } from 'vitest';
import { captureThumbnailSize } from '../../../main/electron/capture-size';

describe('captureThumbnailSize', () => {
  it('asks for physical pixels: DIP size × scaleFactor (HiDPI screens keep their detail)', () => {
    expect(captureThumbnailSize([{ size: { width: 1440, height: 900 }, scaleFactor: 2 }])).toEqual({ width: 2880, height: 1800 });
    expect(captureThumbnailSize([{ size: { width: 1280, height: 720 }, scaleFactor: 1.5 }])).toEqual({ width: 1920, height: 1080 });
  });

  it('takes the box that holds every display, including portrait ones', () => {
    const size = captureThumbnailSize([
      { size: { width: 1920, height: 1080 }, scaleFactor: 1 },
      { size: { width: 1080, height: 1920 }, scaleFactor: 1.25 },
    ]);
    expect(size).toEqual({ width: 1920, height: 2400 });
  });

  it('treats a missing or broken scale factor as 1 and falls back to 1080p without displays', () => {
    expect(captureThumbnailSize([{ size: { width: 800, height: 600 }, scaleFactor: Number.NaN }])).toEqual({ width: 800, height: 600 });
    expect(captureThumbnailSize([])).toEqual({ width: 1920, height: 1080 });
  });
});
