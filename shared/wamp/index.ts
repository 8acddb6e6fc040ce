export * from './codes';
export * from './errors';
export * from './ids';
export * from './messages';
export * from './serializers';
export * from './uri';
export * from './cra';
