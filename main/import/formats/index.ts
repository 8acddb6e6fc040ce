// Every import format, in no particular order: detection picks the highest-scoring one.
import type { ImportFormat } from '../types';

export const IMPORT_FORMATS: readonly ImportFormat[] = [];
