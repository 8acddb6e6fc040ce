// The two IPC channels between preload and main; nothing else is registered.
export const API_CHANNEL = 'authbahn:api';
export const EVENT_CHANNEL = 'authbahn:event';
