export { Router } from './router';
export type { RealmSnapshot, RegistrationSnapshot, SubscriptionSnapshot } from './router';
export type * from './types';
